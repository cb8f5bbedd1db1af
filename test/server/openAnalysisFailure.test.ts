// An open source whose analysis fails (src/server/openAnalysis.ts) is shown as not analysed, saying
// why, with its tags attached; the error goes to the log. It used to get no diagnostics at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/core/analyzer';
import type { Sidecar } from '../../src/core/tags/annotation';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';
import { OpenAnalysis } from '../../src/server/openAnalysis';

const TEXT = 'Xiaomi sold 10 million phones in India in 2017, according to IDC.\n';

/** An analyzer with a bug: every analysis throws. */
const failing = { analyze: () => { throw new Error('mention without an entity'); } } as unknown as Analyzer;

describe('an open source whose analysis fails', () => {
  it('is shown as not analysed, saying why, its tag kept, the error logged', async () => {
    const logged: string[] = [];
    const analysis = new OpenAnalysis({ script: '/nonexistent/indexWorker.js', log: (m) => logged.push(m) });
    const sidecar: Sidecar = {
      schemaVersion: 3, source: 'source.txt', sourceSha256: sha256Hex(TEXT),
      annotations: [{ id: 'a1', kind: 'claim', status: 'verified', target: makeQuoteTarget(TEXT, 0, TEXT.length - 1), createdAt: '2025-01-31T14:05:00.000Z', updatedAt: '2025-01-31T14:05:00.000Z' }],
    };
    const shown = await analysis.analyseFor('file:///ws/source.txt')(failing, TEXT, sidecar, {});
    expect(shown.analysis).toBeUndefined();
    expect(shown.skippedReason).toContain('could not analyse this source (mention without an entity)');
    expect(shown.skippedReason).toContain('Its tags are kept');
    expect(shown.tagged.findings.map((f) => [f.kind, f.text, f.annotation?.status])).toEqual([['claim', TEXT.slice(0, -1), 'verified']]);
    expect(logged.join('\n')).toMatch(/could not analyse file:\/\/\/ws\/source\.txt: Error: mention without an entity\n\s+at /);
    analysis.dispose();
  });

  it('off the main thread too: the worker\'s error, with the worker\'s stack, reaches the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-failing-worker-'));
    try {
      // A worker whose every analysis fails, as one with a bug in an analyser would answer.
      const script = path.join(dir, 'failing-worker.js');
      writeFileSync(script, `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (t) => parentPort.postMessage({ id: t.id, error: 'mention without an entity', stack: 'Error: mention without an entity\\n    at resolveEntities (entityResolution.ts:1:1)' }));`);
      const logged: string[] = [];
      const analysis = new OpenAnalysis({ script, minChars: 0, log: (m) => logged.push(m) });
      const shown = await analysis.analyseFor('file:///ws/long.txt')(failing, TEXT, undefined, {});
      analysis.dispose();
      expect(shown.skippedReason).toContain('could not analyse this source (mention without an entity)');
      expect(shown.tagged.findings).toEqual([]);
      expect(logged.join('\n')).toContain('at resolveEntities (entityResolution.ts:1:1)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
