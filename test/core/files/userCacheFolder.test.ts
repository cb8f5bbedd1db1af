import { homedir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userCacheFolder } from '../../../src/core/files/userCacheFolder';

describe('userCacheFolder', () => {
  it('is sourcemark/<name> in XDG_CACHE_HOME, else in ~/.cache', () => {
    expect(userCacheFolder('digests', { XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'sourcemark', 'digests'));
    expect(userCacheFolder('code', {})).toBe(path.join(homedir(), '.cache', 'sourcemark', 'code'));
    expect(userCacheFolder('code', { XDG_CACHE_HOME: '' })).toBe(path.join(homedir(), '.cache', 'sourcemark', 'code'));
  });

  it('ignores a relative XDG_CACHE_HOME (the XDG spec): it would land wherever the process started, a workspace perhaps', () => {
    for (const relative of ['cache', './cache', '../elsewhere', '.']) {
      expect(userCacheFolder('digests', { XDG_CACHE_HOME: relative })).toBe(path.join(homedir(), '.cache', 'sourcemark', 'digests'));
    }
  });
});
