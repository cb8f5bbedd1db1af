// The folder walk the view's listing and the index share (src/server/workspaceSources.ts).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { afterEach, describe, expect, it } from 'vitest';
import { FILES_PER_TURN, listSources } from '../../src/server/workspaceSources';
import { countTurns } from '../loopTurns';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-walk-'));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

const uri = (root: string, name: string) => URI.file(path.join(root, name)).toString();
const txt = async (u: string) => u.endsWith('.txt');

describe('listSources', () => {
  it('lists sources sorted, skips hidden and dependency folders and symbolic links, and notes which sources it saw a sidecar beside', async () => {
    const root = folder({
      'b.txt': 'b', 'a.txt': 'a', 'a.txt.annotations.json': '{}', 'sub/c.txt': 'c', 'sub/c.txt.annotations.json': '{}',
      'orphan.txt.annotations.json': '{}', '.hidden/d.txt': 'd', 'node_modules/e.txt': 'e', 'notes.md': 'm',
    });
    symlinkSync(path.join(root, 'b.txt'), path.join(root, 'link.txt'));
    const listing = await listSources([root], txt);
    expect(listing.uris).toEqual([uri(root, 'a.txt'), uri(root, 'b.txt'), uri(root, 'sub/c.txt')]);
    expect(listing.truncated).toBe(false);
    // Keyed as the URIs are; a sidecar without its source is noted too, and matches nothing listed.
    expect([...listing.withSidecar].filter((u) => listing.uris.includes(u)).sort()).toEqual([uri(root, 'a.txt'), uri(root, 'sub/c.txt')]);
    expect(listing.withSidecar.has(uri(root, 'b.txt'))).toBe(false);
  });

  it('stops at the file limit and says so', async () => {
    const root = folder(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`s${i}.txt`, 'x'])));
    const listing = await listSources([root], txt, 3);
    expect(listing.truncated).toBe(true);
    expect(listing.uris).toHaveLength(3);
  });

  it('lets the event loop turn while it looks at the files of a large folder', async () => {
    const count = 3 * FILES_PER_TURN;
    const root = folder(Object.fromEntries(Array.from({ length: count }, (_, i) => [`s${String(i).padStart(4, '0')}.txt`, 'x'])));
    const { turns, stop } = countTurns();
    const seen: number[] = [];
    const listing = await listSources([root], async (u) => {
      seen.push(turns());
      return u.endsWith('.txt');
    });
    stop();
    expect(listing.uris).toHaveLength(count);
    // All the files come from one read of the folder: between the first and the last, the loop turned.
    expect(seen[seen.length - 1]! - seen[0]!).toBeGreaterThanOrEqual(2);
  });
});
