import { describe, expect, it } from 'vitest';
import { regionsText } from '../../src/client/regionsText';

describe('regionsText', () => {
  it('names the usual choices in a word or two, anything else region by region', () => {
    expect(regionsText(['title', 'body'])).toBe('Article');
    expect(regionsText(['title', 'body', 'comments'])).toBe('Article + comments');
    expect(regionsText(['title', 'body', 'comments', 'commentMeta'])).toBe('Title, Article body, Reader comments, Comment metadata');
    expect(regionsText(['body'])).toBe('Article body');
    expect(regionsText([])).toBe('nothing');
  });
});
