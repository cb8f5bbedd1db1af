// Sourcemark benchmark: prints timings, throughput and memory for the core analysis and the
// language server. Not a test: targets are marked PASS/MISS, and the exit code is 0 unless
// something crashes.
//
//   npm run bench        (builds dist/ first; runs `node --expose-gc --import tsx scripts/bench.ts`)

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../src/core/analyzer';
import { segmentBlocks } from '../src/core/text/blocks';
import { bytes, int, MB, mbPerSecond, median, ms, percent, quantile, table, verdict } from './bench/format';
import { describeSource, EDIT_WORD, poolsFrom, SourceGenerator, type SourceDescription } from './bench/generate';
import { collectGarbage, hasGc, procStatus, resetPeakRss, RssSampler } from './bench/memory';
import { benchServer, type ServerResults } from './bench/server';
import { benchTags } from './bench/tags';
import { printTagBench } from './bench/tagsReport';
import { benchWorkspace } from './bench/workspace';
import { benchEngine } from './bench/engine';
import { ownCacheFolder } from './bench/cacheFolder';

const ROOT = path.resolve(__dirname, '..');
const SAMPLES_DIR = path.join(ROOT, 'test-fixtures/sources');
const SERVER_PATH = path.join(ROOT, 'dist/server.js');

const SEED = 0x5eed;
const RUNS = { sample: 5, oneMb: 3, tenMb: 1 };
const TARGET = { articleMs: 20, oneMbMs: 2000, requestMs: 10, reanchorMs: 1000, saveMs: 100, indexMs: 30_000, indexRss: 500 * MB, hoverWhileIndexingMs: 20 };
const WORKSPACE_SOURCES = 2000;
/** Fresh 5 KB sources opened in the server after the first open. */
const SMALL_OPENS = 5;

interface CoreRow {
  name: string;
  text: string;
  description: SourceDescription;
  findings: number;
  cold: number[];
  coldHits: number;
  warm: number[];
  warmHits: number;
  /** The analyzer of the last run, with its cache filled by the cold and warm runs; dropped when done with. */
  analyzer?: Analyzer;
}

const out = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s: string) => {
  if (process.stderr.isTTY) process.stderr.write(`… ${s}\n`);
};

/**
 * N × (fresh Analyzer: cold run, then warm re-run of the same text). With `gcEachRun` (the 1 MB and
 * 10 MB sources), a full GC before each timed run so one run's garbage is not collected in the next.
 */
function benchCore(name: string, text: string, runs: number, gcEachRun: boolean, afterRun?: () => void): CoreRow {
  const row: CoreRow = {
    name, text, description: describeSource(text), findings: 0, cold: [], coldHits: 0, warm: [], warmHits: 0,
  };
  for (let i = 0; i < runs; i++) {
    if (gcEachRun) collectGarbage();
    const analyzer = new Analyzer();
    analyzer.prepare();
    let started = performance.now();
    const result = analyzer.analyze(text);
    row.cold.push(performance.now() - started);
    afterRun?.();
    row.findings = result.findings.length;
    row.coldHits = analyzer.lastStats.cacheHits;
    if (gcEachRun) collectGarbage();
    started = performance.now();
    analyzer.analyze(text);
    row.warm.push(performance.now() - started);
    afterRun?.();
    row.warmHits = analyzer.lastStats.cacheHits;
    row.analyzer = analyzer;
  }
  return row;
}

function coreTable(rows: CoreRow[], target: (r: CoreRow) => number | undefined): string {
  return table(
    ['source', '>size', '>paragraphs', '>unique', '>findings', '>runs', '>cold (median)', '>MB/s', '>cold hits', '>warm (median)', '>warm hits', 'target', 'result'],
    rows.map((r) => {
      const cold = median(r.cold);
      const t = target(r);
      return [
        r.name, bytes(r.description.bytes), int(r.description.paragraphs), int(r.description.unique), int(r.findings), String(r.cold.length),
        ms(cold), mbPerSecond(r.description.bytes, cold), int(r.coldHits), ms(median(r.warm)),
        `${int(r.warmHits)}/${int(r.description.paragraphs)}`, t === undefined ? '-' : `< ${ms(t)}`, t === undefined ? '-' : verdict(cold < t),
      ];
    }),
  );
}

/** Inserts a word at a space near the middle of the first body paragraph past the middle of the text. */
function insertWordMidText(text: string, word: string): { text: string; offset: number; line: number } {
  const block = segmentBlocks(text).find((b) => b.start >= text.length / 2 && b.region === 'body' && b.text.includes(' '));
  if (!block) throw new Error('no body paragraph after the middle of the source');
  const space = block.text.indexOf(' ', Math.floor(block.text.length / 2));
  const offset = block.start + (space < 0 ? block.text.indexOf(' ') : space);
  const line = text.slice(0, offset).split('\n').length;
  return { text: `${text.slice(0, offset)} ${word}${text.slice(offset)}`, offset, line };
}

/** Analysed paragraphs of `after` whose cache key did not occur in `before` (the ones an edit touched). */
function changedParagraphs(before: string, after: string): number {
  const key = (b: ReturnType<typeof segmentBlocks>[number]) => `${b.region}\u0000${b.commenter ?? ''}\u0000${b.text}`;
  const old = new Set(segmentBlocks(before).filter((b) => b.region !== 'boilerplate').map(key));
  return segmentBlocks(after).filter((b) => b.region !== 'boilerplate' && !old.has(key(b))).length;
}

function latencyRow(name: string, series: { samples: number[]; nonEmpty: number }): string[] {
  const p95 = quantile(series.samples, 0.95);
  return [
    name, String(series.samples.length), `${series.nonEmpty}/${series.samples.length}`, ms(median(series.samples)), ms(p95),
    ms(Math.max(...series.samples)), `p95 < ${ms(TARGET.requestMs)}`, verdict(p95 < TARGET.requestMs),
  ];
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const summary: string[][] = [];

  out('Sourcemark benchmark');
  out(`node ${process.version} · ${process.platform}/${process.arch} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  out(`MB = 1,048,576 bytes; KB = 1,024 bytes. Times are wall clock (performance.now()). GC between phases: ${hasGc() ? 'yes (--expose-gc)' : 'no (run with --expose-gc)'}.`);
  out();

  // ---- Inputs --------------------------------------------------------------------------------
  const sampleNames = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort();
  const samples = sampleNames.map((name) => ({ name, text: readFileSync(path.join(SAMPLES_DIR, name), 'utf8') }));
  const pools = poolsFrom(samples.map((s) => s.text));
  let started = performance.now();
  const oneMb = new SourceGenerator(pools, SEED).source(1 * MB);
  const tenMb = new SourceGenerator(pools, SEED + 1).source(10 * MB);
  const small = Array.from({ length: SMALL_OPENS }, (_, i) => new SourceGenerator(pools, SEED + 2 + i).source(5 * 1024));
  const generationMs = performance.now() - started;
  const oneDesc = describeSource(oneMb);
  const tenDesc = describeSource(tenMb);

  out('Inputs');
  out(`  ${samples.length} sample sources from test-fixtures/sources. Generated sources: seeded PRNG (mulberry32, seed ${SEED}) over the samples' paragraphs,`);
  out(`  kept in news-page shape (headline, shuffled body paragraphs, reader threads closed by page furniture); organisations, people,`);
  out(`  places, months, years, numbers and a few common words are redrawn per occurrence; a paragraph that would repeat one already`);
  out(`  generated is redrawn, then gets filler words. Generated in ${ms(generationMs)}.`);
  out(`  "unique" = distinct paragraph-cache keys (region + commenter + text) among the analysed (non-boilerplate) paragraphs.`);
  out(table(
    ['source', '>bytes', '>paragraphs', '>unique', '>unique %'],
    [['generated 1 MB', oneDesc, oneMb], ['generated 10 MB', tenDesc, tenMb]].map(([name, d]) => {
      const desc = d as SourceDescription;
      return [name as string, int(desc.bytes), int(desc.paragraphs), int(desc.unique), percent(desc.unique, desc.paragraphs)];
    }),
  ));
  out();

  // ---- 1. Core analysis ----------------------------------------------------------------------
  progress('core analysis: samples');
  collectGarbage();
  const first = samples.reduce((a, b) => (Math.abs(b.text.length - 5 * 1024) < Math.abs(a.text.length - 5 * 1024) ? b : a));
  started = performance.now();
  new Analyzer().analyze(first.text);
  const processColdMs = performance.now() - started;
  // JIT warm-up so that "cold" below means a cold paragraph cache, not a cold process.
  for (let i = 0; i < 5; i++) for (const s of samples) new Analyzer().analyze(s.text);
  collectGarbage();
  const sampleRows = samples.map((s) => benchCore(s.name, s.text, RUNS.sample, false));
  out('1. Core analysis (src/core Analyzer in this process)');
  out('   cold = fresh Analyzer, first analyze() (construction not timed); warm = same Analyzer, same unchanged text again.');
  out(`   Medians of ${RUNS.sample} runs for samples, ${RUNS.oneMb} for 1 MB, ${RUNS.tenMb} for 10 MB, after a JIT warm-up (5 rounds over the samples).`);
  out('   Full GC before each 1 MB / 10 MB run. "cold hits": paragraphs repeated within the source.');
  progress('core analysis: 1 MB');
  const oneRow = benchCore('generated 1 MB', oneMb, RUNS.oneMb, true);

  // ---- 2. Incremental edit (measured before the 10 MB runs, so their garbage does not weigh on it) ----
  progress('incremental edit');
  const edit = insertWordMidText(oneMb, EDIT_WORD);
  const changed = changedParagraphs(oneMb, edit.text);
  collectGarbage();
  started = performance.now();
  oneRow.analyzer!.analyze(edit.text);
  const editMs = performance.now() - started;
  const editStats = oneRow.analyzer!.lastStats;
  const reanalysed = editStats.paragraphs - editStats.cacheHits;
  const editOk = reanalysed <= changed && reanalysed < editStats.paragraphs;
  oneRow.analyzer = undefined;

  // ---- 4a. Peak memory of the core analysis of 10 MB (measured during the 10 MB core runs) ----
  progress('core analysis: 10 MB (with memory sampling)');
  const sampler = new RssSampler(5);
  await new Promise((r) => setTimeout(r, 100)); // let the sampler start
  collectGarbage();
  const baseline = process.memoryUsage();
  const hwmReset = resetPeakRss();
  sampler.reset();
  const afterRuns = { rss: 0, heapUsed: 0 };
  const tenRow = benchCore('generated 10 MB', tenMb, RUNS.tenMb, true, () => {
    const m = process.memoryUsage();
    afterRuns.rss = Math.max(afterRuns.rss, m.rss);
    afterRuns.heapUsed = Math.max(afterRuns.heapUsed, m.heapUsed);
  });
  const sampled = sampler.read();
  const hwm = procStatus('self', 'VmHWM');
  await sampler.stop();
  collectGarbage();
  const retained = process.memoryUsage(); // the 10 MB Analyzer (its paragraph cache) is still referenced here
  tenRow.analyzer = undefined;
  collectGarbage();
  const released = process.memoryUsage();

  out(coreTable([...sampleRows, oneRow, tenRow], (r) =>
    r === oneRow ? TARGET.oneMbMs : r === tenRow ? undefined : TARGET.articleMs));
  out(`   First analysis in this process (${first.name}, JIT cold, before warm-up): ${ms(processColdMs)}.`);
  for (const r of sampleRows) summary.push([`core cold analysis, ${r.name} (${bytes(r.description.bytes)})`, ms(median(r.cold)), `< ${ms(TARGET.articleMs)}`, verdict(median(r.cold) < TARGET.articleMs)]);
  summary.push(['core cold analysis, generated 1 MB', ms(median(oneRow.cold)), `< ${ms(TARGET.oneMbMs)}`, verdict(median(oneRow.cold) < TARGET.oneMbMs)]);
  if (tenRow.warmHits < tenRow.description.paragraphs) {
    out(`   Note: the 10 MB warm run got ${int(tenRow.warmHits)} cache hits for ${int(tenRow.description.paragraphs)} paragraphs: the paragraph cache keeps at most 50,000 (LRU).`);
  }
  out();

  out('2. Incremental edit (generated 1 MB, same Analyzer as its last cold + warm run)');
  out(`   Inserted "${EDIT_WORD} " at offset ${int(edit.offset)} (line ${int(edit.line)}); paragraphs whose text changed: ${changed}.`);
  out(table(
    ['re-analysis', '>time', '>vs cold', '>paragraphs', '>cache hits', '>re-analysed', 'target', 'result'],
    [[
      'after one-word insert', ms(editMs), percent(editMs, median(oneRow.cold)), int(editStats.paragraphs), int(editStats.cacheHits), int(reanalysed),
      `re-analyse only the ${changed} changed`, verdict(editOk),
    ]],
  ));
  out(`   The rest of the time is the whole-document pass every analyze() makes (segmentation, entity resolution, findings).`);
  summary.push(['edit re-analysis, generated 1 MB', `${int(reanalysed)} of ${int(editStats.paragraphs)} paragraphs re-analysed, ${ms(editMs)}`, 'only the changed paragraph', verdict(editOk)]);
  out();

  // ---- 3. Language server --------------------------------------------------------------------
  progress('language server');
  if (!existsSync(SERVER_PATH)) {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const server: ServerResults = await benchServer({
    serverPath: SERVER_PATH, sample: first, small, oneMb, tenMb, requests: 50, edits: 5,
  });
  out(`3. Language server (spawned: node dist/server.js --stdio, JSON-RPC over pipes)`);
  out('   didOpen → first publishDiagnostics (includes sending the text and receiving/parsing the diagnostics JSON):');
  out(table(
    ['document', '>size', '>diagnostics', '>didOpen → diagnostics', '>MB/s', 'settings', 'target', 'result'],
    server.opens.map((o) => {
      const target = o.bytes <= 8 * 1024 ? TARGET.articleMs : o.bytes <= 1.1 * MB ? TARGET.oneMbMs : undefined;
      return [
        o.label, bytes(o.bytes), int(o.diagnostics), ms(o.ms), mbPerSecond(o.bytes, o.ms), o.settings ?? 'defaults',
        target === undefined ? '-' : `< ${ms(target)}`, target === undefined ? '-' : verdict(o.ms < target),
      ];
    }),
  ));
  const [firstOpen, ...rest] = server.opens;
  const smallOpens = rest.filter((o) => o.label.startsWith('generated 5 KB'));
  const smallMedian = median(smallOpens.map((o) => o.ms));
  const oneOpen = server.opens.find((o) => o.label === 'generated 1 MB')!;
  out(`   Generated 5 KB sources after the first open: median ${ms(smallMedian)}, max ${ms(Math.max(...smallOpens.map((o) => o.ms)))}.`);
  summary.push([`server didOpen → diagnostics, ${firstOpen.label}`, ms(firstOpen.ms), `< ${ms(TARGET.articleMs)}`, verdict(firstOpen.ms < TARGET.articleMs)]);
  summary.push([`server didOpen → diagnostics, generated 5 KB (median of ${smallOpens.length})`, ms(smallMedian), `< ${ms(TARGET.articleMs)}`, verdict(smallMedian < TARGET.articleMs)]);
  summary.push(['server didOpen → diagnostics, generated 1 MB', ms(oneOpen.ms), `< ${ms(TARGET.oneMbMs)}`, verdict(oneOpen.ms < TARGET.oneMbMs)]);
  out();
  out(`   Requests on the generated 1 MB source at the start of published diagnostics spread over the file (${server.warmupRequests} warm-up requests not counted):`);
  out(table(
    ['request', '>n', '>non-empty', '>median', '>p95', '>max', 'target', 'result'],
    [latencyRow('textDocument/hover', server.hover), latencyRow('textDocument/codeAction', server.codeAction)],
  ));
  summary.push(['server hover, generated 1 MB (p95)', ms(quantile(server.hover.samples, 0.95)), `< ${ms(TARGET.requestMs)}`, verdict(quantile(server.hover.samples, 0.95) < TARGET.requestMs)]);
  summary.push(['server codeAction, generated 1 MB (p95)', ms(quantile(server.codeAction.samples, 0.95)), `< ${ms(TARGET.requestMs)}`, verdict(quantile(server.codeAction.samples, 0.95) < TARGET.requestMs)]);
  out();
  out(`   didChange (one-character insert in a body paragraph) → publishDiagnostics for that version, generated 1 MB, ${server.changes.length} edits:`);
  out(table(
    ['edit', '>median', '>min', '>max', '>median minus debounce', 'all'],
    [[
      'didChange → diagnostics', ms(median(server.changes)), ms(Math.min(...server.changes)), ms(Math.max(...server.changes)),
      ms(median(server.changes) - server.changeDelayMs), server.changes.map((c) => ms(c)).join(', '),
    ]],
  ));
  out(`   (includes the server's ${server.changeDelayMs} ms edit debounce, ServerOptions.changeDelayMs default)`);
  out();

  // ---- 4. Memory -----------------------------------------------------------------------------
  out('4. Peak memory');
  out(table(
    ['process / measure', '>RSS', '>heapUsed'],
    [
      ['bench process, baseline before the 10 MB core runs (after GC)', bytes(baseline.rss), bytes(baseline.heapUsed)],
      [`bench process, peak sampled during 10 MB core runs (worker setInterval 5 ms, ${int(sampled.samples)} samples)`, bytes(sampled.peakRss), '-'],
      ['bench process, max right after the 10 MB core runs (cold, warm)', bytes(afterRuns.rss), bytes(afterRuns.heapUsed)],
      [`bench process, kernel peak VmHWM during 10 MB core runs${hwmReset ? ' (reset before)' : ' (since start)'}`, hwm === undefined ? 'n/a' : bytes(hwm), '-'],
      ['bench process, after the 10 MB runs + GC, 10 MB Analyzer (paragraph cache) still referenced', bytes(retained.rss), bytes(retained.heapUsed)],
      ['bench process, after releasing that Analyzer + GC', bytes(released.rss), bytes(released.heapUsed)],
      ['server process, peak VmHWM (all documents above, 10 MB last)', server.peakRss === undefined ? 'n/a' : bytes(server.peakRss), '-'],
      ['server process, RSS at the end (VmRSS)', server.finalRss === undefined ? 'n/a' : bytes(server.finalRss), '-'],
    ],
  ));
  out();

  // ---- 5. Tags: re-anchoring after an outside edit, sidecar saves ------------------------------
  progress('tags');
  collectGarbage();
  const tagBench = await benchTags(oneMb, SEED);
  for (const line of printTagBench(tagBench, oneMb.length)) out(line);
  out();
  for (const r of tagBench.reanchor) {
    const ok = median(r.runs) < TARGET.reanchorMs && r.misplaced === 0;
    summary.push([`re-anchor 1,000 tags, 1 MB, ${r.name}`, `${ms(median(r.runs))}, ${r.misplaced} misplaced`, `< ${ms(TARGET.reanchorMs)}, 0 misplaced`, verdict(ok)]);
  }
  for (const f of tagBench.save) {
    const p95 = quantile(f.samples, 0.95);
    summary.push([`sidecar save, ${f.name} (p95)`, ms(p95), `< ${ms(TARGET.saveMs)}`, verdict(p95 < TARGET.saveMs)]);
  }
  out();

  // ---- 6. Workspace index --------------------------------------------------------------------
  progress(`workspace index: ${WORKSPACE_SOURCES} generated sources`);
  const ws = await benchWorkspace(SERVER_PATH, SAMPLES_DIR, WORKSPACE_SOURCES);
  out(`6. Workspace index (spawned server, a folder of ${int(ws.sources)} sources: ${int(WORKSPACE_SOURCES)} generated ~5 KB pages + one sample, ${bytes(ws.bytes)})`);
  out(`   Index workers: ${ws.workers}. One sample source is open; it is hovered every 20 ms until the index reports its end.`);
  const wp95 = quantile(ws.hoverWhileIndexing, 0.95);
  out(table(
    ['measure', '>figure', 'target', 'result'],
    [
      ['initialize → index complete (work-done progress end)', ms(ws.indexMs), `< ${ms(TARGET.indexMs)}`, verdict(ws.indexMs < TARGET.indexMs)],
      ['sources indexed / failed', `${int(ws.indexed)} / ${int(ws.failed)}`, '-', '-'],
      ['progress reports (first → last)', `${int(ws.progressReports)} (${ws.firstProgress ?? '?'} → ${ws.lastProgress ?? '?'})`, '-', '-'],
      [`hover on the open source while indexing (n=${ws.hoverWhileIndexing.length}), median / p95 / max`, `${ms(median(ws.hoverWhileIndexing))} / ${ms(wp95)} / ${ms(Math.max(...ws.hoverWhileIndexing))}`, `p95 < ${ms(TARGET.hoverWhileIndexingMs)}`, verdict(wp95 < TARGET.hoverWhileIndexingMs)],
      ['hover after indexing, median / p95', `${ms(median(ws.hoverAfter))} / ${ms(quantile(ws.hoverAfter, 0.95))}`, '-', '-'],
      ['server peak memory (VmHWM, main thread + index workers)', ws.peakRss === undefined ? 'n/a' : bytes(ws.peakRss), `< ${bytes(TARGET.indexRss)}`, ws.peakRss === undefined ? '-' : verdict(ws.peakRss < TARGET.indexRss)],
      ['server RSS at the end', ws.finalRss === undefined ? 'n/a' : bytes(ws.finalRss), '-', '-'],
      ['server RSS once the index workers stopped, idle (3 s in the bench, 30 s by default)', ws.idleRss === undefined ? 'n/a' : bytes(ws.idleRss), '-', '-'],
      [`sourcemark/timeline (${int(ws.timelineEntries)} dates, ${int(ws.conflicts)} disagreements)`, ms(ws.timelineMs), '-', '-'],
      ['workspace/symbol "xiaomi"', ms(ws.symbolMs), '-', '-'],
      [`textDocument/references on an entity (${int(ws.references)} locations)`, ms(ws.referencesMs), '-', '-'],
    ],
  ));
  out('   Generated pages reuse the samples\' paragraphs with names, years and numbers redrawn, so they have far more');
  out('   near-identical claims (and time-frame conflicts) than a real workspace.');
  summary.push([`workspace index, ${int(ws.sources)} sources (${bytes(ws.bytes)})`, ms(ws.indexMs), `< ${ms(TARGET.indexMs)}`, verdict(ws.indexMs < TARGET.indexMs)]);
  summary.push(['hover while indexing (p95)', ms(wp95), `< ${ms(TARGET.hoverWhileIndexingMs)}`, verdict(wp95 < TARGET.hoverWhileIndexingMs)]);
  if (ws.peakRss !== undefined) summary.push(['server peak memory while indexing', bytes(ws.peakRss), `< ${bytes(TARGET.indexRss)}`, verdict(ws.peakRss < TARGET.indexRss)]);
  out();

  // ---- 7. Engine: issue 14's table ------------------------------------------------------------
  await benchEngine();
  out();

  // ---- Summary -------------------------------------------------------------------------------
  out('Targets');
  out(table(['target', 'figure', 'goal', 'result'], summary));
  const misses = summary.filter((r) => r[3] === 'MISS').length;
  out(`  ${summary.length - misses} PASS, ${misses} MISS. Total bench time ${ms(performance.now() - benchStarted)}.`);
}

// The servers and CLIs it runs file their results in a cache folder of the run's own.
const dropCache = ownCacheFolder();
main().finally(dropCache).then(
  // Exit explicitly (the server's pipes may linger), once stdout has been flushed.
  () => process.stdout.write('', () => process.exit(0)),
  (e: unknown) => {
    process.stderr.write(`bench crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
