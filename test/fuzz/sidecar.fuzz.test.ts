// Mutated sidecars against the store (issue 15): whatever a file holds, reading it never throws,
// a file that does not read is never overwritten (its bytes stay as they were), and a file that is
// written reads back. Mutations: byte flips, cuts, repeats, hostile tokens, structural edits.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attachTags } from '../../src/core/taggedFindings';
import type { Sidecar } from '../../src/core/tags/annotation';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { checkAgainstSource, parseSidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { FileSidecarStore, fitToSource, SidecarStoreError } from '../../src/core/tags/sidecarStore';
import { setNote, setTag } from '../../src/core/tags/tagOperations';
import { prng } from '../../scripts/bench/generate';

const TEXT = 'Xiaomi said on Friday that sales rose 20% in 2018. Lei Jun plans to enter the U.S. by 2019 🙂.\n';
const NOW = new Date('2026-01-01T00:00:00.000Z');
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const FIRST = span('Xiaomi said on Friday that sales rose 20% in 2018.');
const NAME = span('Lei Jun');
const YEAR = span('2019');
const SECOND = span('Lei Jun plans to enter the U.S. by 2019 🙂.');

function validSidecar(): Sidecar {
  let s: Sidecar = { schemaVersion: 3, source: 'a.txt', sourceSha256: sha256Hex(TEXT), annotations: [] };
  s = setTag(s, { kind: 'claim', ...FIRST, status: 'verified', sourceText: TEXT, now: NOW, note: 'IDC, Q4' }, () => 'a_000000000001');
  s = setTag(s, { kind: 'entity', ...NAME, status: 'speculative', sourceText: TEXT, now: NOW, evidence: [{ kind: 'url', url: 'https://example.org' }] }, () => 'a_000000000002');
  return setTag(s, { kind: 'date', ...YEAR, status: 'contradicted', sourceText: TEXT, now: NOW }, () => 'a_000000000003');
}

const TOKENS = [
  'null', '"__proto__"', '{"__proto__":{"polluted":1}}', '"constructor"', '-1', '1e309', '1.5', '"\\u0000"', '[', ']', '{', '}', ',', ':', '"',
  '"Verified"', '"pwned"', '"claim"', '"2026-13-45T99:99:99Z"', '"\\ud800"', `"${'x'.repeat(30_000)}"`, `${'['.repeat(100)}${']'.repeat(100)}`,
  '9007199254740993', 'true', '"a_000000000001"', '"\\u202e"',
];
const BYTES = [0x00, 0xff, 0xc3, 0xe9, 0x80, 0xef, 0xbb, 0xbf, 0x22, 0x5c, 0x0a];

type Mutation = (bytes: Buffer, r: () => number) => Buffer;
const pick = <T>(xs: readonly T[], r: () => number) => xs[Math.floor(r() * xs.length)]!;
const at = (bytes: Buffer, r: () => number) => Math.floor(r() * (bytes.length + 1));

const MUTATIONS: Record<string, Mutation> = {
  'flip a byte': (b, r) => {
    const out = Buffer.from(b);
    if (out.length) out[Math.floor(r() * out.length)] = pick(BYTES, r);
    return out;
  },
  'cut a range': (b, r) => {
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + 1 + Math.floor(r() * 40)))]);
  },
  'repeat a range': (b, r) => {
    const i = at(b, r);
    const j = Math.min(b.length, i + Math.floor(r() * 200));
    return Buffer.concat([b.subarray(0, j), b.subarray(i, j), b.subarray(j)]);
  },
  'insert a token': (b, r) => {
    const i = at(b, r);
    return Buffer.concat([b.subarray(0, i), Buffer.from(pick(TOKENS, r)), b.subarray(i)]);
  },
  'truncate': (b, r) => b.subarray(0, at(b, r)),
  'edit the structure': (b, r) => {
    const data = JSON.parse(b.toString('utf8'));
    const a = data.annotations[Math.floor(r() * data.annotations.length)];
    const edits: (() => void)[] = [
      () => (a.status = pick(['pwned', '__proto__', 'Verified', 7, null], r)),
      () => (a.target.start = pick([-1, 1e12, 0.5, '3'], r)),
      () => (a.target.exact = a.target.exact + 'x'),
      () => delete a.id,
      () => (a.id = data.annotations[0].id),
      () => (a.note = pick([42, { text: 'x' }, 'x'.repeat(20_001)], r)),
      () => (a.history = Array.from({ length: 50 }, () => ({ at: 'yesterday', to: 'verified' }))),
      () => (data.schemaVersion = pick([1, 3, '2', 0], r)),
      () => (data.annotations = pick([null, {}, 'none'], r)),
      () => (data.sourceSha256 = pick(['0'.repeat(64), 'xyz', sha256Hex('other')], r)),
      () => (data.extra = JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`)),
      () => (a.evidence = [{ kind: 'annotation', source: '../../etc/passwd', annotationId: 'x', quote: '\u001b]0;t\u0007' }]),
      // Valid edits with hostile text: these files read, and a save must keep them readable.
      () => (a.note = pick(['\u001b]52;c;eA==\u0007', '\u202egnp.exe', '=HYPERLINK("x")', '🙂'.repeat(100), '\ufeff', '\r\n\t'], r)),
      () => (a[pick(['__proto__', 'constructor', 'toString', 'x-newer-field'], r)] = { kept: [1, 2, { deep: true }] }),
      () => (data[pick(['__proto__', 'x-tool'], r)] = 'kept'),
    ];
    pick(edits, r)();
    return Buffer.from(JSON.stringify(data, null, 2));
  },
};

let dir: string;
const counts = { cases: 0, readOk: 0, readInvalid: 0, written: 0, refused: 0 };
const failures: string[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.info(`sidecar fuzz: ${counts.cases} mutated sidecars (${counts.readOk} read, ${counts.readInvalid} invalid), ${counts.written} saves written and read back, ${counts.refused} refused with the file untouched`);
});

/** One mutated file through read, anchoring and a save; returns what broke, if anything. */
async function exercise(bytes: Buffer, store: FileSidecarStore, file: string): Promise<string | undefined> {
  writeFileSync(file, bytes);
  counts.cases++;
  const read = fitToSource(await store.read(file), TEXT);
  if (read.state === 'missing') return 'a file that exists read as missing';
  if (read.state === 'ok') {
    counts.readOk++;
    attachTags(TEXT, [], read.sidecar);
  } else counts.readInvalid++;
  try {
    await store.update(file, (current) => {
      // As the server and the CLI do: a sidecar that does not fit the text its fingerprint names is not changed.
      const problem = current && checkAgainstSource(current, TEXT, sha256Hex(TEXT));
      if (problem) throw new SidecarStoreError(problem.message, 'invalid-existing', { problem });
      const tagged = setTag(current ?? { schemaVersion: 3, source: 'a.txt', sourceSha256: sha256Hex(TEXT), annotations: [] }, { kind: 'claim', ...SECOND, status: 'verified', sourceText: TEXT, now: NOW });
      return setNote(tagged, { kind: 'claim', ...SECOND, note: 'checked', now: NOW });
    });
  } catch (e) {
    if (!(e instanceof SidecarStoreError)) return `a save threw ${(e as Error).stack}`;
    counts.refused++;
    if (!readFileSync(file).equals(bytes)) return 'a refused save changed the file';
    return undefined;
  }
  if (read.state === 'invalid') return `a file that read as invalid (${read.problem.code}) was overwritten`;
  counts.written++;
  const back = parseSidecar(readFileSync(file, 'utf8'));
  return back.ok ? undefined : `a save wrote a file that does not read back: ${back.problem.message}`;
}

describe('mutated sidecars', () => {
  it.each(Object.keys(MUTATIONS))('%s: never a crash, never an overwrite of what does not read, never a file that does not read back', async (name) => {
    dir ??= mkdtempSync(path.join(tmpdir(), 'sourcemark-sidecar-fuzz-'));
    const store = new FileSidecarStore();
    const r = prng(name.length * 7919);
    const bases = [Buffer.from(serializeSidecar(validSidecar())), Buffer.from(JSON.stringify({ ...JSON.parse(serializeSidecar(validSidecar())), schemaVersion: 1 }, null, 2))];
    for (let i = 0; i < 200; i++) {
      let bytes: Buffer = pick(bases, r);
      // One to three mutations in a row.
      for (let k = 0, n = 1 + Math.floor(r() * 3); k < n; k++) {
        try {
          bytes = MUTATIONS[name]!(bytes, r);
        } catch {
          // a structural edit of what is no longer JSON: keep the bytes as they are
        }
      }
      const file = path.join(dir, `${name.replace(/\W/g, '-')}-${i}.txt.annotations.json`);
      const failure = await exercise(bytes, store, file);
      if (failure) failures.push(`${name} #${i}: ${failure}`);
    }
    expect(failures.filter((f) => f.startsWith(name))).toEqual([]);
  });
});
