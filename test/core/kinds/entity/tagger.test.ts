import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { combineMentions } from '../../../../src/core/kinds/entity/combine';
import type { EntityMention } from '../../../../src/core/kinds/entity/entityMention';
import { EntityDetector } from '../../../../src/core/kinds/entity/entityDetector';
import { documentCasing, hash, hashPair, hashRange, ruleHints, shapeOf } from '../../../../src/core/kinds/entity/tagger/features';
import { PackedWeights, TAG_COUNT, TAGS } from '../../../../src/core/kinds/entity/tagger/model';
import { conllTokens, EntityTagger, isPlain, load, modalMay, spansOf, unpack } from '../../../../src/core/kinds/entity/tagger/tagger';
import { decodeWeights, encodeWeights, readShippedWeights, shippedWeightsPath } from '../../../../src/core/kinds/entity/tagger/weightsFile';
import { sentencesOf, type Token } from '../../../../src/core/text/sentences';

const tagger = new EntityTagger();
const rules = new EntityDetector(undefined, false);

/** [text, type] of each tagged span of the text's sentences, with the rules' hints as the detector gives them. */
function tag(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const s of sentencesOf(unified().use(englishParser).parse(text) as Root, text)) {
    const found = rules.detectByRules(s, []);
    for (const span of tagger.tag(s.tokens, undefined, (tokens) => ruleHints(tokens, found))) out.push([text.slice(span.start, span.end), span.type]);
  }
  return out;
}

describe('entity tagger', () => {
  it('tags untokenised prose', () => {
    expect(tag('Peter Blackburn said on Monday that the European Commission will visit Germany.')).toEqual([
      ['Peter Blackburn', 'PER'],
      ['European Commission', 'ORG'],
      ['Germany', 'LOC'],
    ]);
  });

  it('finds names in a line set in capitals', () => {
    const found = tag('SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .');
    expect(found).toContainEqual(['JAPAN', 'LOC']);
    expect(found).toContainEqual(['CHINA', 'LOC']);
  });

  it('tags text with emoji, non-Latin letters and CRLF without losing offsets', () => {
    const text = 'Ünal Kaya 🙂 flew to Zürich.\r\nAngela Merkel met 習近平 in Berlin.';
    for (const s of sentencesOf(unified().use(englishParser).parse(text) as Root, text)) {
      for (const span of tagger.tag(s.tokens)) {
        expect(span.start).toBeLessThan(span.end);
        expect(span.start).toBeGreaterThanOrEqual(s.start);
        expect(span.end).toBeLessThanOrEqual(s.end);
        expect(text.slice(span.start, span.end)).toMatch(/^\S(?:.*\S)?$/s);
      }
    }
    expect(tag(text)).toContainEqual(['Berlin', 'LOC']);
  });

  it('returns nothing for no tokens', () => {
    expect(tagger.tag([])).toEqual([]);
  });
});

describe('tagger pieces', () => {
  it('reads BIO tags into spans; I- after another type starts a new span', () => {
    const t = (name: string) => TAGS.indexOf(name);
    const spans = spansOf(Uint8Array.from([t('B-PER'), t('I-PER'), t('O'), t('B-LOC'), t('B-LOC'), t('I-ORG')]));
    expect(spans).toEqual([
      { from: 0, to: 2, type: 'PER' },
      { from: 3, to: 4, type: 'LOC' },
      { from: 4, to: 5, type: 'LOC' },
      { from: 5, to: 6, type: 'ORG' },
    ]);
  });

  it('hashes features without building strings, stably across runs', () => {
    expect(hashRange(5, 'xgermany', 1, 8)).toBe(hash(5, 'germany'));
    expect(hashPair(7, 'new', 'york')).not.toBe(hashPair(7, 'newy', 'ork'));
    expect(hash(2, 'Germany')).toBe(917946366);
  });

  it('splits tokens as CoNLL does: possessives apart, a period off a word that is no abbreviation', () => {
    const text = "Xiaomi's Mate 10 Pro. Germany 's Apple Inc. U.S. growth";
    const s = sentencesOf(unified().use(englishParser).parse(text) as Root, text).flatMap((x) => conllTokens(x.tokens));
    expect(s.map((t) => t.text)).toEqual(['Xiaomi', "'s", 'Mate', '10', 'Pro', '.', 'Germany', "'s", 'Apple', 'Inc.', 'U.S.', 'growth']);
    for (const t of s) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('draws word shapes with runs collapsed', () => {
    expect(shapeOf('Germany')).toBe('Xx');
    expect(shapeOf('U.S.')).toBe('X.X.');
    expect(shapeOf('1996-08-22')).toBe('d-d-d');
    expect(shapeOf('iPhone')).toBe('xXx');
  });

  it('finds every weight row in its table, a key of 0 and colliding keys included', () => {
    const keys = Uint32Array.from([0, 3, 3 + 8, 3 + 16, 7]);
    const values = new Float32Array(keys.length * TAG_COUNT).map((_v, i) => i);
    const table = new PackedWeights(keys, values);
    keys.forEach((key, row) => {
      const scores = new Float64Array(TAG_COUNT);
      table.add(key, scores);
      expect([...scores]).toEqual([...values.subarray(row * TAG_COUNT, (row + 1) * TAG_COUNT)]);
    });
    const none = new Float64Array(TAG_COUNT);
    table.add(5, none);
    expect([...none].every((v) => v === 0)).toBe(true);
  });

  it('reads the shipped weights packed as they are with the scores of float rows', () => {
    const model = readShippedWeights();
    const floats = unpack(model);
    const quantised = load(model);
    const { keys } = model;
    let differing = 0;
    let found = 0;
    for (let i = 0; i < keys.length; i += 97) {
      const a = new Float64Array(TAG_COUNT);
      const b = new Float64Array(TAG_COUNT);
      floats.add(keys[i], a);
      quantised.add(keys[i], b);
      for (let t = 0; t < TAG_COUNT; t++) if (Math.abs(a[t] - b[t]) > 1e-5 * Math.max(1, Math.abs(a[t]))) differing++;
      if (b.some((v) => v !== 0)) found++;
    }
    expect(differing).toBe(0);
    expect(found).toBeGreaterThan(keys.length / 97 / 2);
    const none = new Float64Array(TAG_COUNT);
    quantised.add(0xdeadbeef, none);
    expect([...none].every((v) => v === 0)).toBe(true);
  });

  it('never takes the modal "May" opening a wish or a question for a name, but keeps the name May', () => {
    const tokensOf = (text: string) => sentencesOf(unified().use(englishParser).parse(text) as Root, text)[0].tokens;
    for (const text of ['May I ask what the plan is?', '"May I come in?" he asked.', 'May God bless America, Trump said.', 'MAY I HAVE YOUR ATTENTION', 'May the best team win.']) {
      expect(modalMay(tokensOf(text)), text).toBe(true);
      expect(tag(text).filter(([name]) => /^may\b/i.test(name)), text).toEqual([]);
    }
    for (const text of ['May 2018 saw the launch.', 'May said on Monday that she would resign.', 'Theresa May said on Monday that she would resign.', 'May Xiaomi prosper.']) {
      expect(modalMay(tokensOf(text)), text).toBe(false);
    }
    expect(tag('Theresa May said on Monday that she would resign.')).toContainEqual(['Theresa May', 'PER']);
  });

  it('tells plain tokens (no capital, no digit, any script) from those a name may start at', () => {
    expect(['phones', 'é', '小米', ',', "'s"].map(isPlain)).toEqual([true, true, true, true, true]);
    expect(['Xiaomi', '2018', 'iPhone', 'Émile', 'ΑΘΗΝΑ'].map(isPlain)).toEqual([false, false, false, false, false]);
  });

  it('skipping plain tokens after an O leaves the sample sources tagged as scoring every token does', () => {
    const dir = path.resolve(__dirname, '../../../../test-fixtures/sources');
    const tagger = new EntityTagger();
    const full = new EntityTagger();
    (full as unknown as { plainShortcut: boolean }).plainShortcut = false;
    const rules = new EntityDetector(undefined, false);
    let spans = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const sentences = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
      const casing = documentCasing(sentences.map((s) => s.tokens));
      for (const s of sentences) {
        const hints = (tokens: readonly Token[]) => ruleHints(tokens, rules.detectByRules(s, []));
        const got = tagger.tag(s.tokens, casing, hints);
        expect(got).toEqual(full.tag(s.tokens, casing, hints));
        spans += got.length;
      }
    }
    expect(spans).toBeGreaterThan(100);
  });

  it('ships weights as a compact binary file that reads back as written', () => {
    const file = readFileSync(shippedWeightsPath());
    expect(file.length).toBeLessThan(1_000_000);
    const model = decodeWeights(file);
    expect(model.keys.length).toBeGreaterThan(10_000);
    expect(model.comment).toMatch(/^Generated by scripts\/train\/train-entity-tagger\.ts/);
    expect(encodeWeights(model).equals(file)).toBe(true);
    expect(() => decodeWeights(file.subarray(0, file.length - 1))).toThrow(/cut short/);
    expect(() => decodeWeights(Buffer.from('{"keys":""}'))).toThrow(/not a weights file/);
  });
});

describe('tagger and rules combined', () => {
  const m = (start: number, end: number, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({
    start, end, text: 'x'.repeat(end - start), type, confidence: 0.8, sentenceInitial: false, reason: 'test', ...extra,
  });

  it('keeps a model name the rules found where the tagger cut it short', () => {
    const out = combineMentions([m(0, 6, 'organisation', { learned: true })], [m(0, 9, 'product', { reason: 'model name', text: 'Mi Mix 2S' })]);
    expect(out).toEqual([expect.objectContaining({ start: 0, end: 9, type: 'product' })]);
  });

  it('keeps the tagger type over a disagreeing rule, and the rules canonical name where they agree', () => {
    const out = combineMentions(
      [m(0, 5, 'organisation', { learned: true }), m(10, 12, 'place', { learned: true })],
      [m(0, 5, 'place', { canonical: 'Paris' }), m(10, 12, 'place', { canonical: 'United States' })],
    );
    expect(out.map((o) => [o.type, o.canonical])).toEqual([['organisation', undefined], ['place', 'United States']]);
  });

  it('gives an unsure tagged span way to the longer person name of the rules ("Lei" of "Lei Jun"), a sure one not', () => {
    const rules = [m(0, 7, 'person', { text: 'Lei Jun', confidence: 0.55, reason: 'shape of a full name' })];
    expect(combineMentions([m(0, 3, 'organisation', { learned: true, confidence: 0.57 })], rules)).toEqual([expect.objectContaining({ start: 0, end: 7, type: 'person' })]);
    expect(combineMentions([m(0, 3, 'organisation', { learned: true, confidence: 0.9 })], rules)).toEqual([expect.objectContaining({ start: 0, end: 3, type: 'organisation' })]);
    const hyphen = [m(0, 19, 'person', { text: 'Ontario-based Magna', confidence: 0.55 })];
    expect(combineMentions([m(0, 13, 'other', { learned: true, confidence: 0.46 })], hyphen)).toEqual([expect.objectContaining({ start: 0, end: 13, type: 'other' })]);
  });

  it('keeps a rule name the tagger did not find only as a fallback, unless it is a sure product', () => {
    const out = combineMentions([], [m(0, 4, 'other'), m(10, 13, 'product', { reason: 'model name', text: 'M1' }), m(20, 23, 'product', { canonical: 'iPhone' })]);
    expect(out.map((o) => [o.start, o.fallback ?? false])).toEqual([[0, true], [10, true], [20, false]]);
  });
});
