import { homedir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestCache, digestCacheFromEnv } from '../../../src/core/corpus/digestCache';
import { userCacheFolder } from '../../../src/core/files/userCacheFolder';

describe('userCacheFolder', () => {
  it('is sourcemark/<name> in XDG_CACHE_HOME, else in ~/.cache', () => {
    expect(userCacheFolder('digests', { XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'sourcemark', 'digests'));
    expect(userCacheFolder('code', {})).toBe(path.join(homedir(), '.cache', 'sourcemark', 'code'));
    expect(userCacheFolder('code', { XDG_CACHE_HOME: '' })).toBe(path.join(homedir(), '.cache', 'sourcemark', 'code'));
  });

  it('keeps nothing for a user without a home folder, or with a relative one', () => {
    const none = () => {
      throw new Error('ENOENT: no such file or directory, uv_os_homedir');
    };
    expect(userCacheFolder('code', {}, none)).toBeUndefined();
    expect(userCacheFolder('code', {}, () => '')).toBeUndefined();
    expect(userCacheFolder('code', {}, () => 'home/me')).toBeUndefined();
    expect(userCacheFolder('code', { XDG_CACHE_HOME: '/x/cache' }, none)).toBe(path.join('/x/cache', 'sourcemark', 'code'));
    expect(digestCacheFromEnv({}, 'v', none)).toBeUndefined();
    expect(digestCacheFromEnv({ SOURCEMARK_CACHE_DIR: '/tmp/x' }, 'v', none)).toBeInstanceOf(DigestCache);
  });

  it('ignores a relative XDG_CACHE_HOME (the XDG spec): it would land wherever the process started, a workspace perhaps', () => {
    for (const relative of ['cache', './cache', '../elsewhere', '.']) {
      expect(userCacheFolder('digests', { XDG_CACHE_HOME: relative })).toBe(path.join(homedir(), '.cache', 'sourcemark', 'digests'));
    }
  });
});
