import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Span } from '../core/taggedFindings';
import { transformSpans } from '../core/tags/rangeTracking';

/**
 * Keeps each open source's tag ranges in step with the edits the editor sends (incremental sync), so
 * that while the user types a tag follows its text instead of being re-found from its quote. The
 * ranges are by annotation id, in the coordinates of the latest document version.
 */
export class TagRangeTracker {
  private readonly byUri = new Map<string, Map<string, Span>>();

  /** The TextDocuments configuration that reports every change here before applying it. */
  readonly documents = {
    create: TextDocument.create,
    update: (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
      const spans = this.byUri.get(doc.uri);
      if (!spans?.size) return TextDocument.update(doc, changes, version);
      // Each change is in the coordinates left by the previous one, so apply them one by one.
      let current = doc;
      for (const change of changes) {
        const start = 'range' in change ? current.offsetAt(change.range.start) : 0;
        const end = 'range' in change ? current.offsetAt(change.range.end) : current.getText().length;
        transformSpans(spans, [{ start, end, length: change.text.length }]);
        current = TextDocument.update(current, [change], version);
      }
      return current;
    },
  };

  /** Ranges for `uri`, as of its latest version; undefined when nothing was anchored yet. */
  spans(uri: string): ReadonlyMap<string, Span> | undefined {
    return this.byUri.get(uri);
  }

  /** Replaces the ranges of `uri` with where the tags were just anchored. */
  set(uri: string, spans: ReadonlyMap<string, Span>): void {
    this.byUri.set(uri, new Map([...spans].map(([id, s]) => [id, { start: s.start, end: s.end }])));
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
