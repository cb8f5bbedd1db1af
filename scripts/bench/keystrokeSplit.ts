// Where one keystroke's processor time goes, stage by stage, in one thread: the stages the worker
// and the main thread run for an edit of a long open source (analysis, the delta to send, taking it
// in, the diagnostics and their JSON), and apart from them the digest a pause makes. The same
// generated 1 MB source and seeded one-word edits as the keystroke rows of bench:engine, without
// LSP, threads or the debounce, so two builds compare on CPU time even on a loaded machine. A row
// apart: what 300 tags and 100 dismissals on findings of the source (the editor's tracked ranges kept
// in step) add to an edit's analysis, where each is put on its finding. Last, how many findings each
// edit made anew rather than keeping the last analysis's (a count: the same on any machine).
//
// The digest is made as the worker for long open sources makes it, with the last digest's claim
// sentences at hand and sent as a delta against the last digest; `--no-memo` makes it without them.
//
//   node --expose-gc --import tsx scripts/bench/keystrokeSplit.ts [edits=20] [--no-memo]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { attachTags } from '../../src/core/taggedFindings';
import type { Annotation, Dismissal, Sidecar } from '../../src/core/tags/annotation';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';
import { applyVisibility } from '../../src/core/visibility';
import { digestToWire, fromWire, toWire, type DigestBase } from '../../src/server/analysisWire';
import { ClaimSentenceMemo } from '../../src/core/corpus/claimSentenceMemo';
import { toDiagnostics } from '../../src/server/diagnostics';
import { analysisOptionsOf, DEFAULT_SETTINGS } from '../../src/server/settings';
import type { SourceState } from '../../src/server/sourceState';
import { median, MB, ms, quantile, table } from './format';
import { EDIT_WORD, editOffset, poolsFrom, prng, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SEED = 0x5eed;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const TAGS = 300;
const DISMISSALS = 100;

/** Tags on findings spread over the source (every kind), dismissals on claims between them, and their ranges as the editor tracks them. */
function tagsOn(text: string, findings: readonly { id: string; kind: string; start: number; end: number }[]): { sidecar: Sidecar; tracked: Map<string, { start: number; end: number }> } {
  const at = '2025-01-31T14:05:00.000Z';
  const tracked = new Map<string, { start: number; end: number }>();
  const annotations: Annotation[] = [];
  for (let i = 0; i < TAGS; i++) {
    const f = findings[Math.floor(((i + 0.5) * findings.length) / TAGS)]!;
    annotations.push({ id: `a_${i}`, kind: f.kind as Annotation['kind'], status: 'verified', target: makeQuoteTarget(text, f.start, f.end), createdAt: at, updatedAt: at });
    tracked.set(`a_${i}`, { start: f.start, end: f.end });
  }
  const claims = findings.filter((f) => f.kind === 'claim');
  const dismissals: Dismissal[] = [];
  for (let i = 0; i < DISMISSALS; i++) {
    const f = claims[Math.floor(((i + 0.25) * claims.length) / DISMISSALS)]!;
    dismissals.push({ id: `d_${i}`, kind: 'not-a-claim', target: makeQuoteTarget(text, f.start, f.end), createdAt: at });
    tracked.set(`d_${i}`, { start: f.start, end: f.end });
  }
  return { sidecar: { schemaVersion: 3, source: 'generated-1mb.txt', sourceSha256: sha256Hex(text), annotations, dismissals }, tracked };
}

async function main(): Promise<void> {
  const edits = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20);
  const memo = process.argv.includes('--no-memo') ? undefined : new ClaimSentenceMemo();
  const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
  let text = new SourceGenerator(poolsFrom(samples), SEED).source(MB);
  const options = analysisOptionsOf(DEFAULT_SETTINGS);
  const analyzer = new Analyzer();
  let analysed = analyzeSource(analyzer, text, undefined, options);
  let held = await fromWire(toWire(analysed));
  let lastDigest: DigestBase = { seq: 0, text, digest: digestSource(text, analysed, memo) };
  let seq = 1;
  const uri = 'file:///bench/generated-1mb.txt';
  const random = prng(SEED + 7);
  const { sidecar, tracked } = tagsOn(text, analysed.analysis!.findings);
  const stages = [
    'analysis (worker)', 'delta to send (worker)', 'taking it in (main)', 'diagnostics (main)', 'their JSON (main)', 'edit total', 'digest, once per pause (worker)',
    `with ${TAGS} tags and ${DISMISSALS} dismissals: putting them on (worker)`,
  ] as const;
  const times = new Map<string, number[]>(stages.map((s) => [s, []]));
  /** Per edit, the findings that are not the last analysis's objects (core/madeFindings.ts): a count, free of the machine's noise. */
  const remade: number[] = [];
  const add = (stage: (typeof stages)[number], value: number) => times.get(stage)!.push(value);
  for (let i = 0; i < edits; i++) {
    const offset = editOffset(text, random);
    const previous = { seq, text, analysed };
    text = `${text.slice(0, offset)} ${EDIT_WORD}${text.slice(offset)}`;
    for (const [id, span] of tracked) if (span.start >= offset) tracked.set(id, { start: span.start + 8, end: span.end + 8 });
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = cpu();
    analysed = analyzeSource(analyzer, text, undefined, options);
    const t1 = cpu();
    const kept = new Set(previous.analysed.analysis!.findings);
    remade.push(analysed.analysis!.findings.filter((f) => !kept.has(f)).length);
    const wire = toWire(analysed, undefined, previous, text);
    const t2 = cpu();
    held = await fromWire(wire, held);
    const t3 = cpu();
    const doc = TextDocument.create(uri, 'plaintext', i + 2, text);
    const state: SourceState = { uri, version: i + 2, settings: DEFAULT_SETTINGS, text, bom: false, sidecarPath: '', sidecar: { state: 'missing' }, ...held };
    const diagnostics = toDiagnostics(doc, state);
    const t4 = cpu();
    JSON.stringify({ uri, version: i + 2, diagnostics });
    const t5 = cpu();
    const digest = digestSource(text, analysed, memo);
    digestToWire(digest, undefined, lastDigest, text);
    lastDigest = { seq: i + 1, text, digest };
    const t6 = cpu();
    const a = analysed.analysis!;
    applyVisibility(text, attachTags(text, a.findings, sidecar, tracked, a.repeats, a.regions), sidecar.dismissals ?? [], {}, tracked);
    const t7 = cpu();
    seq++;
    add('analysis (worker)', t1 - t0);
    add('delta to send (worker)', t2 - t1);
    add('taking it in (main)', t3 - t2);
    add('diagnostics (main)', t4 - t3);
    add('their JSON (main)', t5 - t4);
    add('edit total', t5 - t0);
    add('digest, once per pause (worker)', t6 - t5);
    add(stages[7], t7 - t6);
  }
  process.stdout.write(`Keystroke split: ${edits} one-word edits of a generated 1 MB source, CPU time per stage in one thread (garbage collection included where it falls); load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.\n`);
  process.stdout.write(`${table(['stage', '>p50', '>p95'], stages.map((s) => [s, ms(median(times.get(s)!)), ms(quantile(times.get(s)!, 0.95))]))}\n`);
  process.stdout.write(`Findings made anew per edit (not the last analysis's objects), of ${analysed.analysis!.findings.length}: p50 ${Math.round(median(remade))}, p95 ${Math.round(quantile(remade, 0.95))}, total ${remade.reduce((a, b) => a + b, 0)}.\n`);
}

if (require.main === module) {
  main().then(() => process.exit(0), (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
