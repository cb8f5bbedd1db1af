// Every mention the detector gives has one shape (entityMention.ts: mention()): the passes that read
// mentions stay monomorphic. A mention made as a literal of its own somewhere breaks this test.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { EntityDetector } from '../../../../src/core/kinds/entity/entityDetector';
import { mention } from '../../../../src/core/kinds/entity/entityMention';

const SOURCES = path.join(__dirname, '../../../../test-fixtures/sources');

describe('entity mentions', () => {
  it('all have the fields of mention(), in its order, whichever rule or the tagger made them', () => {
    const shape = Object.keys(mention({ start: 0, end: 1, text: 'X', sentenceInitial: false, type: 'other', confidence: 1, reason: 'r' })).join();
    const shapes = new Map<string, string>();
    const detect = EntityDetector.prototype.detect;
    EntityDetector.prototype.detect = function (this: EntityDetector, ...args: Parameters<typeof detect>) {
      const out = detect.apply(this, args);
      for (const m of out) shapes.set(Object.keys(m).join(), `${m.text} (${m.reason})`);
      return out;
    };
    try {
      // The sample sources, and lines that reach the rarer rules: datelines, teams, "&", nicknames, titles, lists of people.
      const texts = [
        ...readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(SOURCES, f), 'utf8')),
        'LONDON 1996-08-30\n\nProcter & Gamble and Standard & Poor met Roberto " Hands of Stone " Duran in Paris.',
        'Manchester United 2 Chelsea 1\n\nThe film " Gone With The Wind " played at the Tokyo Motor Show.',
        'Present were John Smith, Mary Jones, Paul Brown and Anne White, all of the Al-Ahram group.',
      ];
      for (const text of texts) new Analyzer().analyze(text);
    } finally {
      EntityDetector.prototype.detect = detect;
    }
    expect(shapes.size).toBeGreaterThan(0);
    expect([...shapes.keys()]).toEqual([shape]);
  });
});
