// Baseline rows printed beside Sourcemark's in the same run, so each figure is read as a ratio.
import * as chrono from 'chrono-node';
import nlp from 'compromise';
import { pad } from '../core/kinds/date/timex';
import type { GoldDoc } from './gold';
import type { Span } from './metrics';
import type { ClaimSystem, DateSystem, EntitySystem, HedgeSystem } from './systems';

type CompromiseMatch = { terms: { offset: { start: number; length: number } }[] };

/** compromise's people / places / organizations, as the library gives them (it has no MISC). */
export const compromiseEntities: EntitySystem = {
  name: 'baseline: compromise 14',
  entities(doc: GoldDoc): Span[] {
    const d = nlp(doc.text);
    const spans: Span[] = [];
    const add = (label: string, matches: CompromiseMatch[]) => {
      for (const m of matches) {
        const first = m.terms[0]?.offset;
        const last = m.terms[m.terms.length - 1]?.offset;
        if (first && last) spans.push({ start: first.start, end: last.start + last.length, label });
      }
    };
    add('PER', d.people().json({ offset: true, terms: { offset: true } }) as CompromiseMatch[]);
    add('LOC', d.places().json({ offset: true, terms: { offset: true } }) as CompromiseMatch[]);
    add('ORG', d.organizations().json({ offset: true, terms: { offset: true } }) as CompromiseMatch[]);
    return spans;
  },
};

/**
 * chrono-node's casual parser over the whole text against the document date, no refinement: the
 * value is given to the precision the library says it is certain of (day, else month, else year).
 */
export const chronoDates: DateSystem = {
  name: 'baseline: chrono-node casual',
  dates(doc: GoldDoc): Span[] {
    const ref = doc.dct ? new Date(`${doc.dct}T12:00:00Z`) : new Date(Date.UTC(2000, 0, 1, 12));
    return chrono.parse(doc.text, ref).map((r) => {
      const c = r.start;
      const ymd = `${pad(c.get('year') ?? 0, 4)}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
      const relativeDay = c.tags().has('result/relativeDate') || !c.isCertain('month');
      const value = c.isCertain('day') || relativeDay ? ymd : c.isCertain('month') ? ymd.slice(0, 7) : ymd.slice(0, 4);
      return { start: r.index, end: r.index + r.text.length, label: c.isCertain('hour') ? 'TIME' : 'DATE', value };
    });
  },
};

const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|trillion|percent)\b/i;
const WORDS = /[A-Za-z]+/g;

/**
 * Naive cue count: one point each for a number, a capitalised word after the first, and ten or
 * more words; score = points / 3, check-worthy at 0.5 (two of the three cues).
 */
export const cueCountClaims: ClaimSystem = {
  name: 'baseline: naive cue count',
  threshold: 0.5,
  score(doc: GoldDoc): number {
    const words = doc.text.match(WORDS) ?? [];
    const points = Number(NUMBER.test(doc.text)) + Number(words.slice(1).some((w) => /^[A-Z][a-z]/.test(w))) + Number(words.length >= 10);
    return points / 3;
  },
};

const MODALS = /\b(?:may|might|could|would|should|possibly|probably|perhaps)\b/gi;

/** Modal verbs and the three commonest epistemic adverbs as hedge cues. */
export const modalHedges: HedgeSystem = {
  name: 'baseline: modals only',
  hedgeCues(doc: GoldDoc): Span[] {
    return [...doc.text.matchAll(MODALS)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: 'HEDGE' }));
  },
};
