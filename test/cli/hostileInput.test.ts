// The CLI against hostile workspaces and inputs (issue 15): control characters never reach the
// terminal raw, a closed pipe ends it quietly, files that are not files are never opened, and an
// import never writes outside the folders worked in.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../src/core/tags/sidecarFormat';
import { setTag } from '../../src/core/tags/tagOperations';
import { CLI, runCli, SAMPLES, S000 } from './cliWorkspace';
import { hasMkfifo, mkfifo } from '../fifo';

const roots: string[] = [];
function tempDir(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-hostile-cli-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});


/** C0 controls but tab and line feed, DEL, C1, bidi marks: what must never reach a terminal raw. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const EVIL = 'Xiaomi said sales rose 20% in 2018\u001b]0;pwned\u0007 and\u001b]52;c;cm0gLXJmIH4=\u0007 more\u009b31m.\n\nLei Jun said \u202egnp.exe\u202c the plan is to enter the U.S. by 2019.\n';

describe('terminal output', () => {
  it('escapes control characters from sources, sidecar quotes and file names in analyze, check and stats', async () => {
    const dir = tempDir();
    const name = 'evil\u001b[2Jname.txt';
    writeFileSync(path.join(dir, name), EVIL);
    // A tag whose text is gone: its quote (from the sidecar) is printed as an orphan.
    const gone = 'All claims verified\u001b[1A\r\u001b[2K';
    const longer = `${EVIL}${gone}\n`;
    const at = longer.indexOf(gone);
    const sidecar = setTag(emptySidecar(name, sha256Hex(longer)), { kind: 'claim', start: at, end: at + gone.length, status: 'verified', sourceText: longer, now: new Date(0) });
    writeFileSync(path.join(dir, `${name}.annotations.json`), serializeSidecar(sidecar));
    for (const args of [['analyze', name], ['check', '.'], ['stats', '.'], ['analyze', '--json', name], ['check', '--json', '.'], ['stats', '--json', '.']]) {
      const { stdout, stderr } = await runCli(args, dir);
      expect(stdout, args.join(' ')).not.toMatch(RAW_CONTROL);
      expect(stderr, args.join(' ')).not.toMatch(RAW_CONTROL);
      if (!args.includes('stats')) expect(stdout).toMatch(/\\x1B|\\u001b/);
    }
    const check = await runCli(['check', '.'], dir);
    expect(check.stdout).toContain('evil\\x1B[2Jname.txt:1:1: untagged claim: Xiaomi said sales rose 20% in 2018\\x1B]0;pwned\\x07 and\\x1B]52;c;cm0gLXJmIH4=\\x07 more\\x9B31m.');
    expect(check.stdout).toContain(`"All claims verified\\x1B[1A \\x1B[2K" is no longer in the source`);
    expect(check.stdout).toContain('Lei Jun said \\u202Egnp.exe\\u202C the plan');
    // JSON escapes losslessly: the data read back is the source's text.
    const json = JSON.parse((await runCli(['analyze', '--json', name], dir)).stdout);
    expect(json.files[0].findings.find((f: { kind: string }) => f.kind === 'claim').text).toBe(EVIL.slice(0, EVIL.indexOf('\n')));
  });

  it('a CSV export keeps its bytes in a file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), EVIL);
    await runCli(['export', '--format', 'csv', '--out', 'out.csv', 'a.txt'], dir);
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toContain('2018\u001b]0;pwned\u0007 and');
  });
});

describe('a closed pipe', () => {
  it('ends the CLI quietly with the status of SIGPIPE, no stack trace', async () => {
    const dir = tempDir();
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `s${i}.txt`), readFileSync(path.join(SAMPLES, S000), 'utf8'));
    const child = spawn(process.execPath, [CLI, 'check', '--jobs', '1', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end, as `| head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});

describe('files that are not files', () => {
  it('check --json reports a folder named like a sidecar as an invalid sidecar, not a missing one', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Xiaomi said sales rose 20% in 2018.\n');
    mkdirSync(path.join(dir, 'a.txt.annotations.json'));
    const { code, stdout } = await runCli(['check', '--json', '.'], dir);
    const file = JSON.parse(stdout).files[0];
    expect(file.sidecar).toEqual({ path: 'a.txt.annotations.json', state: 'invalid', problem: expect.stringContaining('is a folder, not a sidecar file') });
    expect(file.untagged).toHaveLength(1);
    expect(code).toBe(1);
  });

  it.skipIf(!hasMkfifo)('does not open a FIFO named as a source or as a sidecar (it would block forever)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), 'Xiaomi said sales rose 20% in 2018.\n');
    mkfifo(path.join(dir, 'a.txt.annotations.json'), path.join(dir, 'pipe.txt'));
    const { code, stdout, stderr } = await runCli(['check', 'a.txt', 'pipe.txt'], dir);
    expect(stdout).toContain('pipe.txt:1:1: unreadable source: it is a named pipe (FIFO), not a regular file, so Sourcemark does not read it');
    expect(stdout).toContain('a.txt.annotations.json:1:1: invalid sidecar: ');
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});

describe('import writes only beside the sources of the folders worked in', () => {
  function annotationFile(dir: string, targets: string[]): string {
    const file = path.join(dir, 'tags.jsonld');
    writeFileSync(file, JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection',
      first: { type: 'AnnotationPage', items: targets.map((source, i) => ({
        id: `urn:x:${i}`, type: 'Annotation',
        body: [{ type: 'TextualBody', purpose: 'tagging', value: 'verified' }],
        target: { source, selector: { type: 'TextQuoteSelector', exact: 'root' } },
      })) },
    }));
    return file;
  }

  it('refuses targets outside the current folder (../.., absolute paths, links out), with the reason, and writes nothing there', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
    writeFileSync(path.join(outside, 'notes.txt'), 'root access was granted.\n');
    const dir = path.join(outside, 'work', 'project');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'ok.txt'), 'The root cause was found.\n');
    symlinkSync(path.join(outside, 'notes.txt'), path.join(dir, 'link.txt'));
    const file = annotationFile(dir, ['../../passwd', path.join(outside, 'notes.txt'), `file://${path.join(outside, 'notes.txt')}`, 'link.txt', 'ok.txt']);
    const { code, stdout } = await runCli(['import', '--format', 'w3c', file], dir);
    expect(stdout).toMatch(/passwd: not imported: it is outside the folders Sourcemark works in \(.*\)\. Import writes tags only beside the sources in the current folder \(--root DIR adds a folder\)\./);
    expect(stdout).toMatch(/notes\.txt: not imported: it is outside the folders Sourcemark works in/);
    expect(stdout).toMatch(/link\.txt: not imported: it is outside the folders Sourcemark works in \(.*\) \(it is a link to .*notes\.txt\)/);
    expect(stdout).toContain('ok.txt: 1 added');
    expect(code).toBe(1);
    expect(readdirSync(outside).sort()).toEqual(['notes.txt', 'passwd', 'work']);
    expect(existsSync(path.join(dir, 'ok.txt.annotations.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'link.txt.annotations.json'))).toBe(false);
  });

  it('takes a folder given with --root, and still only sources matching the glob there', async () => {
    const other = tempDir();
    writeFileSync(path.join(other, 'b.txt'), 'The root cause was found.\n');
    writeFileSync(path.join(other, 'b.conf'), 'db_password = root\n');
    const dir = tempDir();
    const file = annotationFile(dir, [path.join(other, 'b.txt'), path.join(other, 'b.conf')]);
    const { stdout } = await runCli(['import', '--format', 'w3c', '--root', other, file], dir);
    expect(stdout).toContain('b.txt: 1 added');
    expect(stdout).toMatch(/b\.conf: not imported: it does not match the sources glob "\*\*\/\*\.txt"/);
    expect(readdirSync(other).sort()).toEqual(['b.conf', 'b.txt', 'b.txt.annotations.json']);
  });

  it('never rewrites a sidecar whose tags do not fit the text its fingerprint names', async () => {
    const dir = tempDir();
    const text = 'The root cause was found.\n';
    writeFileSync(path.join(dir, 'a.txt'), text);
    const tagged = setTag(emptySidecar('a.txt', sha256Hex(text)), { kind: 'claim', start: 0, end: 25, status: 'verified', sourceText: text, now: new Date(0) });
    const broken = serializeSidecar({ ...tagged, annotations: tagged.annotations.map((a) => ({ ...a, target: { ...a.target, exact: 'The ROOT cause was found.' } })) });
    writeFileSync(path.join(dir, 'a.txt.annotations.json'), broken);
    const { code, stdout } = await runCli(['import', '--format', 'w3c', annotationFile(dir, ['a.txt'])], dir);
    expect(stdout).toContain('a.txt: not imported: its sidecar cannot be read, and Sourcemark never overwrites one it cannot read.');
    expect(readFileSync(path.join(dir, 'a.txt.annotations.json'), 'utf8')).toBe(broken);
    expect(code).toBe(1);
  });
});
