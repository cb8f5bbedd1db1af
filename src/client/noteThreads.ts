import * as vscode from 'vscode';
import { CoalescingRunner } from './coalescingRunner';
import { COMMANDS, NoteThreadsRequest, type CommandArguments, type CommandName, type CommandResult, type NoteComment, type NoteThread } from '../shared/protocol';
import { pickFinding } from './findingPicker';
import type { Register } from './commands';
import type { FindingsStore } from './findingsStore';
import { toRange } from './ranges';
import type { SourcemarkServer } from './serverState';
import { kindWord, statusWord } from '../shared/words';

const CONTROLLER_ID = 'sourcemark.notes';

/** One comment of a tag's note thread as VS Code draws it. */
export class NoteCommentItem implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  readonly timestamp: Date;
  readonly label: string | undefined;
  readonly contextValue = 'sourcemark.note';

  constructor(readonly note: NoteComment, readonly thread: vscode.CommentThread) {
    this.body = preview(note.body);
    this.author = { name: note.author };
    this.timestamp = new Date(note.editedAt ?? note.createdAt);
    this.label = note.editedAt ? 'edited' : undefined;
  }
}

/** A note is shown as text: a sidecar can come from someone else (git), so no Markdown of theirs runs. */
function preview(body: string): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText(body);
}

function bodyText(body: string | vscode.MarkdownString): string {
  return typeof body === 'string' ? body : body.value;
}

/**
 * Notes as conversations (VS Code's Comments API, as CodeTour does): each tag with a note has a
 * thread on its finding, with every comment's author and time; a tagged finding offers "+" in the
 * gutter to start one; comments are added, replied to, edited and deleted through the server, which
 * keeps them in the sidecar. Threads are read again whenever the server says the source changed
 * (a tag command, the sidecar edited on disk), so they always show what the sidecar holds.
 */
export class NoteThreads implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController(CONTROLLER_ID, vscode.l10n.t('Sourcemark notes'));
  /** Source URI → tag id → its thread. Threads the user is starting (no tag id yet) are not here. */
  private readonly threads = new Map<string, Map<string, vscode.CommentThread>>();
  private readonly annotationOf = new WeakMap<vscode.CommentThread, string>();
  /** Reads in flight per source; `again` when another change came meanwhile. */
  private readonly loading = new CoalescingRunner();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly server: SourcemarkServer, private readonly store: FindingsStore) {
    this.controller.options = { prompt: vscode.l10n.t('Add a note to this tag…'), placeHolder: vscode.l10n.t('Where you checked it, what you found') };
    this.controller.commentingRangeProvider = this.commentingRanges;
    this.disposables.push(
      this.controller,
      store.onDidChange((uri) => {
        const findings = this.store.get(vscode.Uri.parse(uri));
        const tagged = findings?.isSource ? findings.findings.filter((f) => f.status).map((f) => f.id).sort().join('\n') : '';
        if ((this.taggedIds.get(uri) ?? '') === tagged) return;
        this.taggedIds.set(uri, tagged);
        this.askForCommentingRanges();
      }),
      server.onSourceChanged((s) => {
        if (this.isOpen(s.uri)) this.load(s.uri);
      }),
      server.onDidChangeRunning((running) => {
        if (running) for (const d of vscode.workspace.textDocuments) this.load(d.uri.toString());
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
    );
    // A source just opened is read when the server has analysed it and says so (onSourceChanged):
    // asked at once, the request could reach the server before the document's didOpen and fail.
    // Documents open before the server started are read once it runs (onDidChangeRunning).
  }

  /** Only tagged findings take notes (a note belongs to a tag). */
  private readonly commentingRanges: vscode.CommentingRangeProvider = {
    provideCommentingRanges: async (document) => {
      if (document.uri.scheme !== 'file' || !this.server.available) return [];
      const findings = await this.store.current(document, 'decorated').catch(() => undefined);
      return findings?.isSource ? findings.findings.filter((f) => f.status).map((f) => toRange(f.range)) : [];
    },
  };

  /** Each open source's tagged findings (ids) when VS Code last asked where notes can go. */
  private readonly taggedIds = new Map<string, string>();
  private rangesAsked = false;
  private disposed = false;

  /**
   * Has VS Code ask for the commenting ranges and threads of its editors again (the API has no change
   * event; setting the provider is the signal). Needed when a finding is tagged or untagged, and
   * when threads are made: an editor asking while the server was still analysing the source (as
   * after a reload) keeps that answer, and then drops threads that arrive, so notes would not show.
   */
  private askForCommentingRanges(): void {
    if (this.rangesAsked) return;
    this.rangesAsked = true;
    setImmediate(() => {
      this.rangesAsked = false;
      if (!this.disposed) this.controller.commentingRangeProvider = this.commentingRanges;
    });
  }

  private isOpen(uri: string): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri);
  }

  /** Reads a plain-text file's threads (the server answers none for a file that is not a source). */
  private load(uri: string): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (document?.uri.scheme !== 'file' || document.languageId !== 'plaintext') return;
    this.loading.run(uri, async () => {
      try {
        const { threads } = await this.server.request(NoteThreadsRequest, { uri });
        if (this.isOpen(uri)) this.show(uri, threads);
      } catch (e) {
        // Not a source, or the server is down (the status bar says so).
        if (this.server.available) console.error(`Sourcemark: could not read the notes of ${uri}: ${(e as Error).message}`);
      }
    });
  }

  private show(uri: string, threads: NoteThread[]): void {
    const current = this.threads.get(uri) ?? new Map<string, vscode.CommentThread>();
    this.threads.set(uri, current);
    const seen = new Set<string>();
    let made = false;
    for (const t of threads) {
      if (!t.range || !t.comments.length) continue; // an orphan's notes are in its hover and the view
      seen.add(t.annotationId);
      let thread = current.get(t.annotationId);
      if (!thread) {
        thread = this.controller.createCommentThread(vscode.Uri.parse(uri), toRange(t.range), []);
        thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
        thread.canReply = true;
        thread.contextValue = 'sourcemark.noteThread';
        this.annotationOf.set(thread, t.annotationId);
        current.set(t.annotationId, thread);
        made = true;
      } else if (!sameRange(thread.range, toRange(t.range))) {
        thread.range = toRange(t.range);
      }
      // A comment being edited keeps the user's text until saved or cancelled.
      if (thread.comments.some((c) => c.mode === vscode.CommentMode.Editing)) continue;
      // Unchanged threads are left alone: each assignment redraws the widget under the user's pointer.
      const signature = JSON.stringify(t.comments.map((c) => [c.id, c.author, c.body, c.editedAt ?? '']));
      if (this.signatures.get(thread) !== signature) {
        const target = thread;
        thread.comments = t.comments.map((c) => new NoteCommentItem(c, target));
        this.signatures.set(thread, signature);
      }
      const label = vscode.l10n.t('Note on a {0} {1}', statusWord(t.status), kindWord(t.kind));
      if (thread.label !== label) thread.label = label;
    }
    for (const [id, thread] of current) {
      if (seen.has(id)) continue;
      thread.dispose();
      current.delete(id);
    }
    if (made) this.askForCommentingRanges();
  }

  /** What each thread last showed, so that an unchanged update does not redraw it. */
  private readonly signatures = new WeakMap<vscode.CommentThread, string>();

  private forget(uri: string): void {
    this.taggedIds.delete(uri);
    for (const thread of this.threads.get(uri)?.values() ?? []) thread.dispose();
    this.threads.delete(uri);
  }

  /** Adds the reply: to its thread's tag, or (a thread the user just started) to the tagged finding under it. */
  async reply(reply: vscode.CommentReply): Promise<void> {
    const body = reply.text.trim();
    if (!body) return;
    const thread = reply.thread;
    const uri = thread.uri.toString();
    const annotationId = this.annotationOf.get(thread);
    if (annotationId) {
      await this.run(uri, COMMANDS.addComment, { uri, annotationId, body });
      return;
    }
    const document = await vscode.workspace.openTextDocument(thread.uri);
    const findings = await this.store.current(document);
    const range = thread.range ?? new vscode.Range(0, 0, 0, 0);
    const finding = pickFinding(findings.findings.filter((f) => f.status), document.offsetAt(range.start), document.offsetAt(range.end), { preferTagged: true });
    if (!finding) throw new Error(vscode.l10n.t('there is no tagged finding here any more. Tag it first: a note belongs to a tag.'));
    await this.run(uri, COMMANDS.addComment, { uri, kind: finding.kind, start: finding.start, end: finding.end, version: document.version, body });
    // The server's thread for the tag replaces the one the user started.
    thread.dispose();
  }

  edit(comment: NoteCommentItem): void {
    // The editor shows the note's own words, not its escaped Markdown.
    this.setMode(comment, vscode.CommentMode.Editing, comment.note.body);
  }

  cancel(comment: NoteCommentItem): void {
    this.setMode(comment, vscode.CommentMode.Preview, preview(comment.note.body));
  }

  async save(comment: NoteCommentItem): Promise<void> {
    const annotationId = this.annotationOf.get(comment.thread);
    if (!annotationId) return;
    const body = bodyText(comment.body).trim();
    if (!body) throw new Error(vscode.l10n.t('a comment cannot be empty. Use "Delete Comment" to remove it.'));
    const uri = comment.thread.uri.toString();
    this.setMode(comment, vscode.CommentMode.Preview, preview(body));
    await this.run(uri, COMMANDS.editComment, { uri, annotationId, commentId: comment.note.id, body });
  }

  async delete(comment: NoteCommentItem): Promise<void> {
    const annotationId = this.annotationOf.get(comment.thread);
    if (!annotationId) return;
    const uri = comment.thread.uri.toString();
    await this.run(uri, COMMANDS.deleteComment, { uri, annotationId, commentId: comment.note.id });
  }

  private setMode(comment: NoteCommentItem, mode: vscode.CommentMode, body: string | vscode.MarkdownString): void {
    const thread = comment.thread;
    thread.comments = thread.comments.map((c) => {
      if (c !== comment) return c;
      comment.mode = mode;
      comment.body = body;
      return comment;
    });
  }

  private async run<C extends CommandName>(uri: string, command: C, args: CommandArguments[C]): Promise<void> {
    let result: CommandResult;
    try {
      result = await this.server.executeCommand(command, args);
    } finally {
      this.store.markStale(vscode.Uri.parse(uri));
    }
    if (!result.ok) throw new Error(result.error ?? vscode.l10n.t('the note was not saved.'));
    this.load(uri);
  }

  dispose(): void {
    this.disposed = true;
    for (const uri of [...this.threads.keys()]) this.forget(uri);
    for (const d of this.disposables) d.dispose();
  }
}

/** The commands of the threads' buttons (contributed to the comments menus in package.json). */
export function registerNoteCommands(notes: NoteThreads, register: Register): void {
  register('sourcemark.addNoteComment', (reply: vscode.CommentReply) => notes.reply(reply));
  register('sourcemark.replyNoteComment', (reply: vscode.CommentReply) => notes.reply(reply));
  register('sourcemark.editNoteComment', async (comment: NoteCommentItem) => notes.edit(comment));
  register('sourcemark.cancelNoteComment', async (comment: NoteCommentItem) => notes.cancel(comment));
  register('sourcemark.saveNoteComment', (comment: NoteCommentItem) => notes.save(comment));
  register('sourcemark.deleteNoteComment', (comment: NoteCommentItem) => notes.delete(comment));
}

function sameRange(a: vscode.Range | undefined, b: vscode.Range): boolean {
  return !!a && a.isEqual(b);
}
