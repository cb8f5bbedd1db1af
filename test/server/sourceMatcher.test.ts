// The server decides what is a source with the same compiled, complexity-limited glob as the CLI
// and the path rule (core/files/sourceGlob.ts), not minimatch recompiled on every check.
import { describe, expect, it } from 'vitest';
import { SourceMatcher } from '../../src/server/sourceMatcher';

const FOLDER = 'file:///work/news';

describe('SourceMatcher', () => {
  it('matches as the sources glob says: by name without a slash, by path with one, dot folders included, never a sidecar', () => {
    const m = new SourceMatcher();
    m.setFolders([FOLDER]);
    expect(m.isSource(`${FOLDER}/deep/a.txt`, '*.txt')).toBe(true);
    expect(m.isSource(`${FOLDER}/.hidden/a.txt`, '**/*.txt')).toBe(true);
    expect(m.isSource(`${FOLDER}/deep/a.txt`, 'top/*.txt')).toBe(false);
    expect(m.isSource(`${FOLDER}/top/a.txt`, 'top/*.txt')).toBe(true);
    expect(m.isSource(`${FOLDER}/a.md`, '**/*.txt')).toBe(false);
    expect(m.isSource(`${FOLDER}/a.txt.annotations.json`, '**/*')).toBe(false);
    expect(m.isSource('%%%::://bad', '**/*.txt')).toBe(false);
  });

  it('refuses a glob past the complexity limit (twenty {a,b} groups, a million patterns): nothing matches, said once in the log', () => {
    const logged: string[] = [];
    const m = new SourceMatcher([], (message) => logged.push(message));
    m.setFolders([FOLDER]);
    const glob = `${'{a,b}'.repeat(20)}*.txt`;
    // Minimatch would expand this for every check (2.5 s a hover) and then match the file.
    for (let i = 0; i < 3; i++) expect(m.isSource(`${FOLDER}/${'a'.repeat(20)}.txt`, glob)).toBe(false);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('too complex');
    // A simpler glob set afterwards works again.
    expect(m.isSource(`${FOLDER}/a.txt`, '*.txt')).toBe(true);
  });
});
