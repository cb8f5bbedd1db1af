import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { cueSpan, FINDING_KINDS, type AnalysisResult, type Finding } from '../../src/core/model';
import { checkAnalysable, decodeSource, DEFAULT_MAX_FILE_MB, stripBom } from '../../src/core/text/sourceText';

const SOURCES = join(__dirname, '../../test-fixtures/sources');
const sampleFiles = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort();
const analyzer = new Analyzer();

/** Asserts the offset contract on every finding and cue, and returns the analysis. */
function analyseChecked(text: string): AnalysisResult {
  const result = analyzer.analyze(text);
  for (const f of result.findings) {
    expect(text.slice(f.start, f.end), f.id).toBe(f.text);
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    for (const cue of f.cues) {
      const { start, end } = cueSpan(f, cue);
      expect(text.slice(start, end), `${f.id} cue`).toBe(cue.text);
    }
  }
  return result;
}

const find = (result: AnalysisResult, kind: Finding['kind'], text: string) => {
  const f = result.findings.find((x) => x.kind === kind && x.text === text);
  expect(f, `${kind} "${text}"`).toBeDefined();
  return f!;
};

/** The findings as [kind, text], for comparing two analyses of the same words. */
const shape = (r: AnalysisResult) => r.findings.map((f) => [f.kind, f.text.replace(/\r\n/g, '\n')]);

describe('offset contract on the sample sources', () => {
  it('has samples to check', () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(5);
  });

  it.each(sampleFiles)('%s: text.slice(start, end) === text', (file) => {
    const text = readFileSync(join(SOURCES, file), 'utf8');
    const result = analyseChecked(text);
    expect(result.findings.length).toBeGreaterThan(10);
    expect(new Set(result.findings.map((f) => f.kind))).toEqual(new Set(FINDING_KINDS));
  });

  it.each(sampleFiles)('%s with CRLF line endings: same findings, exact offsets', (file) => {
    const lf = readFileSync(join(SOURCES, file), 'utf8').replace(/\r\n/g, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyseChecked(lf);
    const b = analyseChecked(crlf);
    expect(shape(b)).toEqual(shape(a));
    // Each finding moves by exactly the number of line breaks before it.
    b.findings.forEach((f, i) => {
      const breaks = lf.slice(0, a.findings[i].start).split('\n').length - 1;
      expect(f.start).toBe(a.findings[i].start + breaks);
    });
  });
});

describe('offsets are UTF-16 code units', () => {
  const text = '😀 Xiaomi said on 3 March 2018 that 𝒳 sales rose 20%.';

  it('counts an emoji before a finding as two units', () => {
    const result = analyseChecked(text);
    expect(find(result, 'entity', 'Xiaomi')).toMatchObject({ start: 3, end: 9 });
    expect(find(result, 'date', '3 March 2018')).toMatchObject({ start: 18, end: 30 });
    expect(find(result, 'date', '3 March 2018').date?.value).toBe('2018-03-03');
    const claim = find(result, 'claim', text);
    expect(claim).toMatchObject({ start: 0, end: text.length });
    const quantity = claim.cues.find((c) => c.kind === 'quantity')!;
    expect(quantity.text).toBe('20%');
    expect(cueSpan(claim, quantity).start).toBe(text.indexOf('20%'));
  });

  it('maps to LSP positions whose character counts UTF-16 units', () => {
    const result = analyseChecked(`First line.\n${text}`);
    const doc = TextDocument.create('file:///source.txt', 'plaintext', 1, `First line.\n${text}`);
    expect(doc.positionAt(find(result, 'entity', 'Xiaomi').start)).toEqual({ line: 1, character: 3 });
    expect(doc.positionAt(find(result, 'date', '3 March 2018').start)).toEqual({ line: 1, character: 18 });
    const x = find(result, 'entity', 'Xiaomi');
    expect(doc.getText({ start: doc.positionAt(x.start), end: doc.positionAt(x.end) })).toBe('Xiaomi');
  });

  it('maps CRLF sources to the right line and character', () => {
    const crlf = 'A headline\r\n\r\nXiaomi sold 10 million phones in India in 2017.';
    const result = analyseChecked(crlf);
    const doc = TextDocument.create('file:///source.txt', 'plaintext', 1, crlf);
    expect(doc.positionAt(find(result, 'entity', 'India').start)).toEqual({ line: 2, character: 33 });
    expect(doc.positionAt(find(result, 'date', '2017').end)).toEqual({ line: 2, character: 46 });
  });

  it('keeps offsets right after many astral characters', () => {
    const prefix = '𝒳'.repeat(50) + '\n\n';
    const result = analyseChecked(`${prefix}Huawei sold 3 million phones in Europe during 2017.`);
    expect(find(result, 'entity', 'Huawei').start).toBe(prefix.length);
    expect(prefix.length).toBe(102);
  });
});

describe('non-Latin scripts mixed in', () => {
  it('Chinese, Cyrillic and Arabic before and between findings', () => {
    const text = '小米 (Xiaomi) said on 3 March 2018 that Россия and مصر bought 20% more phones. Lei Jun agreed with IDC.';
    const result = analyseChecked(text);
    expect(find(result, 'entity', 'Xiaomi')).toMatchObject({ start: 4, end: 10 });
    expect(find(result, 'entity', 'Xiaomi').entity?.type).toBe('organisation');
    expect(find(result, 'date', '3 March 2018').start).toBe(20);
    expect(find(result, 'entity', 'Lei Jun').start).toBe(text.indexOf('Lei Jun'));
    expect(find(result, 'entity', 'IDC').start).toBe(text.indexOf('IDC'));
  });

  it('a year inside Chinese text and names after it', () => {
    const text = '小米公司在2018年进入美国市场。 Xiaomi sold 10 million phones in Egypt (مصر) in 2018.';
    const result = analyseChecked(text);
    expect(result.findings.filter((f) => f.kind === 'date').map((f) => f.start)).toEqual([5, text.lastIndexOf('2018')]);
    expect(find(result, 'entity', 'Egypt')).toMatchObject({ start: text.indexOf('Egypt') });
    expect(find(result, 'entity', 'Egypt').entity?.canonical).toBe('Egypt');
  });

  it('combining marks and right-to-left text keep offsets exact', () => {
    const text = 'Café owners in Zürich, and شركة شاومي, say Xiaomi sold 5 million phones in 2018.';
    const result = analyseChecked(text);
    expect(find(result, 'entity', 'Xiaomi').start).toBe(text.indexOf('Xiaomi'));
    expect(find(result, 'date', '2018').start).toBe(text.lastIndexOf('2018'));
  });
});

describe('decodeSource', () => {
  const body = 'Xiaomi said on 3 March 2018 that sales rose 20%.';

  it('drops a UTF-8 BOM, and offsets are relative to the BOM-less text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(body, 'utf8')]);
    const text = decodeSource(bytes);
    expect(text).toBe(body);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const result = analyseChecked(text);
    expect(find(result, 'entity', 'Xiaomi')).toMatchObject({ start: 0, end: 6 });
    expect(find(result, 'date', '3 March 2018')).toMatchObject({ start: 15, end: 27 });
  });

  it('decodes multi-byte UTF-8 into UTF-16 text', () => {
    const text = decodeSource(new Uint8Array(Buffer.from('😀 小米 Xiaomi', 'utf8')));
    expect(text).toBe('😀 小米 Xiaomi');
    expect(text.indexOf('Xiaomi')).toBe(6);
  });

  it('leaves text without a BOM alone, and only drops a leading one', () => {
    expect(decodeSource(new Uint8Array(Buffer.from(body, 'utf8')))).toBe(body);
    expect(stripBom('\uFEFFabc')).toBe('abc');
    expect(stripBom('a\uFEFFbc')).toBe('a\uFEFFbc');
    expect(stripBom('')).toBe('');
  });
});

describe('checkAnalysable', () => {
  it('accepts ordinary text', () => {
    expect(checkAnalysable(readFileSync(join(SOURCES, sampleFiles[0]), 'utf8'))).toEqual({ ok: true });
  });

  it('refuses binary data (NUL bytes)', () => {
    const check = checkAnalysable('PK\u0003\u0004\u0000\u0000binary');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/binary/);
    expect(!check.ok && check.reason).toMatch(/sourcemark\.sources/);
  });

  it('refuses text that decoded to many replacement characters', () => {
    expect(checkAnalysable('\uFFFD'.repeat(10) + 'a'.repeat(100)).ok).toBe(false);
    // One stray replacement character in a long text is fine.
    expect(checkAnalysable('\uFFFD' + 'a'.repeat(1000)).ok).toBe(true);
  });

  it('refuses text over the size limit, with the MB figure in the reason', () => {
    const text = 'x'.repeat(3 * 1024 * 1024);
    const check = checkAnalysable(text, 2);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain('3.0 MB');
    expect(!check.ok && check.reason).toContain('2 MB limit');
    expect(!check.ok && check.reason).toContain('sourcemark.maxFileSizeMB');
    expect(checkAnalysable(text, 4)).toEqual({ ok: true });
  });

  it('measures size in UTF-8 bytes, not UTF-16 units', () => {
    // 600k CJK characters are 1.8 MB of UTF-8 (3 bytes each) but 600k UTF-16 units.
    const check = checkAnalysable('小'.repeat(600_000), 1);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain('1.7 MB');
  });

  it('holds the limit to the byte where three-byte characters meet it', () => {
    const limit = 1024 * 1024;
    expect(checkAnalysable('小'.repeat(Math.floor(limit / 3)), 1)).toEqual({ ok: true });
    expect(checkAnalysable('小'.repeat(Math.floor(limit / 3) + 1), 1).ok).toBe(false);
    // Emoji: two UTF-16 units, four bytes.
    expect(checkAnalysable('😀'.repeat(limit / 4), 1)).toEqual({ ok: true });
    expect(checkAnalysable('😀'.repeat(limit / 4 + 1), 1).ok).toBe(false);
  });

  it('has an 8 MB default limit', () => {
    expect(DEFAULT_MAX_FILE_MB).toBe(8);
    expect(checkAnalysable('x'.repeat(7 * 1024 * 1024))).toEqual({ ok: true });
    expect(checkAnalysable('x'.repeat(9 * 1024 * 1024)).ok).toBe(false);
  });

  it('accepts the empty string, which analyses to no findings', () => {
    expect(checkAnalysable('')).toEqual({ ok: true });
    expect(analyzer.analyze('')).toEqual({ findings: [], regions: [], reference: { from: 'none' } });
    expect(analyzer.analyze('\n\n  \n').findings).toEqual([]);
  });
});
