// What typing in a long source costs VS Code itself, not only the language server: code-server with
// the packaged extension (the e2e session), the bench's generated 1 MB source open with the Problems
// panel, a word (" notably", eight keystrokes) typed at the end of a body line, then a typist's
// pause, again and again. CPU (user + system, /proc) of the extension host, the language server,
// code-server (which carries the extension host's messages to the browser) and the browser's
// renderers, from the first key until all are quiet, per word.
//
// Configurations take turns, round after round: the extension as shipped; `--alone`, the file left
// out of `sourcemark.sources` (VS Code by itself: the floor); each `--settings JSON` (repeatable),
// those folder settings (a feature turned off, to see what it costs); each `--vsix PATH`, another
// build's package. A benchmark: the pause is wall-clock.
//
//   npm run package && node --import tsx scripts/bench/vscodeTyping.ts [--words 20] [--rounds 2] [--pause 500]
//     [--alone] [--settings '{"breadcrumbs.enabled": false}' ...] [--vsix OTHER.vsix ...]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { startSession, type Session } from '../../test/e2e/session';
import { Workbench } from '../../test/e2e/workbench';
import { MB, median, ms, table } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { procCpuMs } from './memory';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const args = process.argv.slice(2);
const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const WORDS = Number(value('--words') ?? 20);
const ROUNDS = Number(value('--rounds') ?? 2);
const PAUSE_MS = Number(value('--pause') ?? 500);
const LONG = 'generated-1mb.txt';

interface Configuration {
  name: string;
  settings: Record<string, unknown>;
  /** Another build's package (`--vsix PATH`, repeatable); default the one `npm run package` made. */
  vsix?: string;
  /** Not a source: nothing to wait for in the Problems panel. */
  alone?: boolean;
}

const CONFIGURATIONS: Configuration[] = [{ name: 'as shipped', settings: {} }];
if (args.includes('--alone')) CONFIGURATIONS.push({ name: 'VS Code alone (not a source)', settings: { 'sourcemark.sources': 'none/**' }, alone: true });
args.forEach((a, i) => {
  if (a === '--settings') CONFIGURATIONS.push({ name: args[i + 1]!, settings: JSON.parse(args[i + 1]!) as Record<string, unknown> });
  if (a === '--vsix') CONFIGURATIONS.push({ name: path.basename(args[i + 1]!), settings: {}, vsix: path.resolve(args[i + 1]!) });
});

const ROLES = ['extension host', 'language server', 'code-server', 'renderer'] as const;
type Role = (typeof ROLES)[number];

/** CPU ms by role of the processes of the session (one session runs at a time), told by their command lines. */
function cpuByRole(session: Session): Record<Role, number> {
  const out: Record<Role, number> = { 'extension host': 0, 'language server': 0, 'code-server': 0, 'renderer': 0 };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // gone meanwhile
    }
    const role: Role | undefined = cmd.includes(session.extensionsDir) && cmd.includes('server.js') ? 'language server'
      : cmd.includes('--type=extensionHost') ? 'extension host'
        : cmd.includes('code-server/out/node/entry') ? 'code-server'
          : cmd.includes('--type=renderer') ? 'renderer' : undefined;
    if (role) out[role] += procCpuMs(Number(pid)) ?? 0;
  }
  return out;
}

const total = (c: Record<Role, number>) => ROLES.reduce((sum, role) => sum + c[role], 0);

async function quiet(session: Session): Promise<Record<Role, number>> {
  let last = cpuByRole(session);
  let still = 0;
  while (still < 3) {
    await new Promise((r) => setTimeout(r, 200));
    const now = cpuByRole(session);
    still = total(now) - total(last) < 1 ? still + 1 : 0;
    last = now;
  }
  return last;
}

/** One session of a configuration: CPU per word typed, by role. */
async function typing(config: Configuration, text: string): Promise<Record<Role, number>> {
  const session = await startSession({ extraFiles: { [LONG]: text }, ...(config.vsix ? { vsix: config.vsix } : {}), ...(Object.keys(config.settings).length ? { folderSettings: config.settings } : {}) });
  try {
    const { page } = session;
    const wb = new Workbench(page);
    await wb.openFromExplorer(LONG);
    await page.keyboard.press('Control+Shift+M');
    if (config.alone) await page.locator('.markers-panel').waitFor();
    else await page.locator('.markers-panel .monaco-list-row', { hasText: 'Sourcemark' }).first().waitFor({ timeout: 180_000 });
    const lines = text.split('\n');
    // A body line past the first screen, typed at its end: each word is an edit of the source.
    const line = lines.findIndex((l, i) => i > 200 && l.length > 200) + 1;
    await wb.goTo(line, lines[line - 1]!.length + 1);
    const before = await quiet(session);
    for (let i = 0; i < WORDS; i++) {
      await page.keyboard.type(' notably');
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    const after = await quiet(session);
    const per = {} as Record<Role, number>;
    for (const role of ROLES) per[role] = (after[role] - before[role]) / WORDS;
    return per;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), 24301).source(MB);
  process.stdout.write(`VS Code (code-server) typing in a 1 MB source: ${WORDS} words, ${PAUSE_MS} ms apart; ${ROUNDS} rounds, configurations taking turns; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  const results = CONFIGURATIONS.map((): Record<Role, number>[] => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = CONFIGURATIONS.map((_, k) => k);
    if (r % 2) order.reverse();
    for (const k of order) results[k]!.push(await typing(CONFIGURATIONS[k]!, text));
  }
  const rows = CONFIGURATIONS.map((c, k) => [
    c.name, ...ROLES.map((role) => results[k]!.map((x) => ms(x[role])).join(', ')), results[k]!.map((x) => ms(total(x))).join(', '), ms(median(results[k]!.map(total))),
  ]);
  process.stdout.write(`${table(['configuration', ...ROLES.map((r) => `>${r}`), '>all (each round)', '>median'], rows)}\n`);
  process.stdout.write(`   CPU per word typed (eight keystrokes), from /proc (10 ms ticks). Load average now: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
}

main().then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
