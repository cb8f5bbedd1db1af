// Issue 12's journeys in a real VS Code: the view as a review queue, note threads, a web page cited
// as evidence, reader comments on demand, dismissing and restoring findings. One window, journeys
// in order, each with a screenshot in a light and a dark theme (test-results/e2e/).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Locator } from 'playwright-core';
import { startSession, type Session } from './session';
import { Workbench } from './workbench';

const SOURCE = '000_10788ba24ea37e24.txt';
const OTHER = '002_3b3f9ef10a23df2c.txt';
const NOTE = 'Checked against the WSJ report of March 2018';
const REPLY = 'The WSJ piece quotes Lei Jun directly';
const URL = 'https://www.wsj.com/articles/xiaomi-plans-us-entry-2018';
const URL_TITLE = 'Xiaomi Plans US Entry (WSJ)';
const MEMO = 'memo.txt';

let session: Session;
let wb: Workbench;

const file = (name: string) => path.join(session.workspace, name);
const read = (name: string) => (existsSync(file(name)) ? readFileSync(file(name), 'utf8') : '');
const sidecar = () => read(`${SOURCE}.annotations.json`);

/** 1-based line and column of the first `text` in a source as saved on disk (+ `into` characters). */
function positionOf(name: string, text: string, into = 1): { line: number; column: number } {
  const source = read(name);
  const at = source.indexOf(text);
  if (at < 0) throw new Error(`"${text}" is not in ${name}`);
  const before = source.slice(0, at + into).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

beforeAll(async () => {
  session = await startSession();
  wb = new Workbench(session.page);
});

afterAll(async () => {
  await session?.close();
});

/** The last lines matching `pattern` in the extension hosts' logs of this session (CI prints only the run). */
function logLines(pattern: RegExp): string[] {
  const logs = path.join(session.userDataDir, 'logs');
  const files = existsSync(logs)
    ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => /exthost\d*[\\/](remoteexthost|.*Sourcemark)\.log$/.test(f)).sort()
    : [];
  return files.flatMap((f) => readFileSync(path.join(logs, f), 'utf8').split('\n').filter((l) => pattern.test(l)).map((l) => `${f}: ${l.slice(0, 300)}`)).slice(-20);
}

function screenshotOnFailure(name: string): void {
  onTestFailed(async () => {
    await wb?.screenshot(`failed-${name}`).catch(() => undefined);
  });
}

async function openView(): Promise<void> {
  const { page } = session;
  // Clicking the icon of the view that is showing would close the side bar.
  const shown = page.locator('.part.sidebar .composite.title', { hasText: /Sourcemark/i });
  if (!(await shown.isVisible())) await page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Sourcemark"]') }).first().click();
  await shown.waitFor();
  await wb.treeRow(SOURCE).waitFor();
}

/** Only `name` expanded in the view, and its section `section` expanded under it. */
async function showSection(name: string, section: string): Promise<void> {
  for (const other of [SOURCE, OTHER]) if (other !== name) await wb.collapse(wb.treeRow(other));
  await wb.expand(wb.treeRow(name));
  // Sections open by default are closed, so that the rows under `section` are drawn: the list draws
  // only the rows in its viewport.
  for (const open of ['Claims', 'Conflicts', 'Orphans']) {
    if (open !== section && (await wb.treeRow(open).count())) await wb.collapse(wb.treeRow(open));
  }
  await wb.expand(wb.treeRow(section));
}

const claimsProgress = async () => {
  const text = await wb.treeRow('Claims').locator('.label-description').innerText();
  const m = /(\d+) of (\d+) reviewed/.exec(text);
  return m ? { reviewed: Number(m[1]), total: Number(m[2]) } : undefined;
};

/**
 * Expands `row` until `child` shows. A live update of the view (the tag's new counts, the index
 * catching up) that lands while the row opens can draw it closed again, or open with no rows (CI
 * stop 70: Entities open and empty for 30 s): then the view's Refresh asks for its rows anew. Rows
 * still loading are waited for (VS Code asks nothing again of a row while its rows load); the
 * view printed on failure marks such a row with "…".
 */
async function expandUntilShown(row: Locator, child: Locator): Promise<void> {
  const twistie = row.locator('.monaco-tl-twistie');
  try {
    await expect.poll(async () => {
      if (await child.isVisible()) return true;
      const openAndDone = (await row.getAttribute('aria-expanded')) === 'true'
        && !(await twistie.getAttribute('class'))?.includes('codicon-tree-item-loading');
      if (openAndDone) await session.page.locator('.part.sidebar .title-actions .action-label[aria-label^="Refresh Sources View"]').click();
      await wb.expand(row);
      return child.isVisible();
    }, { timeout: 60_000, interval: 2_000 }).toBe(true);
  } catch (e) {
    // CI keeps only what the run prints: say what the view showed instead.
    const { page } = session;
    const rows = page.locator('.part.sidebar .monaco-list-row');
    const state = {
      rows: await rows.evaluateAll((els) => els.map((el) => `${el.getAttribute('aria-level')}${el.getAttribute('aria-expanded') === 'true' ? '▾' : ''}${el.querySelector('.codicon-tree-item-loading') ? '…' : ''} ${(el.textContent ?? '').replace(/\s+/g, ' ').slice(0, 80)}`)),
      message: await page.locator('.part.sidebar .message').allInnerTexts(),
      logs: logLines(/error|tree|sources view/i),
    };
    throw new Error(`The row was not shown within 60 s. The view showed: ${JSON.stringify(state)}`, { cause: e });
  }
}

/** Opens a source from the Explorer, whichever view the side bar shows. */
async function openSource(name: string): Promise<void> {
  await wb.runCommand('View: Show Explorer');
  await wb.openFromExplorer(name);
}

async function reloadWindow(): Promise<void> {
  const { page } = session;
  await page.reload();
  await page.locator('.monaco-workbench').waitFor();
  // The window comes back with the source open in its editor.
  await page.locator('.tabs-container .tab.active', { hasText: SOURCE }).waitFor({ timeout: 60_000 });
  await wb.activeEditor().waitFor();
  await page.locator('.statusbar-item', { hasText: /\d+ claims · \d+ ✓/ }).first().waitFor({ timeout: 60_000 });
}

describe('Issue 12 in VS Code: review queue, notes, evidence, regions, dismissals', () => {
  it('the view is a review queue: sections, and progress that moves when a claim is tagged', async () => {
    screenshotOnFailure('review-queue');
    const { page } = session;
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SOURCE }).first().waitFor();
    await wb.openFromExplorer(SOURCE);
    await page.locator('.statusbar-item', { hasText: /\d+ claims · 0 ✓/ }).first().waitFor({ timeout: 60_000 });
    // The regions item says what is analysed: the article, by default.
    await page.locator('.statusbar-item', { hasText: /Article$/ }).first().waitFor();
    await openView();
    await expandUntilShown(wb.treeRow(SOURCE), wb.treeRow('Claims'));
    for (const section of ['Claims', 'Entities', 'Dates']) await wb.treeRow(section).waitFor();
    await expect.poll(claimsProgress).toMatchObject({ reviewed: 0 });
    const { total } = (await claimsProgress())!;
    // Reader comments are not shown by default.
    expect(await wb.treeRow('Reader comments').count()).toBe(0);

    await wb.goTo(1, 1);
    await wb.runCommand('Sourcemark: Go to Next Untagged Claim');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor();
    // Nothing is tagged yet, so nothing takes a note.
    const commentable = page.locator('.monaco-editor .comment-range-glyph.comment-diff-added');
    expect(await commentable.count()).toBe(0);
    await wb.runCommand('Sourcemark: Tag as Verified');
    await expect.poll(claimsProgress, { timeout: 15_000 }).toEqual({ reviewed: 1, total });
    // The claim just tagged takes a note ("+" beside it) at once, not after the next edit.
    await commentable.first().waitFor({ timeout: 15_000 });
    await expandUntilShown(wb.treeRow('Entities'), wb.treeRow('Xiaomi'));
    expect(await wb.treeRow('Xiaomi').locator('.label-description').innerText()).toMatch(/organisation · \d+ mentions/);
    await wb.screenshotThemes('20-review-queue', 'review-queue');
  });

  /**
   * Shows the note thread `shown` belongs to. The Comments panel lists a thread once the server has
   * sent it, and a click there reveals it expanded in the editor; Expand All alone sometimes races
   * the thread's arrival, and a click can come before the editor has the thread: both, until shown.
   */
  async function showThread(shown: Locator): Promise<void> {
    const listed = session.page.locator('.comments-panel .monaco-list-row', { hasText: NOTE }).first();
    try {
      await expect.poll(async () => {
        if (await shown.isVisible()) return true;
        if (await listed.isVisible()) await listed.click();
        if (await shown.isVisible()) return true;
        await wb.runCommand('Comments: Expand All Comments');
        return shown.isVisible();
      }, { timeout: 60_000, interval: 2_000 }).toBe(true);
    } catch (e) {
      // CI keeps only what the run prints: say what the window showed instead.
      const { page } = session;
      const state = {
        threads: (await page.locator('.review-widget').allInnerTexts()).map((t) => t.slice(0, 300)),
        threadGlyphs: await page.locator('.comment-range-glyph[class*="comment-thread"]').count(),
        commentableLines: await page.locator('.comment-range-glyph.comment-diff-added').count(),
        panelRows: (await page.locator('.comments-panel .monaco-list-row').allInnerTexts()).map((t) => t.slice(0, 120)),
        logs: logLines(/notes?\b|comment/i),
      };
      throw new Error(`The note thread was not shown within 60 s. The window showed: ${JSON.stringify(state)}`, { cause: e });
    }
  }

  it('a note thread on the tagged claim takes a reply and is still there after a reload', async () => {
    screenshotOnFailure('note-thread');
    const { page } = session;
    await wb.focusEditor();
    await wb.runCommand('Sourcemark: Add or Edit Note');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill(NOTE);
    await wb.quickInput().press('Enter');
    await expect.poll(sidecar, { timeout: 15_000 }).toContain(NOTE);

    const thread = page.locator('.review-widget', { hasText: NOTE }).first();
    await showThread(thread);
    // A thread with comments shows a "Reply…" button until the reply box is opened.
    const replyButton = thread.locator('.review-thread-reply-button');
    const replyBox = thread.locator('.comment-form .monaco-editor').first();
    // Monaco draws spaces as no-break spaces.
    const replyText = async () => (await replyBox.locator('.view-lines').innerText({ timeout: 2_000 }).catch(() => '')).replace(/\s/g, ' ');
    // A live update may redraw the thread, and an empty reply box that loses focus folds back into
    // its button, taking what was typed: type until the box holds the reply, then send it once.
    await expect.poll(async () => {
      try {
        if ((await replyText()).includes(REPLY)) return true;
        if (await replyButton.isVisible()) await replyButton.click({ timeout: 2_000 });
        await replyBox.click({ timeout: 2_000 });
        // Typed anywhere else (the source's editor) the keys would edit the source.
        if (!(await replyBox.locator(':focus').count())) return false;
        await page.keyboard.press('Control+A');
        await page.keyboard.type(REPLY);
        return (await replyText()).includes(REPLY);
      } catch {
        return false;
      }
    }, { timeout: 30_000, interval: 500 }).toBe(true);
    // A redraw that swallowed the click leaves the reply in its box: send it again then, only then.
    for (let attempt = 1; ; attempt++) {
      await thread.getByRole('button', { name: 'Reply' }).first().click({ timeout: 5_000 }).catch(() => undefined);
      try {
        await expect.poll(sidecar, { timeout: 10_000 }).toContain(REPLY);
        break;
      } catch (e) {
        if (attempt >= 3 || !(await replyText()).includes(REPLY)) throw e;
      }
    }
    await thread.locator('.comment-body', { hasText: REPLY }).waitFor();

    await reloadWindow();
    // The threads arrive once the server has read the sidecar: expand them when they are there.
    await showThread(page.locator('.review-widget', { hasText: NOTE }).first().locator('.comment-body', { hasText: REPLY }));
    await wb.screenshotThemes('21-note-thread', 'note-thread');
    await wb.runCommand('Comments: Collapse All Comments');
  });

  it('a web page cited as evidence shows in the hover', async () => {
    screenshotOnFailure('cite-url');
    const { page } = session;
    const tagged = JSON.parse(sidecar()) as { annotations: { target: { start: number } }[] };
    const start = tagged.annotations[0].target.start;
    const before = read(SOURCE).slice(0, start + 1).split(/\r\n|\r|\n/);
    await wb.goTo(before.length, before[before.length - 1].length + 1);
    await wb.runCommand('Sourcemark: Cite a Web Page as Evidence…');
    await wb.quickInput().waitFor({ state: 'visible' });
    await wb.quickInput().fill('wsj.com');
    // Not a web address: the input box says so and keeps the value.
    await page.locator('.quick-input-message', { hasText: /not a web address/ }).waitFor();
    await wb.quickInput().fill(URL);
    await wb.quickInput().press('Enter');
    await page.locator('.quick-input-title', { hasText: /its title/ }).waitFor();
    await wb.quickInput().fill(URL_TITLE);
    await wb.quickInput().press('Enter');
    await page.locator('.quick-input-title', { hasText: /words that matter/ }).waitFor();
    await wb.quickInput().press('Enter');
    await expect.poll(sidecar, { timeout: 15_000 }).toContain(URL);
    await wb.goTo(before.length, before[before.length - 1].length + 1);
    await expect.poll(async () => {
      const text = await (await wb.hoverAtCursor(/verified/i)).innerText();
      if (!text.includes(URL)) await wb.closeHover();
      return text.includes(URL);
      // As long as the other waits for the server here: it failed once at 15 s on a loaded machine, and passed again.
    }, { timeout: 60_000, interval: 1_000 }).toBe(true);
    await wb.screenshotThemes('22-evidence-hover', 'evidence-hover', async () => {
      await wb.goTo(before.length, before[before.length - 1].length + 1);
      await wb.hoverAtCursor(URL);
    });
    await wb.closeHover();
  });

  it('toggling reader comments on lists them grouped by commenter', async () => {
    screenshotOnFailure('comments');
    const { page } = session;
    await wb.runCommand('Sourcemark: Show or Hide Reader Comments');
    await page.locator('.statusbar-item', { hasText: 'Article + comments' }).first().waitFor();
    // Written through to the workspace's settings.
    await expect.poll(() => read('.vscode/settings.json')).toMatch(/"sourcemark\.regions":\s*\[\s*"title",\s*"body",\s*"comments"\s*\]/);
    await openView();
    await showSection(SOURCE, 'Reader comments');
    // "toukale" is one of the sample's commenters. The server's re-analysis with comments shown can
    // redraw the source's sections after the click that expanded them (seen once in CI).
    const commenter = wb.treeRow(/toukale/);
    await expandUntilShown(wb.treeRow('Reader comments'), commenter);
    expect(await commenter.locator('.label-description').innerText()).toMatch(/\d+ (claims?|entity mentions?|dates?|quotations?)/);
    await wb.expand(commenter);
    await wb.screenshotThemes('23-comments-by-commenter', 'comments');
    await wb.runCommand('Sourcemark: Show or Hide Reader Comments');
    await page.locator('.statusbar-item', { hasText: /Article$/ }).first().waitFor();
    await wb.treeRow('Reader comments').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('a name dismissed in the workspace is gone from every source, stays gone after a reload, and is restored by the command', async () => {
    screenshotOnFailure('dismiss-name');
    const { page } = session;
    const { line, column } = positionOf(SOURCE, 'Chinese', 2);
    await wb.goTo(line, column);
    await wb.runCommand('Sourcemark: Dismiss: Ignore This Name in the Workspace');
    await expect.poll(() => read('.sourcemark-ignore'), { timeout: 15_000 }).toMatch(/Chinese/);

    const chineseListed = async (name: string) => {
      await showSection(name, 'Entities');
      await expandUntilShown(wb.treeRow('Entities'), wb.treeRow('Xiaomi'));
      return wb.treeRow('Chinese').count();
    };
    await openView();
    await expect.poll(() => chineseListed(SOURCE), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => chineseListed(OTHER), { timeout: 15_000 }).toBe(0);
    await wb.screenshotThemes('24-name-dismissed');

    await reloadWindow();
    await openView();
    await expect.poll(() => chineseListed(OTHER), { timeout: 30_000 }).toBe(0);

    await wb.runCommand('Sourcemark: Show Dismissed Findings…');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Chinese' }).first();
    await row.waitFor();
    await wb.screenshot('25-show-dismissed', 'dismissed');
    await row.click(); // ticks it
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => read('.sourcemark-ignore'), { timeout: 15_000 }).not.toMatch(/Chinese/);
    await expect.poll(() => chineseListed(OTHER), { timeout: 30_000 }).toBe(1);
  });

  it('"Not a claim" removes the claim, and it stays dismissed after the source is edited outside the editor', async () => {
    screenshotOnFailure('not-a-claim');
    const { page } = session;
    await openSource(SOURCE);
    await openView();
    await showSection(SOURCE, 'Claims');
    const before = (await claimsProgress())!;
    const claim = 'It appears that this year Xiaomi is closer than ever';
    const { line, column } = positionOf(SOURCE, claim, 5);
    await wb.goTo(line, column);
    await wb.runCommand('Sourcemark: Dismiss: Not a Claim');
    await expect.poll(sidecar, { timeout: 15_000 }).toMatch(/not-a-claim/);
    await expect.poll(claimsProgress, { timeout: 15_000 }).toEqual({ reviewed: before.reviewed, total: before.total - 1 });

    // Edited on disk (a git pull): a caption added above the claim's paragraph moves it.
    const text = read(SOURCE);
    const paragraph = text.lastIndexOf('\n\n', text.indexOf(claim)) + 2;
    const caption = 'Photo: Xiaomi\n\n';
    writeFileSync(file(SOURCE), `${text.slice(0, paragraph)}${caption}${text.slice(paragraph)}`);
    await wb.activeEditor().locator('.view-line', { hasText: 'Photo: Xiaomi' }).first().waitFor({ timeout: 30_000 });
    await expect.poll(claimsProgress, { timeout: 30_000 }).toEqual({ reviewed: before.reviewed, total: before.total - 1 });
    // Had the dismissal not followed its moved text, the claim would be back in the queue.
    await page.locator('.statusbar-item', { hasText: /\d+ claims/ }).first().waitFor();
    await wb.screenshotThemes('26-not-a-claim-after-edit');
  });

  it('a source that disagrees with the others: one row per disputed place under Conflicts, expanding to the places that say otherwise', async () => {
    screenshotOnFailure('conflicts');
    const { page } = session;
    // The samples agree with each other; the memo gives their plan 2021.
    writeFileSync(file(MEMO), readFileSync(path.resolve(__dirname, '../../test-fixtures/disagreeing/memo.txt'), 'utf8'));
    await wb.runCommand('View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: MEMO }).first().waitFor({ timeout: 30_000 });
    await wb.openFromExplorer(MEMO);
    await openView();
    const place = wb.treeRow('time frame: "2021"');
    // Once the memo is linked to the samples (its diagnostics published again), it has a Conflicts section.
    await expect.poll(async () => {
      for (const other of [SOURCE, OTHER]) if (await wb.treeRow(other).count()) await wb.collapse(wb.treeRow(other));
      await wb.expand(wb.treeRow(MEMO));
      if (!(await wb.treeRow('Conflicts').count())) return false;
      await wb.expand(wb.treeRow('Conflicts'));
      return (await place.count()) > 0;
    }, { timeout: 60_000, interval: 2_000 }).toBe(true);
    // One row for the memo's "2021", however many claims of the samples it contradicts.
    expect(await page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: /"2021"/ }) }).count()).toBe(1);
    expect(await place.locator('.label-description').innerText()).toMatch(/^line 1 · \d+ places say otherwise$/);
    await wb.expand(place);
    // Under it, each place that says otherwise; a click opens that source there.
    const others = page.locator('.part.sidebar .monaco-list-row[aria-level="4"]');
    const other = others.filter({ has: page.locator('.label-name', { hasText: OTHER }) }).first();
    await other.waitFor();
    expect(await others.count()).toBeGreaterThan(1);
    expect(await other.locator('.label-description').innerText()).toMatch(/^line 1 · "end of 2018" \(2018-09-01 … 2018-12-31\)$/);
    await wb.screenshotThemes('27-conflicts-by-place', 'conflicts');
    await other.click();
    await page.locator('.tabs-container .tab.active', { hasText: OTHER }).waitFor();
    await page.locator('.statusbar-item', { hasText: /Ln 1, Col \d+ \(11 selected\)/ }).first().waitFor();
  });
});
