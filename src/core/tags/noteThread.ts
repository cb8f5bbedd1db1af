// A tag's note thread: comments with author and time. Exports, reports and the CLI read it as one
// text (noteOf); the old single-note command edits its first comment.
import { randomUUID } from 'node:crypto';
import type { Annotation, NoteComment } from './annotation';

/** `c_` + 12 random hex digits. */
export function newCommentId(): string {
  return 'c_' + randomUUID().replace(/-/g, '').slice(0, 12);
}

/**
 * The thread as one plain text: a lone comment is just its body (what a version 2 note was), several
 * are one line each with author and day. Undefined when there is none.
 */
export function noteOf(a: Pick<Annotation, 'comments'> | undefined): string | undefined {
  const comments = a?.comments ?? [];
  if (!comments.length) return undefined;
  if (comments.length === 1) return comments[0]!.body;
  // One line each: a comment's own line breaks become spaces, so a line is always one comment.
  return comments.map((c) => `${c.author} (${c.createdAt.slice(0, 10)}): ${c.body.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ')}`).join('\n');
}

function withComments(a: Annotation, comments: readonly NoteComment[], stamp: string): Annotation {
  const { comments: _old, ...rest } = a;
  return { ...rest, ...(comments.length ? { comments } : {}), updatedAt: stamp };
}

/**
 * The single-note command on a thread: sets the first comment's body (a new thread when there is
 * none); an empty note removes the first comment. Itself when nothing changes.
 */
export function setFirstComment(a: Annotation, note: string, author: string, now: Date, newId: () => string = newCommentId): Annotation {
  const comments = a.comments ?? [];
  const first = comments[0];
  const stamp = now.toISOString();
  if (note === '') return first ? withComments(a, comments.slice(1), stamp) : a;
  if (!first) return withComments(a, [{ id: newId(), author, createdAt: stamp, body: note }], stamp);
  if (first.body === note) return a;
  return withComments(a, [{ ...first, body: note, editedAt: stamp }, ...comments.slice(1)], stamp);
}

export function addComment(a: Annotation, body: string, author: string, now: Date, newId: () => string = newCommentId): { annotation: Annotation; commentId: string } {
  const taken = new Set((a.comments ?? []).map((c) => c.id));
  let id = newId();
  for (let i = 0; taken.has(id) && i < 100; i++) id = newId();
  if (taken.has(id)) throw new Error('Could not generate an unused comment id after 100 attempts.');
  const stamp = now.toISOString();
  return { annotation: withComments(a, [...(a.comments ?? []), { id, author, createdAt: stamp, body }], stamp), commentId: id };
}

/** Undefined when the thread has no comment with this id. */
export function editComment(a: Annotation, commentId: string, body: string, now: Date): Annotation | undefined {
  const comments = a.comments ?? [];
  const i = comments.findIndex((c) => c.id === commentId);
  if (i < 0) return undefined;
  if (comments[i]!.body === body) return a;
  const stamp = now.toISOString();
  return withComments(a, comments.map((c, j) => (j === i ? { ...c, body, editedAt: stamp } : c)), stamp);
}

/** Undefined when the thread has no comment with this id. */
export function deleteComment(a: Annotation, commentId: string, now: Date): Annotation | undefined {
  const comments = a.comments ?? [];
  if (!comments.some((c) => c.id === commentId)) return undefined;
  return withComments(a, comments.filter((c) => c.id !== commentId), now.toISOString());
}
