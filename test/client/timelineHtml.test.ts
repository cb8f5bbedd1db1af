import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { CorpusIndex } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { openLink, timelineHtml } from '../../src/client/timelineHtml';
import { timelineResponse } from '../../src/server/timelineRequest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REFERENCE_DATE, sampleCorpus } from '../core/corpus/sampleCorpus';

describe('timeline webview page', () => {
  it('has a strict CSP, no script, and the disagreements first', async () => {
    const { index } = sampleCorpus();
    // The samples agree with each other; a memo giving their plan 2021 does not.
    const memo = readFileSync(path.resolve(__dirname, '../../test-fixtures/disagreeing/memo.txt'), 'utf8');
    index.upsertAnalysis('memo.txt', memo, analyzeSource(new Analyzer(), memo, undefined, { referenceDate: REFERENCE_DATE }));
    const html = timelineHtml(await timelineResponse(index, [], false), { cspSource: 'vscode-resource:', nonce: 'abc' });
    expect(html).toContain(`content="default-src 'none'; style-src 'nonce-abc'; img-src vscode-resource:;"`);
    expect(html).not.toMatch(/<script/i);
    expect(html.indexOf('Where the sources disagree')).toBeLessThan(html.indexOf('<h2>Dates</h2>'));
    expect(html).toContain('class="disputed"');
    expect(html).toContain(openLink('003_ec377d852a875d58.txt', 13, 112).replace(/"/g, '&quot;').slice(0, 40));
  });

  it('escapes source text', async () => {
    const index = new CorpusIndex();
    const text = 'T\n\nOn 3 March 2018 <script>alert(1)</script> "quoted" & <img src=x onerror=y> said Xiaomi.\n';
    index.upsertAnalysis('file:///w/evil<b>.txt', text, analyzeSource(new Analyzer(), text, undefined, {}));
    const html = timelineHtml(await timelineResponse(index, ['file:///w'], false), { cspSource: 'x', nonce: 'n' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('evil<b>');
    expect(html).toContain('&lt;script&gt;');
  });
});
