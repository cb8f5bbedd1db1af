import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { EntityDetector } from '../../../../src/core/kinds/entity/entityDetector';
import { Gazetteer, placeGroups } from '../../../../src/core/kinds/entity/gazetteer';
import names from '../../../../src/core/kinds/entity/names.generated.json';
import places from '../../../../src/core/kinds/entity/places.generated.json';
import handKept from '../../../../src/core/kinds/entity/gazetteer.json';
import { sentencesOf } from '../../../../src/core/text/sentences';

const detector = new EntityDetector();
const found = (text: string) =>
  sentencesOf(unified().use(englishParser).parse(text) as Root, text).flatMap((s) => detector.detect(s)).map((m) => [m.text, m.type]);

describe('generated lexicons', () => {
  it('hold countries with their other names, cities, provinces and nationalities', () => {
    const g = new Gazetteer();
    expect(g.lookup('Jakarta')?.type).toBe('place');
    expect(g.lookup('Nevada')?.type).toBe('place');
    expect(g.lookup('UAE')).toMatchObject({ canonical: 'United Arab Emirates', type: 'place' });
    expect(g.lookup('Kenyan')?.type).toBe('other');
  });

  it('leave out places named like common words, which a sentence-initial capital would turn into places', () => {
    const all = new Set([...places.cities, ...places.provinces]);
    for (const word of ['Nice', 'Reading', 'Split', 'Mobile', 'Of', 'Bath']) expect(all.has(word)).toBe(false);
    expect(new Gazetteer().lookup('Nice')).toBeUndefined();
  });

  it('hand-kept names win over generated ones', () => {
    const g = new Gazetteer([{ organisation: [['Georgia Tech', 'Georgia']] }, placeGroups({ countries: [['Georgia']], cities: [], provinces: [], demonyms: [] })], { organisations: [], places: [] });
    expect(g.lookup('Georgia')).toMatchObject({ canonical: 'Georgia Tech', type: 'organisation' });
  });

  it('find generated lower-case names only when capitalised', () => {
    const g = new Gazetteer([], { organisations: ['interfax'], places: [] });
    expect(g.lookup('Interfax')).toMatchObject({ type: 'organisation', canonical: 'Interfax', generated: true });
    expect(g.lookup('interfax')).toBeUndefined();
  });

  it('tell a name\'s type (typeOf, isOther) as lookup does, for every name they hold and forms of it', () => {
    const g = new Gazetteer();
    const capitalised = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
    const written = [...Object.values(places as Record<string, unknown>), ...Object.values(handKept as Record<string, unknown>)].flat(3).filter((w): w is string => typeof w === 'string');
    const lower = [...names.organisations, ...names.places];
    const forms = [...written, ...lower, ...lower.map(capitalised), ...written.map((w) => `the ${w}`), ...written.map((w) => `The ${w}`), 'Kenyan', 'kenyan', 'The', 'the ', '', 'Xyzzy'];
    expect(forms.length).toBeGreaterThan(10_000);
    for (const name of forms) {
      expect(g.typeOf(name), name).toBe(g.lookup(name)?.type);
      expect(g.isOther(name), name).toBe(g.lookup(name)?.type === 'other');
    }
    expect(forms.some((n) => g.isOther(n))).toBe(true);
  });

  it('have given names, roles, organisations and places, lower case and free of common words', () => {
    expect(names.firstNames).toContain('igor');
    expect(names.firstNames).not.toContain('will');
    expect(names.roles).toContain('columnist');
    for (const list of [names.firstNames, names.organisations, names.places]) for (const n of list.slice(0, 50)) expect(n).toBe(n.toLowerCase());
  });
});

describe('entity rules', () => {
  it('a name starting with a known given name is a person', () => {
    expect(found('The goal came from Takuya Takagi in the end.')).toContainEqual(['Takuya Takagi', 'person']);
  });

  it('a role noun before a name makes it a person and stays out of the name', () => {
    expect(found('The ball fell to striker Ahmed Ould in the box.')).toContainEqual(['Ahmed Ould', 'person']);
  });

  it('"Prime" stays with the title: "British Prime Minister John Major"', () => {
    const f = found('British Prime Minister John Major spoke.');
    expect(f).toContainEqual(['British', 'other']);
    expect(f).toContainEqual(['John Major', 'person']);
  });

  it('an unknown acronym is an organisation', () => {
    expect(found('The rule was set by the ICFTU in a vote.')).toContainEqual(['ICFTU', 'organisation']);
  });

  it('a line in capitals yields only known names', () => {
    expect(found('SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .')).toEqual([['JAPAN', 'place'], ['CHINA', 'place']]);
    expect(found('NEW YORK 1996-12-06')).toEqual([['NEW YORK', 'place']]);
  });

  it('a masthead in capitals ending in an organisation word is an organisation', () => {
    expect(found('APD NEWS')).toEqual([['APD NEWS', 'organisation']]);
  });

  it('a name never runs across a line break', () => {
    expect(new Analyzer().analyze('Nadim Ladki\nAL-AIN , United Arab Emirates 1996-12-06\nJapan began well .').findings.filter((f) => f.kind === 'entity').map((f) => f.text)).toEqual([
      'Nadim Ladki', 'AL-AIN', 'United Arab Emirates', 'Japan',
    ]);
  });

  it('a number followed by another number or a new name is a table score, not a model number', () => {
    expect(found('Lens 0 Nantes 4 Bordeaux 2 Metz 1').map((f) => f[0])).toEqual(['Lens', 'Nantes', 'Bordeaux', 'Metz']);
    expect(found('Huawei sells the Mate 10 Pro and Xiaomi the Mi Mix 2S.')).toContainEqual(['Mate 10 Pro', 'product']);
    expect(found('It is the Xiaomi Mi Mix 2.').map((f) => f[0])).toContain('Xiaomi Mi Mix 2');
  });

  it('a sentence-initial common word stays when the whole run is a known name', () => {
    expect(found('New York stocks fell.')).toContainEqual(['New York', 'place']);
    expect(found('New phones sold well.')).toEqual([]);
  });

  it('a capitalised verb in a Title Case headline ends the name', () => {
    expect(found('Jennifer Garner Won the Oscar For Best Arms')).toContainEqual(['Jennifer Garner', 'person']);
  });

  it('"Mi Box" is a product line, not a person', () => {
    expect(found('The site lists Mi Box and Mi Mix 2S.')).toEqual([['Mi Box', 'product'], ['Mi Mix 2S', 'product']]);
  });

  it('a surname that is also a generated place name stays the person', () => {
    const f = new Analyzer().analyze("Xiaomi's executive Wang Xian said so.\n\nAccording to Xian, it is hard.").findings.filter((x) => x.kind === 'entity' && x.text.endsWith('Xian'));
    expect(f.map((x) => [x.text, x.entity!.type, x.entity!.canonical, x.entity!.mentions])).toEqual([
      ['Wang Xian', 'person', 'Wang Xian', 2],
      ['Xian', 'person', 'Wang Xian', 2],
    ]);
  });
});

describe('known names at the start of a sentence', () => {
  it('a known nationality is kept even when it only starts sentences', () => {
    const f = new Analyzer().analyze('Prices rose.\n\nMexican officials agreed.').findings.filter((x) => x.kind === 'entity');
    expect(f.map((x) => [x.text, x.entity!.type])).toEqual([['Mexican', 'other']]);
  });
});

describe('aliases resolve to one entity with one count', () => {
  it('"Xiaomi CEO Lei Jun", "Lei Jun", "Jun" and "Lei"', () => {
    const text = 'Xiaomi CEO Lei Jun spoke in Beijing.\n\nLei Jun said sales rose.\n\nJun admits it is hard.\n\nLei made the remarks on Friday.';
    const lei = new Analyzer().analyze(text).findings.filter((f) => f.kind === 'entity' && f.entity!.canonical === 'Lei Jun');
    expect(lei.map((f) => f.text)).toEqual(['Lei Jun', 'Lei Jun', 'Jun', 'Lei']);
    expect(new Set(lei.map((f) => f.entity!.mentions))).toEqual(new Set([4]));
  });
});
