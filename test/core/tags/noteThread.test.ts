import { describe, expect, it } from 'vitest';
import type { Annotation, NoteComment } from '../../../src/core/tags/annotation';
import { addComment, deleteComment, editComment, newCommentId, noteOf, setFirstComment } from '../../../src/core/tags/noteThread';
import { ann } from './fixtures';

const T0 = new Date('2025-01-01T10:00:00.000Z');
const T1 = new Date('2025-01-02T11:30:00.000Z');
const comment = (id: string, body: string, author = 'ana', createdAt = T0.toISOString()): NoteComment => ({ id, author, createdAt, body });
const withThread = (...comments: NoteComment[]): Annotation => ann('a_1', 0, 4, comments.length ? { comments } : {});

describe('noteOf: a thread as one text', () => {
  it('is undefined without comments', () => {
    expect(noteOf(undefined)).toBeUndefined();
    expect(noteOf(withThread())).toBeUndefined();
    expect(noteOf({ comments: [] })).toBeUndefined();
  });

  it('is the body of a lone comment, as a version 2 note was', () => {
    expect(noteOf(withThread(comment('c_1', 'Ask the press office.')))).toBe('Ask the press office.');
  });

  it('is one line per comment with author and day when there are several', () => {
    const a = withThread(comment('c_1', 'Ask the press office.'), comment('c_2', 'Done, no reply.', 'ben', T1.toISOString()));
    expect(noteOf(a)).toBe('ana (2025-01-01): Ask the press office.\nben (2025-01-02): Done, no reply.');
  });
});

describe('setFirstComment: the single-note command on a thread', () => {
  it('starts a thread when there is none', () => {
    const next = setFirstComment(withThread(), 'note', 'ana', T1, () => 'c_new');
    expect(next.comments).toEqual([comment('c_new', 'note', 'ana', T1.toISOString())]);
    expect(next.updatedAt).toBe(T1.toISOString());
  });

  it('edits the first comment only, keeping its id, author and replies', () => {
    const a = withThread(comment('c_1', 'old'), comment('c_2', 'reply', 'ben'));
    const next = setFirstComment(a, 'new', 'someone else', T1);
    expect(next.comments).toEqual([{ ...comment('c_1', 'new'), editedAt: T1.toISOString() }, comment('c_2', 'reply', 'ben')]);
  });

  it('returns itself when nothing changes', () => {
    const a = withThread(comment('c_1', 'same'));
    expect(setFirstComment(a, 'same', 'ana', T1)).toBe(a);
    const empty = withThread();
    expect(setFirstComment(empty, '', 'ana', T1)).toBe(empty);
  });

  it('an empty note removes the first comment; the last one leaves no thread', () => {
    const a = withThread(comment('c_1', 'old'), comment('c_2', 'reply', 'ben'));
    const once = setFirstComment(a, '', 'ana', T1);
    expect(once.comments).toEqual([comment('c_2', 'reply', 'ben')]);
    expect(setFirstComment(once, '', 'ana', T1)).not.toHaveProperty('comments');
  });
});

describe('comment ids', () => {
  it('are c_ and 12 hex digits, different each time', () => {
    expect(newCommentId()).toMatch(/^c_[0-9a-f]{12}$/);
    expect(newCommentId()).not.toBe(newCommentId());
  });

  it('addComment fails loudly when every generated id is taken', () => {
    expect(() => addComment(withThread(comment('c_1', 'x')), 'y', 'ana', T0, () => 'c_1')).toThrow(/unused comment id/);
  });

  it('edit and delete act on the comment with that id only', () => {
    const a = withThread(comment('c_1', 'one'), comment('c_2', 'two'));
    expect(editComment(a, 'c_2', 'deux', T1)!.comments!.map((c) => c.body)).toEqual(['one', 'deux']);
    expect(deleteComment(a, 'c_1', T1)!.comments!.map((c) => c.id)).toEqual(['c_2']);
    expect(a.comments!.map((c) => c.body)).toEqual(['one', 'two']);
  });
  it('says a thread one comment a line, even when a comment has line breaks of its own', () => {
    const comments = [
      { id: 'c_1', author: 'ana', createdAt: '2026-11-22T10:00:00.000Z', body: 'first line\r\n  second line' },
      { id: 'c_2', author: 'ben', createdAt: '2026-11-23T10:00:00.000Z', body: 'ok' },
    ];
    expect(noteOf({ comments })).toBe('ana (2026-11-22): first line second line\nben (2026-11-23): ok');
    expect(noteOf({ comments: [comments[0]!] })).toBe('first line\r\n  second line');
  });
});
