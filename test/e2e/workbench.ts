// Drives the VS Code workbench the way a user does: keyboard, palette, clicks. Every wait is on a
// selector or text, never a fixed delay.
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, ROOT } from './session';

const README_SCREENSHOTS = path.join(ROOT, 'media', 'screenshots');

// Used only inside page.evaluate, which runs in the browser; the project compiles without the DOM lib.
interface BrowserElement { style: Record<string, string>; remove(): void; appendChild(e: BrowserElement): void; querySelectorAll(s: string): Iterable<BrowserElement> }
declare const document: { createElement(tag: string): BrowserElement; querySelector(s: string): BrowserElement | null };
declare function getComputedStyle(e: BrowserElement): { backgroundColor: string };

export class Workbench {
  constructor(readonly page: Page) {}

  /** Runs a command by its palette title ("Sourcemark: Add or Edit Note"). */
  async runCommand(title: string): Promise<void> {
    const input = this.quickInput();
    // A webview that takes focus (a walkthrough step's media as it loads, a report) keeps F1 to
    // itself or closes the palette under us: focus the active tab and start again.
    for (let attempt = 1; ; attempt++) {
      const wait = attempt < 3 ? { timeout: 10_000 } : {};
      try {
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', ...wait });
        await input.fill(`>${title}`, wait);
        await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor(wait);
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.page.keyboard.press('Escape');
        await this.page.locator('.tabs-container .tab.active').first().click({ timeout: 5_000 }).catch(() => undefined);
      }
    }
    // To the palette's input itself: a webview that took focus meanwhile would take the key.
    await input.press('Enter');
  }

  /** The open quick input (input box or quick pick). */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  async openFromExplorer(name: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.activeEditor().waitFor();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  }

  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor textarea, .editor-group-container.active .monaco-editor .native-edit-context').first().focus();
  }

  /** Moves the cursor with "Go to Line/Column" (1-based line and column). */
  async goTo(line: number, column: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.quickInput().waitFor({ state: 'visible' });
    await this.quickInput().fill(`:${line}:${column}`);
    await this.quickInput().press('Enter');
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor();
  }

  /** Shows the hover at the cursor (Show or Focus Hover) and returns its content once it has some. */
  async hoverAtCursor(containing: string | RegExp): Promise<Locator> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: containing }).first();
    // A hover asked while the server is still reading the source (after a reload, say) shows what
    // it had then and does not update: ask again until it holds what is expected.
    for (let attempt = 0; ; attempt++) {
      await this.focusEditor();
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
      try {
        await hover.waitFor({ state: 'visible', timeout: attempt < 11 ? 5_000 : 30_000 });
        return hover;
      } catch (e) {
        if (attempt >= 11) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Points at `target` until `shown` is visible. Content that moves under a still pointer (a code
   * lens inserted above the line once the workspace is indexed, a tree refreshed by a live update)
   * leaves the pointer on something else, so each try moves away and points at the target afresh.
   * Returns the number of tries.
   */
  async pointUntilVisible(target: Locator, shown: Locator, timeoutMs = 45_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let attempts = 1; ; attempts++) {
      await this.page.mouse.move(1, 1);
      await target.hover();
      try {
        await shown.waitFor({ state: 'visible', timeout: 4_000 });
        return attempts;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  async closeHover(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first().waitFor({ state: 'hidden' });
  }

  /**
   * A PNG in test-results/e2e/. `readme` names the picture the README shows: with
   * SOURCEMARK_README_SCREENSHOTS=1 (`npm run screenshots`) it is also saved as
   * media/screenshots/<readme>.jpg, so the README's pictures are the suite's.
   */
  async screenshot(name: string, readme?: string): Promise<string> {
    const file = path.join(ARTIFACTS, `${name}.png`);
    // Finish fade-ins (hovers, menus) so the picture shows what the user ends up seeing.
    await this.page.screenshot({ path: file, animations: 'disabled' });
    if (readme && process.env.SOURCEMARK_README_SCREENSHOTS === '1') {
      await this.page.screenshot({ path: path.join(README_SCREENSHOTS, `${readme}.jpg`), type: 'jpeg', quality: 60, animations: 'disabled' });
    }
    return file;
  }

  /**
   * The same picture in a light and a dark theme (`<name>-light.png`, `<name>-dark.png`), switched
   * with "Toggle between Light/Dark Themes" and back. `readme` names the README picture (the light one).
   * The palette closes hovers and quick picks: `reshow` brings back what the picture shows.
   */
  async screenshotThemes(name: string, readme?: string, reshow?: () => Promise<unknown>): Promise<void> {
    const dark = this.page.locator('.monaco-workbench.vs-dark');
    const startsDark = (await dark.count()) > 0;
    const shoot = (isDark: boolean) => this.screenshot(`${name}-${isDark ? 'dark' : 'light'}`, isDark ? undefined : readme);
    await shoot(startsDark);
    await this.runCommand('Preferences: Toggle between Light/Dark Themes');
    await dark.waitFor({ state: startsDark ? 'detached' : 'attached' });
    await reshow?.();
    await shoot(!startsDark);
    await this.runCommand('Preferences: Toggle between Light/Dark Themes');
    await dark.waitFor({ state: startsDark ? 'attached' : 'detached' });
  }

  /** A row of the side bar's tree (the Sourcemark view) whose label is exactly `label`. */
  treeRow(label: string | RegExp): Locator {
    const name = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
    return this.page.locator('.part.sidebar .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: name }) }).first();
  }

  /** Expands a tree row (no-op when it is expanded). */
  async expand(row: Locator): Promise<void> {
    await row.waitFor();
    await this.setExpanded(row, 'true');
  }

  async collapse(row: Locator): Promise<void> {
    await this.setExpanded(row, 'false');
  }

  /** A live update can redraw the row under the click: click again until it holds. */
  private async setExpanded(row: Locator, wanted: 'true' | 'false'): Promise<void> {
    // Imported here: the rest of the workbench also drives benchmarks run as scripts, where vitest cannot load.
    const { expect } = await import('vitest');
    await expect.poll(async () => {
      if ((await row.getAttribute('aria-expanded')) !== wanted) await row.locator('.monaco-tl-twistie').click();
      return row.getAttribute('aria-expanded');
    }, { timeout: 20_000, interval: 1_000 }).toBe(wanted);
  }

  /**
   * Elements drawn in the editor whose background is the theme colour `colorId` (a contributed
   * `sourcemark.*` colour): how the test sees a decoration without knowing VS Code's class names.
   */
  async countWithBackground(colorId: string): Promise<number> {
    return this.page.evaluate((cssVar) => {
      const probe = document.createElement('div');
      probe.style.backgroundColor = `var(${cssVar})`;
      document.querySelector('.monaco-workbench')!.appendChild(probe);
      const wanted = getComputedStyle(probe).backgroundColor;
      probe.remove();
      if (!wanted || wanted === 'rgba(0, 0, 0, 0)') return -1; // the colour is not contributed
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      return [...(editor?.querySelectorAll('.view-overlays div, .view-lines span') ?? [])].filter((e) => getComputedStyle(e).backgroundColor === wanted).length;
    }, `--vscode-${colorId.replace('.', '-')}`);
  }
}
