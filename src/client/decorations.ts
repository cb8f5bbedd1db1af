import * as vscode from 'vscode';
import { TAG_STATUSES } from '../core/model';
import type { TagStatus } from '../shared/protocol';
import { toRange } from './ranges';
import { STATUS_GLYPH } from './countsText';
import type { FindingsStore } from './findingsStore';

/** Colour ids contributed in package.json (`contributes.colors`), so every theme can restyle them. */
const color = (id: string) => new vscode.ThemeColor(`sourcemark.${id}`);

/**
 * The one place findings become editor decorations. A tagged claim gets its status colour as a
 * background and a solid underline, a status icon in the gutter, a status mark after it and a mark
 * in the overview ruler: in high-contrast themes (no backgrounds) the underline, icon and mark
 * still say it. A tagged entity or date gets the colour and a thin underline (names are short and
 * inline). An untagged claim gets only a faint dotted underline: still to check, quieter than
 * anything tagged, so the page is not a wall of boxes.
 */
export class FindingDecorations implements vscode.Disposable {
  private readonly claimTypes = new Map<TagStatus, vscode.TextEditorDecorationType>();
  private readonly nameTypes = new Map<TagStatus, vscode.TextEditorDecorationType>();
  private readonly gutterTypes = new Map<TagStatus, vscode.TextEditorDecorationType>();
  private readonly untaggedClaim: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: FindingsStore, extensionUri: vscode.Uri) {
    const gutter = (status: TagStatus, theme: 'light' | 'dark') => vscode.Uri.joinPath(extensionUri, 'media', 'gutter', `${status}-${theme}.svg`);
    for (const status of TAG_STATUSES) {
      const common: vscode.DecorationRenderOptions = {
        backgroundColor: color(`${status}Background`),
        overviewRulerColor: color(`${status}Ruler`),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      };
      this.claimTypes.set(status, vscode.window.createTextEditorDecorationType({
        ...common,
        borderStyle: 'none none solid none',
        borderWidth: '0 0 2px 0',
        borderColor: color(`${status}Foreground`),
        after: { contentText: `\u2009${STATUS_GLYPH[status]}`, color: color(`${status}Foreground`), fontWeight: 'bold' },
      }));
      // On the claim's first line only: a wrapped claim would otherwise get one per screen line.
      this.gutterTypes.set(status, vscode.window.createTextEditorDecorationType({
        light: { gutterIconPath: gutter(status, 'light') },
        dark: { gutterIconPath: gutter(status, 'dark') },
        gutterIconSize: '80%',
      }));
      this.nameTypes.set(status, vscode.window.createTextEditorDecorationType({
        ...common,
        borderStyle: 'none none solid none',
        borderWidth: '0 0 1px 0',
        borderColor: color(`${status}Foreground`),
      }));
    }
    this.untaggedClaim = vscode.window.createTextEditorDecorationType({
      borderStyle: 'none none dotted none',
      borderWidth: '0 0 1px 0',
      borderColor: color('untaggedClaimBorder'),
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
    this.disposables.push(
      store.onDidChange((uri) => {
        for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri) this.render(editor);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.render(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.render(e));
  }

  private render(editor: vscode.TextEditor): void {
    const findings = this.store.get(editor.document.uri)?.findings ?? [];
    const byType = new Map<vscode.TextEditorDecorationType, vscode.DecorationOptions[]>();
    const add = (type: vscode.TextEditorDecorationType, range: vscode.Range) => {
      const list = byType.get(type) ?? [];
      list.push({ range });
      byType.set(type, list);
    };
    for (const f of findings) {
      const range = toRange(f.range);
      if (f.status && f.kind === 'claim') {
        add(this.claimTypes.get(f.status)!, range);
        add(this.gutterTypes.get(f.status)!, new vscode.Range(range.start, range.start));
      } else if (f.status) add(this.nameTypes.get(f.status)!, range);
      else if (f.kind === 'claim') add(this.untaggedClaim, range);
    }
    for (const type of this.types()) {
      editor.setDecorations(type, byType.get(type) ?? []);
    }
  }

  private types(): vscode.TextEditorDecorationType[] {
    return [...this.claimTypes.values(), ...this.gutterTypes.values(), ...this.nameTypes.values(), this.untaggedClaim];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const t of this.types()) t.dispose();
  }
}
