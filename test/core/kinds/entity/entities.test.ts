import fc from 'fast-check';
import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';
import { DateDetector } from '../../../../src/core/kinds/date/dateDetector';
import { EntityDetector, type EntityMention } from '../../../../src/core/kinds/entity/entityDetector';
import { combineMentions, currencies, joinInitials, lowerTailStart, joinAmpersands, joinNameParticles, organisationsByRole, peopleInLists, placesAfterOf, placesBeforeNoun, prefixedNames, quotedTitles, teamsInResultsLines, splitCompanyOfPlace, splitCoordinatedNames, teamsAfterCompetitor, trimLowerTails, trimPossessives, teamsWithLetters } from '../../../../src/core/kinds/entity/combine';
import { resolveEntities } from '../../../../src/core/kinds/entity/entityResolution';
import { Gazetteer } from '../../../../src/core/kinds/entity/gazetteer';
import { isLegalForm } from '../../../../src/core/kinds/entity/entityWords';
import type { Finding } from '../../../../src/core/model';
import { sentencesOf, type Sentence } from '../../../../src/core/text/sentences';

const analyzer = new Analyzer();
const detector = new EntityDetector();

function entities(text: string): Finding[] {
  const found = analyzer.analyze(text).findings.filter((f) => f.kind === 'entity');
  for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  return found;
}

/** [surface text, type] of every entity mention, in text order. */
function typed(text: string): [string, string][] {
  return entities(text).map((f) => [f.text, f.entity!.type]);
}

function sentence(text: string): Sentence {
  const sentences = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
  expect(sentences).toHaveLength(1);
  return sentences[0];
}

describe('gazetteer names', () => {
  it('types "US" as a place with the canonical name United States', () => {
    const [us] = entities('The phone will reach the US next year.');
    expect(us).toMatchObject({ text: 'US', start: 25, end: 27, region: 'body', score: 1 });
    expect(us.entity).toEqual({ type: 'place', canonical: 'United States', key: 'united states', mentions: 1, aliases: ['US'] });
  });

  it('types "AT&T" as one organisation, the ampersand included', () => {
    expect(entities('Huawei sold phones via AT&T and Verizon.').map((f) => [f.text, f.entity!.type, f.entity!.canonical])).toEqual([
      ['Huawei', 'organisation', 'Huawei'],
      ['AT&T', 'organisation', 'AT&T'],
      ['Verizon', 'organisation', 'Verizon'],
    ]);
  });

  it('links the aliases of a place into one entity', () => {
    const found = entities('The United States and the USA and the U.S. are one place.');
    expect(found.map((f) => f.text)).toEqual(['United States', 'USA', 'U.S.']);
    for (const f of found) {
      expect(f.entity).toMatchObject({ type: 'place', canonical: 'United States', mentions: 3 });
      expect(f.entity!.aliases).toEqual(['U.S.', 'USA']);
    }
  });

  it('maps U.K. and America to their canonical names', () => {
    expect(entities('It sold in the U.K. and America.').map((f) => f.entity!.canonical)).toEqual(['United Kingdom', 'United States']);
  });

  it('looks names up exactly, with a leading "the" dropped', () => {
    const g = new Gazetteer();
    expect(g.lookup('US')).toEqual({ canonical: 'United States', type: 'place' });
    expect(g.lookup('the United States')).toEqual({ canonical: 'United States', type: 'place' });
    expect(g.lookup('us')).toBeUndefined();
    expect(g.lookup('Xiaomi')).toEqual({ canonical: 'Xiaomi', type: 'organisation' });
  });

  it('accepts its own data', () => {
    const g = new Gazetteer([{ organisation: [['Acme Corp', 'Acme']], place: [['Springfield']] }], { organisations: [], places: [] });
    expect(g.lookup('Acme')).toEqual({ canonical: 'Acme Corp', type: 'organisation' });
    expect(g.lookup('Springfield')?.type).toBe('place');
    expect(g.longestNameWords).toBe(2);
    expect(new EntityDetector(g).detect(sentence('Acme opened an office in Springfield.')).map((m) => [m.text, m.type, m.canonical])).toEqual([
      ['Acme', 'organisation', 'Acme Corp'],
      ['Springfield', 'place', 'Springfield'],
    ]);
  });
});

describe('US states\' abbreviations', () => {
  it('are the state, a place', () => {
    expect(typed('The company will buy a plant in Dearborn , Mich. , and one in Tampa , Fla.')).toContainEqual(['Mich.', 'place']);
    const found = entities('FARMINGTON HILLS , Mich .\nShares of the company rose .').filter((f) => f.text === 'Mich');
    expect(found.map((f) => [f.entity!.type, f.entity!.canonical])).toEqual([['place', 'Michigan']]);
  });

  it('take their period where the sentence goes on after it, not where it ends the sentence', () => {
    expect(typed('The Tampa , Fla. , bank said its shares rose . It moved to Tampa , Fla. The shares fell .')).toEqual([
      ['Tampa', 'place'], ['Fla.', 'place'], ['Tampa', 'place'], ['Fla', 'place'],
    ]);
    expect(typed('IRVINE , Calif. 1996-08-29\nThe bank said so .')).toContainEqual(['Calif.', 'place']);
  });
});

describe('titles split a run of capitalised words', () => {
  it('"Xiaomi CEO Lei Jun" is an organisation and a person', () => {
    expect(entities('Xiaomi CEO Lei Jun spoke in Beijing.').map((f) => [f.text, f.entity!.type, f.start, f.end])).toEqual([
      ['Xiaomi', 'organisation', 0, 6],
      ['Lei Jun', 'person', 11, 18],
      ['Beijing', 'place', 28, 35],
    ]);
  });

  it('"Xiaomi\'s Chairman Lei Jun": possessive stripped, title dropped', () => {
    expect(typed("Xiaomi's Chairman Lei Jun spoke in Beijing.")).toEqual([
      ['Xiaomi', 'organisation'],
      ['Lei Jun', 'person'],
      ['Beijing', 'place'],
    ]);
  });

  it('a capitalised title alone, neither after "the" nor before a name, is a surname ("said King")', () => {
    expect(typed('U.S. captain Billie Jean King named her team. " We will wait , " said King .')).toEqual([
      ['U.S.', 'place'], ['Billie Jean King', 'person'], ['King', 'person'],
    ]);
    expect(typed('The King said the Chairman would resign .')).toEqual([]);
  });

  it('church, diplomatic and military titles are not in the name', () => {
    expect(typed('Chicago Cardinal Joseph Bernardin said on Friday he had cancer.')).toContainEqual(['Joseph Bernardin', 'person']);
    expect(typed('The visit of Ambassador Madeleine Albright to Chile was short.')).toContainEqual(['Madeleine Albright', 'person']);
  });

  it('a person after a lower-case title is still a person, and the title is not in the name', () => {
    expect(typed("Apparently, Xiaomi's executive Wang Xian said that his company plans to grow.")).toEqual([
      ['Xiaomi', 'organisation'],
      ['Wang Xian', 'person'],
    ]);
  });

  it('gives a reason for the type', () => {
    const mentions = detector.detect(sentence('Xiaomi CEO Lei Jun spoke.'));
    expect(mentions.map((m) => [m.text, m.reason])).toEqual([
      ['Xiaomi', 'known name'],
      ['Lei Jun', 'follows a title'],
    ]);
  });
});

describe('aliases within a source', () => {
  it('links "Lei Jun", "Jun" and "Lei" into one person with 3 mentions', () => {
    const found = entities('Xiaomi founder Lei Jun spoke in Beijing. Jun said the phone would sell well. Then Lei said more.');
    const people = found.filter((f) => f.entity!.key === 'lei jun');
    expect(people.map((f) => f.text)).toEqual(['Lei Jun', 'Jun', 'Lei']);
    for (const p of people) {
      expect(p.entity).toEqual({ type: 'person', canonical: 'Lei Jun', key: 'lei jun', mentions: 3, aliases: ['Jun', 'Lei'] });
    }
  });

  it('links a surname used after "according to" across sentences', () => {
    const found = entities("Xiaomi's executive Wang Xian said so. Also, according to Xian, it is hard.");
    const xian = found.filter((f) => f.entity!.canonical === 'Wang Xian');
    expect(xian.map((f) => f.text)).toEqual(['Wang Xian', 'Xian']);
    expect(xian[1].entity).toMatchObject({ type: 'person', mentions: 2, aliases: ['Xian'] });
  });

  it('links across paragraphs of one source', () => {
    const found = entities('Lei Jun spoke in Beijing.\n\nJun said the phone would sell well.');
    expect(found.filter((f) => f.entity!.canonical === 'Lei Jun').map((f) => [f.text, f.entity!.mentions])).toEqual([
      ['Lei Jun', 2],
      ['Jun', 2],
    ]);
  });

  it('a known place alone is the surname of a person named in full whom the tagger was sure of; not after "in", nor an unsure name\'s', () => {
    const m = (text: string, start: number, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({
      start, end: start + text.length, text, type, confidence: 0.95, sentenceInitial: false, reason: 'test', learned: true, ...extra,
    });
    const typedAs = (mentions: EntityMention[]) => resolveEntities(mentions).map((r) => [r.mention.text, r.info.type]);
    const place = (start: number, extra: Partial<EntityMention> = {}) => m('Washington', start, 'place', { canonical: 'Washington', learned: undefined, confidence: 1, reason: 'known name', ...extra });
    expect(typedAs([m('MaliVai Washington', 0, 'person'), place(30), place(60, { venue: true })])).toEqual([
      ['MaliVai Washington', 'person'], ['Washington', 'person'], ['Washington', 'place'],
    ]);
    expect(typedAs([m('MaliVai Washington', 0, 'person', { confidence: 0.7 }), place(30)])).toEqual([['MaliVai Washington', 'person'], ['Washington', 'place']]);
  });

  it('a known club\'s first word alone is the club, in plain case or in a headline\'s capitals', () => {
    const m = (text: string, start: number, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({
      start, end: start + text.length, text, type, confidence: 0.43, sentenceInitial: false, reason: 'learned tagger', learned: true, ...extra,
    });
    const resolved = resolveEntities([m('REAL', 9, 'person'), m('Real Madrid', 40, 'organisation', { canonical: 'Real Madrid', confidence: 1, reason: 'known name' }), m('Real', 80, 'other', { learned: undefined, fallback: true, confidence: 0.4 }), m('Real', 120, 'person', { confidence: 0.95 })]);
    expect(resolved.map((r) => [r.mention.text, r.info.type, r.info.canonical])).toEqual([
      ['REAL', 'organisation', 'Real Madrid'], ['Real Madrid', 'organisation', 'Real Madrid'], ['Real', 'organisation', 'Real Madrid'], ['Real', 'organisation', 'Real Madrid'],
    ]);
  });

  it('a name part is the first or last words of a full name, never a middle word', () => {
    const m = (text: string, start: number, type: EntityMention['type']): EntityMention => ({
      start, end: start + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'test',
    });
    const resolved = resolveEntities([m('Mary Ann Evans', 0, 'person'), m('Mary Ann', 20, 'person'), m('Ann Evans', 40, 'other'), m('Ann', 60, 'person')]);
    expect(resolved.map((r) => [r.mention.text, r.info.canonical, r.info.mentions])).toEqual([
      ['Mary Ann Evans', 'Mary Ann Evans', 3],
      ['Mary Ann', 'Mary Ann Evans', 3],
      ['Ann Evans', 'Mary Ann Evans', 3],
      ['Ann', 'Ann', 1],
    ]);
  });

  it('a name opening a company\'s longer name is that company: unsure, or when the longer name ends in a legal form', () => {
    const m = (text: string, start: number, type: EntityMention['type'], confidence: number): EntityMention => ({
      start, end: start + text.length, text, type, confidence, sentenceInitial: false, reason: 'test', learned: true,
    });
    const typedAs = (mentions: EntityMention[]) => resolveEntities(mentions).map((r) => [r.mention.text, r.info.type, r.info.canonical]);
    // The short names, more of them, must not outvote the full name.
    expect(typedAs([m('Jones Medical Industries Inc', 0, 'organisation', 0.8), m('Jones Medical', 40, 'person', 0.73), m('Jones', 60, 'person', 0.53), m('Jones', 80, 'person', 0.65)])).toEqual([
      ['Jones Medical Industries Inc', 'organisation', 'Jones Medical Industries Inc'],
      ['Jones Medical', 'organisation', 'Jones Medical Industries Inc'],
      ['Jones', 'organisation', 'Jones Medical Industries Inc'],
      ['Jones', 'organisation', 'Jones Medical Industries Inc'],
    ]);
    // A legal form makes even a sure "person" the company; without one, a sure person stays a person.
    expect(typedAs([m('Magna International Inc', 0, 'organisation', 0.8), m('Magna', 40, 'person', 0.98)])).toEqual([
      ['Magna International Inc', 'organisation', 'Magna International Inc'],
      ['Magna', 'organisation', 'Magna International Inc'],
    ]);
    expect(typedAs([m('Morgan Stanley Research', 0, 'organisation', 0.8), m('Morgan', 40, 'person', 0.98)])).toEqual([
      ['Morgan Stanley Research', 'organisation', 'Morgan Stanley Research'],
      ['Morgan', 'person', 'Morgan'],
    ]);
  });

  it('a word of a person\'s full name the tagger was unsure was an organisation or a place is that person', () => {
    const m = (text: string, start: number, type: EntityMention['type'], confidence: number, extra: Partial<EntityMention> = {}): EntityMention => ({
      start, end: start + text.length, text, type, confidence, sentenceInitial: false, reason: 'test', learned: true, ...extra,
    });
    const typedAs = (mentions: EntityMention[]) => resolveEntities(mentions).map((r) => [r.mention.text, r.info.type, r.info.canonical]);
    // Four unsure organisations must not outvote the full name either.
    expect(typedAs([m('Jesper Parnevik', 0, 'person', 0.98), ...[20, 40, 60, 80].map((at) => m('Parnevik', at, 'organisation', 0.7)), m('Turner', 100, 'place', 0.6)])).toEqual([
      ['Jesper Parnevik', 'person', 'Jesper Parnevik'],
      ['Parnevik', 'person', 'Jesper Parnevik'],
      ['Parnevik', 'person', 'Jesper Parnevik'],
      ['Parnevik', 'person', 'Jesper Parnevik'],
      ['Parnevik', 'person', 'Jesper Parnevik'],
      ['Turner', 'place', 'Turner'],
    ]);
    // A sure organisation, a place after "near" and an acronym keep their own types.
    expect(typedAs([m('Ted Turner', 0, 'person', 0.98), m('Turner', 20, 'organisation', 0.95), m('Mary Lee', 60, 'person', 0.9), m('LEE', 80, 'organisation', 0.6)]).map((r) => r[1])).toEqual([
      'person', 'organisation', 'person', 'organisation',
    ]);
    expect(typedAs([m('Ted Turner', 0, 'person', 0.98), m('Turner', 40, 'place', 0.6, { venue: true })]).map((r) => r[1])).toEqual(['person', 'place']);
  });

  it('an unsure learned mention takes its entity\'s type; a sure one keeps its own', () => {
    const m = (text: string, start: number, type: EntityMention['type'], confidence: number): EntityMention => ({
      start, end: start + text.length, text, type, confidence, sentenceInitial: false, reason: 'test', learned: true,
    });
    const types = (mentions: EntityMention[]) => resolveEntities(mentions).map((r) => r.info.type);
    expect(types([m('Somerset', 0, 'organisation', 0.99), m('Somerset', 20, 'organisation', 0.95), m('Somerset', 40, 'person', 0.7)])).toEqual(['organisation', 'organisation', 'organisation']);
    expect(types([m('Somerset', 0, 'organisation', 0.99), m('Somerset', 20, 'organisation', 0.95), m('Somerset', 40, 'person', 0.95)])).toEqual(['organisation', 'organisation', 'person']);
  });

  it('a name opening with another person\'s surname lends its words to no one ("Lebed Chechnya" beside "Alexander Lebed")', () => {
    const m = (text: string, start: number, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({
      start, end: start + text.length, text, type, confidence: 0.98, sentenceInitial: false, reason: 'test', ...extra,
    });
    const chechnya = { canonical: 'Chechnya', generatedName: true, confidence: 1 };
    const resolved = resolveEntities([m('Lebed Chechnya', 0, 'person'), m('Alexander Lebed', 30, 'person'), m('Chechnya', 60, 'place', chechnya), m('Chechnya', 80, 'place', chechnya)]);
    expect(resolved.map((r) => [r.mention.text, r.info.type])).toEqual([
      ['Lebed Chechnya', 'person'], ['Alexander Lebed', 'person'], ['Chechnya', 'place'], ['Chechnya', 'place'],
    ]);
    // Without another person of that surname, a word of a full name is the person ("Xian" of "Wang Xian").
    expect(resolveEntities([m('Wang Xian', 0, 'person'), m('Xian', 30, 'place', { canonical: 'Xian', generatedName: true })]).map((r) => r.info.type)).toEqual(['person', 'person']);
  });

  it('counts repeated mentions of a known organisation', () => {
    const found = entities('However, Xiaomi grew fast. Currently Xiaomi sells phones in Spain.');
    expect(found.map((f) => [f.text, f.start, f.entity!.mentions])).toEqual([
      ['Xiaomi', 9, 2],
      ['Xiaomi', 37, 2],
      ['Spain', 60, 1],
    ]);
  });
});

describe('names joined by an ampersand', () => {
  it('are one organisation, the words after the sign included, without a possessive or a full stop', () => {
    expect(typed('Shares of Procter & Gamble rose on Monday, and Johnson & Johnson fell.')).toEqual([['Procter & Gamble', 'organisation'], ['Johnson & Johnson', 'organisation']]);
    expect(typed("Douglas & Lomason's profits were hurt by model changeovers.")).toEqual([['Douglas & Lomason', 'organisation']]);
    expect(typed('The bonds were sold through Bear Stearns & Co.').map(([t]) => t)).toContain('Bear Stearns & Co.');
    expect(typed('Said James Weber, analyst at A.G. Edwards & Sons.').find(([t]) => t.includes('&'))).toEqual(['Edwards & Sons', 'organisation']);
  });

  it('leave a sentence without one as it was, and a lower-case word after the sign outside', () => {
    const plain = 'Xiaomi CEO Lei Jun said the company would enter the US market.';
    expect(joinAmpersands(detector.detect(sentence(plain)), plain, 0)).toEqual(detector.detect(sentence(plain)));
    expect(typed('Xiaomi & friends met in Beijing.')).toEqual([['Xiaomi', 'organisation'], ['Beijing', 'place']]);
  });
});

describe('names joined by "and"', () => {
  const run = (text: string, type: EntityMention['type'] = 'organisation'): EntityMention => ({ start: 10, end: 10 + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true });
  const split = (text: string, type?: EntityMention['type']) => splitCoordinatedNames([run(text, type)]).map((m) => [m.text, m.start, m.end, m.type]);

  it('are two where the tagger ran them into one', () => {
    expect(split('Braves and Cubs')).toEqual([['Braves', 10, 16, 'organisation'], ['Cubs', 21, 25, 'organisation']]);
    expect(split('KeyCorp and Banc One Corp.')).toEqual([['KeyCorp', 10, 17, 'organisation'], ['Banc One Corp.', 22, 36, 'organisation']]);
    expect(split('Chevron Corp and Texaco Inc').map(([t]) => t)).toEqual(['Chevron Corp', 'Texaco Inc']);
    expect(typed('In Chicago, the Braves and Cubs split a doubleheader.').map(([t]) => t)).toEqual(['Chicago', 'Braves', 'Cubs']);
  });

  it('stay one before an organisation\'s head or a company suffix, and as a place', () => {
    for (const name of ['Securities and Exchange Commission', 'Truth and Reconciliation Commission', 'Morgan Stanley and Co Inc', 'Basque Homeland and Freedom', 'Organisation for Security and Cooperation in Europe']) {
      expect(split(name).map(([t]) => t)).toEqual([name]);
    }
    expect(split('Trinidad and Tobago', 'place').map(([t]) => t)).toEqual(['Trinidad and Tobago']);
  });
});

describe('a name before who runs it', () => {
  it('is an organisation, and its other mentions with it', () => {
    const text = 'Cofinec said Petofi general manager Laszlo Sebesvari had resigned and will be leaving Petofi. Petofi made a profit.';
    expect(typed(text).filter(([t]) => t === 'Petofi')).toEqual([['Petofi', 'organisation'], ['Petofi', 'organisation'], ['Petofi', 'organisation']]);
  });

  it('leaves a person, a place and a name without a person after the role as they were', () => {
    const tokens = sentence('Smith manager Jones left.').tokens;
    const m = (text: string, start: number, type: EntityMention['type']): EntityMention => ({ start, end: start + text.length, text, type, confidence: 0.6, sentenceInitial: false, reason: 'learned tagger', learned: true });
    expect(organisationsByRole([m('Smith', 0, 'person'), m('Jones', 14, 'person')], tokens).map((x) => x.type)).toEqual(['organisation', 'person']);
    expect(organisationsByRole([m('Smith', 0, 'place'), m('Jones', 14, 'person')], tokens).map((x) => x.type)).toEqual(['place', 'person']);
    expect(organisationsByRole([m('Smith', 0, 'person'), m('Jones', 14, 'place')], tokens).map((x) => x.type)).toEqual(['person', 'place']);
  });
});

describe('a possessive after a name', () => {
  const m = (text: string): EntityMention => ({ start: 4, end: 4 + text.length, text, type: 'organisation', confidence: 0.7, sentenceInitial: false, reason: 'learned tagger', learned: true });

  it('is no part of a name of two words or more', () => {
    expect(trimPossessives([m("Labour Department 's")]).map((x) => [x.text, x.end])).toEqual([['Labour Department', 21]]);
    expect(trimPossessives([m("University of Michigan 's")]).map((x) => x.text)).toEqual(['University of Michigan']);
  });

  it("stays after a one-word name, inside a name, and in a name the gazetteer knows", () => {
    for (const text of ["Lloyd 's", "Moody 's Investors Service", 'Labour Departments']) expect(trimPossessives([m(text)]).map((x) => x.text)).toEqual([text]);
    expect(trimPossessives([{ ...m("Lord 's X 's"), canonical: 'Lord' }]).map((x) => x.text)).toEqual(["Lord 's X 's"]);
  });
});

describe('a company "of" a place', () => {
  it('is the company, then the place', () => {
    const text = 'The car is made by Kia Motor Corp of South Korea and sold by Bestop Inc of the United States.';
    const m = (name: string): EntityMention => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, type: 'organisation', confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true });
    const s = { text, start: 0 };
    const typeRest = (_: typeof s, start: number, end: number): EntityMention | undefined => (text.slice(start, end) === 'United States' ? { ...m('United States'), type: 'place', canonical: 'United States' } : undefined);
    expect(splitCompanyOfPlace([m('Kia Motor Corp of South Korea'), m('Bestop Inc of the United States')], s, typeRest).map((x) => [text.slice(x.start, x.end), x.text, x.type])).toEqual([
      ['Kia Motor Corp', 'Kia Motor Corp', 'organisation'], ['South Korea', 'South Korea', 'place'],
      ['Bestop Inc', 'Bestop Inc', 'organisation'], ['United States', 'United States', 'place'],
    ]);
    for (const name of ['Reserve Bank of India', 'Bank of England']) expect(splitCompanyOfPlace([m(name)], s, typeRest)).toHaveLength(1);
  });

  it('reads every legal form the company rules share, with or without its period', () => {
    const text = 'Nokia Oyj of Finland, Volvo AB. of Sweden and Acme Holdings of Texas.';
    const m = (name: string): EntityMention => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, type: 'organisation', confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true });
    const s = { text, start: 0 };
    const names = splitCompanyOfPlace([m('Nokia Oyj of Finland'), m('Volvo AB. of Sweden'), m('Acme Holdings of Texas')], s, () => undefined).map((x) => x.text);
    expect(names).toEqual(['Nokia Oyj', 'Finland', 'Volvo AB.', 'Sweden', 'Acme Holdings', 'Texas']);
    expect(['corp.', 'CO', 'Oyj', 'S.A.', 'Holdings'].every(isLegalForm)).toBe(true);
    expect(['Corps', 'Company', 'SAX', 'of'].some(isLegalForm)).toBe(false);
  });
});

describe('a nationality in the plural', () => {
  it('is a nationality, not an organisation or a person', () => {
    const libyans = typed('But some Libyans have begun to show their discontent in the east, and the Koreans start selling.').find(([t]) => t === 'Libyans');
    expect(libyans).toEqual(['Libyans', 'other']);
  });

  it('covers peoples, regions\' people and faiths that are no country\'s nationality (Azeris, Hutu, Islamists)', () => {
    expect(typed('Talks between Azeris and Armenians resumed , and Hutu refugees fled as Islamists gained ground .')).toEqual([
      ['Azeris', 'other'], ['Armenians', 'other'], ['Hutu', 'other'], ['Islamists', 'other'],
    ]);
    const gazetteer = new Gazetteer();
    for (const word of ['Azeri', 'Chechens', 'Basque', 'Tamils', 'Tutsi', 'Texan', "Shi'ite", 'Sunnis']) expect(gazetteer.lookup(word)?.type).toBe('other');
  });
});

describe('a lower-case word closing a name', () => {
  it('is no part of it; inside a name, it is', () => {
    const m = (text: string): EntityMention => ({ start: 0, end: text.length, text, type: 'person', confidence: 0.7, sentenceInitial: false, reason: 'learned tagger', learned: true });
    expect(trimLowerTails([m('Nigel Wray an'), m('Duff and Phelps of the')]).map((x) => [x.text, x.end])).toEqual([['Nigel Wray', 10], ['Duff and Phelps', 15]]);
    for (const text of ['Lex van Drooge', 'Gazzetta dello Sport', 'Zine al-Abidine Ben Ali', 'iPhone']) expect(trimLowerTails([m(text)]).map((x) => x.text)).toEqual([text]);
  });
});

describe('currencies', () => {
  it('capitals glued to "$" are a currency, the sign included, whatever they were typed', () => {
    expect(typed('The bond fell C$ 0.45 to C$ 101.15, and HK$10 million went to Hong Kong.')).toEqual([
      ['C$', 'other'], ['C$', 'other'], ['HK$', 'other'], ['Hong Kong', 'place'],
    ]);
    const us: EntityMention = { start: 4, end: 6, text: 'US', type: 'place', canonical: 'United States', confidence: 1, sentenceInitial: false, reason: 'known name' };
    expect(currencies([us], 'Fed US$ 5', 0)).toEqual([{ ...us, end: 7, text: 'US$', type: 'other', canonical: undefined, reason: 'currency' }]);
    // Not a name before a "$" apart from it, nor a longer word.
    expect(currencies([us], 'Fed US $ 5', 0)).toEqual([us]);
  });
});

describe('adjectives made of a name', () => {
  it('stand apart from the name after them, which the rules type again; made of a common word they are no name', () => {
    expect(typed('Buyers include Minneapolis-based First Bank System Inc. and Family-controlled Douglas Holdings Ltd.')).toEqual([
      ['Minneapolis-based', 'other'], ['First Bank System Inc.', 'organisation'], ['Douglas Holdings Ltd.', 'organisation'],
    ]);
    expect(typed('Brazilian-born Luis Oliveira then slipped the ball past the goalkeeper.')).toEqual([['Brazilian-born', 'other'], ['Luis Oliveira', 'person']]);
    expect(typed('Bills passed by the Republican-controlled Congress went to the president.')).toEqual([['Republican-controlled', 'other'], ['Congress', 'organisation']]);
  });

  it('are a name with no name after them, the words before the hyphen included when a known name has several', () => {
    expect(typed('He met a London-based spokesman on Monday .')).toEqual([['London-based', 'other']]);
    expect(typed('The truce was a United Nations-sponsored deal , the Northern Ireland-born envoy said .')).toEqual([
      ['United Nations-sponsored', 'other'], ['Northern Ireland-born', 'other'],
    ]);
  });
});

describe('teams with their town\'s letters', () => {
  it('take the letters in parentheses before a score into the name, whatever the tagger cut', () => {
    const m = (text: string, start: number, type: EntityMention['type']): EntityMention => ({ start, end: start + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'test' });
    const line = 'Sloboda 4 Mladost ( BJ ) 0\nMladost ( L ) 4 2 1 1 8 5 7';
    expect(teamsWithLetters([m('Sloboda', 0, 'organisation'), m('Mladost', 10, 'organisation'), m('BJ', 20, 'organisation'), m('Mladost ( L', 27, 'organisation')], line, 0).map((x) => [x.text, x.type])).toEqual([
      ['Sloboda', 'organisation'], ['Mladost ( BJ )', 'organisation'], ['Mladost ( L )', 'organisation'],
    ]);
    // Not letters that no score follows, nor a longer word in parentheses.
    const other = [m('DENOMS', 0, 'organisation')];
    expect(teamsWithLetters(other, 'DENOMS ( K ) SALE 1 2', 0)).toBe(other);
    expect(teamsWithLetters(other, 'DENOMS ( USA ) 1 2', 0)).toBe(other);
  });
});

describe('a result\'s line', () => {
  it('makes each name before a score one team, a common word or a place among its words', () => {
    expect(typed('Sale 31 Wasps 33')).toEqual([['Sale', 'organisation'], ['Wasps', 'organisation']]);
    expect(typed("Currie 45 Heriot 's F.P. 5")).toEqual([['Currie', 'organisation'], ["Heriot 's F.P.", 'organisation']]);
  });

  it('leaves a national side, a line with more than two names and scores, and a line of prose as they were', () => {
    const tokensOf = (text: string) => sentence(text).tokens;
    const m = (text: string, line: string, type: EntityMention['type']): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.9, sentenceInitial: false, reason: 'test' });
    const country = 'Canada 3 Panama 1';
    const national = [m('Canada', country, 'place'), m('Panama', country, 'place')];
    expect(teamsInResultsLines(national, tokensOf(country), country, 0, (name) => name === 'Canada' || name === 'Panama')).toBe(national);
    for (const line of ['Smith 3 Jones 1 Brown 2', 'Smith scored 3 and Jones 1']) {
      const found = [m('Smith', line, 'person'), m('Jones', line, 'person')];
      expect(teamsInResultsLines(found, tokensOf(line), line, 0, () => false)).toBe(found);
    }
  });
});

describe('teams after a competitor and his country', () => {
  const tokensOf = (text: string) => sentence(text).tokens;
  const m = (text: string, line: string, type: EntityMention['type']): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.9, sentenceInitial: false, reason: 'test' });

  it('a name before the competitor\'s time is his team', () => {
    const line = '2. Michael Andretti ( U.S. ) , Lola Ford Cosworth , 54.483';
    const found = teamsAfterCompetitor([m('Michael Andretti', line, 'person'), m('U.S.', line, 'place'), m('Lola Ford Cosworth', line, 'person')], tokensOf(line));
    expect(found.map((x) => x.type)).toEqual(['person', 'place', 'organisation']);
  });

  it('a name before another name is the next player', () => {
    const line = '66 Neal Lancaster , Dave Barr ( Canada ) , Mike Sullivan , Willie Wood';
    const mentions = [m('Neal Lancaster', line, 'person'), m('Dave Barr', line, 'person'), m('Canada', line, 'place'), m('Mike Sullivan', line, 'person'), m('Willie Wood', line, 'person')];
    expect(teamsAfterCompetitor(mentions, tokensOf(line))).toBe(mentions);
  });
});

describe('names in a headline set in capitals', () => {
  it('are names the source has elsewhere in plain case, of their type there', () => {
    expect(typed('GOLF - PARNEVIK TAKES LEAD AS HENKE FADES .\nJesper Parnevik of Sweden fired a 63 on Saturday .\nParnevik said he was happy .')).toEqual([
      ['PARNEVIK', 'person'], ['Jesper Parnevik', 'person'], ['Sweden', 'place'], ['Parnevik', 'person'],
    ]);
    expect(typed('SOCCER - BARATELLI TO COACH NICE .\nNice named Baratelli as coach after the club fired Albert Emon .').slice(0, 2)).toEqual([
      ['BARATELLI', 'person'], ['NICE', 'organisation'],
    ]);
  });

  it('a known place, then an event\'s head, is the event, without "THE"', () => {
    expect(typed('SQUASH - HONG KONG OPEN QUARTER-FINAL RESULTS .\nResults of matches in the Hong Kong Open on Thursday :')).toEqual([['HONG KONG OPEN', 'event'], ['Hong Kong Open', 'event']]);
    expect(typed("ATHLETICS - BERLIN GRAND PRIX RESULTS .\nTENNIS - FRIDAY 'S RESULTS FROM THE U.S. OPEN .")).toEqual([['BERLIN GRAND PRIX', 'event'], ['U.S. OPEN', 'event']]);
  });

  it('a word in capitals the source names nowhere else is none', () => {
    expect(typed('GOLF - PARNEVIK TAKES LEAD .\nThe Swede fired a 63 on Saturday .')).toEqual([['Swede', 'other']]);
  });
});

describe('a common word set in capitals', () => {
  it('is no name where the line is in capitals, unless a known name opens with it', () => {
    const found = typed('SUNDAY , JUNE 9 SCHEDULE\nTORONTO AT BOSTON\nDETROIT AT CLEVELAND');
    expect(found.map(([text]) => text)).not.toContain('SCHEDULE');
    expect(found.map(([text]) => text)).toContain('BOSTON');
  });
});

describe('particles in a person\'s name', () => {
  const m = (text: string, line: string, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'test', ...extra });

  it('join the names the tagger split at them into one person, and open a person\'s name after a comma', () => {
    const line = 'Scrum-half Joost van der Westhuizen scored , and Kengo wa Dondo spoke ; Vass 7-0-29-0 , de Silva 4-0-25-0';
    const found = joinNameParticles([m('Joost', line, 'other'), m('Westhuizen', line, 'other'), m('Kengo', line, 'person'), m('Dondo', line, 'person'), m('Vass', line, 'person'), m('Silva', line, 'person')], line, 0);
    expect(found.map((x) => [x.text, x.type])).toEqual([['Joost van der Westhuizen', 'person'], ['Kengo wa Dondo', 'person'], ['Vass', 'person'], ['de Silva', 'person']]);
  });

  it('leave a known place out ("Charles de Gaulle airport")', () => {
    const line = 'He landed at Charles de Gaulle airport';
    const mentions = [m('Charles', line, 'person'), m('Gaulle', line, 'place', { canonical: 'Gaulle' })];
    expect(joinNameParticles(mentions, line, 0)).toBe(mentions);
  });
});

describe('a line listing people', () => {
  const m = (text: string, line: string, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'test', ...extra });

  it('makes people of its other names, a common word or a town among them', () => {
    const line = 'Given , Breen , Staunton , Irwin , Houghton , McAteer .';
    const found = peopleInLists([m('Breen', line, 'person'), m('Staunton', line, 'person'), m('Irwin', line, 'person'), m('Houghton', line, 'place', { canonical: 'Houghton' }), m('McAteer', line, 'person')], sentence(line).tokens, line, 0);
    expect(found.map((x) => [x.text, x.type])).toEqual([['Given', 'person'], ['Breen', 'person'], ['Staunton', 'person'], ['Irwin', 'person'], ['Houghton', 'person'], ['McAteer', 'person']]);
  });

  it('leaves a list of places, or one with few people, as it was', () => {
    const line = 'Japan , Syria , Smith , Qatar .';
    const mentions = [m('Japan', line, 'place'), m('Syria', line, 'place'), m('Smith', line, 'person'), m('Qatar', line, 'place')];
    expect(peopleInLists(mentions, sentence(line).tokens, line, 0)).toBe(mentions);
  });
});

describe('a town before a player', () => {
  it('is the club named after it, before a position or before "\'s" and a full name', () => {
    expect(typed("The Irish scored through 20-year-old Norwich striker Keith O'Neill on Saturday.")).toContainEqual(['Norwich', 'organisation']);
    expect(typed("Birmingham 's Gary Breen was selected ahead of Phil Babb.")).toContainEqual(['Birmingham', 'organisation']);
  });

  it('leaves a country, a venue and a town before other words a place', () => {
    expect(typed("Jamaica 's Michael Green was second.")).toContainEqual(['Jamaica', 'place']);
    expect(typed('Former England captain Will Carling kicked.')).toContainEqual(['England', 'place']);
    expect(typed('He moved to the north London club on Friday.')).toContainEqual(['London', 'place']);
  });
});

describe('a town that beats or is beaten', () => {
  it('is the club named after it, before or after a verb of the result, and after "win over"', () => {
    const found = typed('Seattle beat Oakland 5-3 on Sunday , a third straight win over Boston .');
    expect(found).toContainEqual(['Seattle', 'organisation']);
    expect(found).toContainEqual(['Boston', 'organisation']);
  });

  it('leaves a country and a place after "in" a place', () => {
    expect(typed('Italy beat Wales in Rome on Saturday .')).toEqual([['Italy', 'place'], ['Wales', 'place'], ['Rome', 'place']]);
  });
});

describe('a Grand Prix', () => {
  it('is one event with the place or nationality before it', () => {
    expect(typed('1969 - Scottish driver Jackie Stewart won the Italian Grand Prix to secure his first title .')).toContainEqual(['Italian Grand Prix', 'event']);
    expect(typed('Leading results at the Berlin Grand Prix athletics meeting on Friday :')).toEqual([['Berlin Grand Prix', 'event']]);
  });
});

describe('a national congress', () => {
  it('is a party, an organisation, where another congress is an event', () => {
    expect(typed("Viljoen broke with Nelson Mandela 's majority African National Congress .")).toContainEqual(['African National Congress', 'organisation']);
    expect(typed('A spokesman of the Iraqi National Congress said so .')).toContainEqual(['Iraqi National Congress', 'organisation']);
  });
});

describe('revolutions and risings', () => {
  it('are events, whatever the tagger made of their first word', () => {
    expect(typed('1901 - In China , the Boxer Rising which attempted to drive out all foreigners officially ended .')).toContainEqual(['Boxer Rising', 'event']);
  });
});

describe('a common word before a speech verb', () => {
  it('opening a sentence, in the plural too, is no speaker; a surname is', () => {
    expect(typed('Newspapers said it killed two women and five children .')).toEqual([]);
    expect(typed('Eyewitnesses told Boston television stations they saw a truck .')).toEqual([['Boston', 'place']]);
    expect(typed('Jones said he would go .')).toEqual([['Jones', 'person']]);
  });
});

describe('a compass point\'s initial', () => {
  it('before a known place or nationality is that place or nationality, not initials and a surname', () => {
    expect(typed('N. Korea urges S. Korea to return war veteran .')).toEqual([['N. Korea', 'place'], ['S. Korea', 'place']]);
    expect(typed('Scores : N. Knight 113 , S. Waugh 22 .')).toEqual([['N. Knight', 'person'], ['S. Waugh', 'person']]);
  });
});

describe('laws and treaties', () => {
  it('are one name ending in "Act", "Protocol" or "Treaty" (before "of"), without a leading "The", whatever the tagger made of their words', () => {
    expect(typed('1714 - The Treaty of Baden was signed . He got the House of Lords to pass his Trades Disputes Act , and the Boxer Rising ended with the Peking Protocol .')).toEqual(
      expect.arrayContaining([['Treaty of Baden', 'other'], ['Trades Disputes Act', 'other'], ['Peking Protocol', 'other']]),
    );
  });
});

describe('a name ending in a broadcaster\'s or a newspaper\'s head word', () => {
  it('is an organisation, though a speech verb follows it', () => {
    expect(typed('" This government inflicts harm on the Arab cause , " state-run Damascus Radio said in a commentary .')).toContainEqual(['Damascus Radio', 'organisation']);
  });
});

describe('a given name the tagger took alone', () => {
  it('gives way to the rules\' name running on from it; a word the tagger took for a place stays', () => {
    const m = (text: string, line: string, type: EntityMention['type'], confidence: number, reason: string): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence, sentenceInitial: false, reason, ...(reason === 'learned tagger' ? { learned: true } : {}) });
    const line = '291 Phillip Price 72 76 74 69';
    expect(combineMentions([m('Phillip', line, 'person', 0.92, 'learned tagger')], [m('Phillip Price', line, 'person', 0.75, 'starts with a given name')]).map((x) => x.text)).toEqual(['Phillip Price']);
    const other = 'Visitors saw Jordan Valley farms';
    expect(combineMentions([m('Jordan', other, 'place', 0.92, 'learned tagger')], [m('Jordan Valley', other, 'person', 0.75, 'starts with a given name')]).map((x) => x.text)).toEqual(['Jordan']);
  });
});

describe('a prefix or a nationality glued to a name', () => {
  it('makes one name of the word (CoNLL\'s MISC); not a prefix in capitals nor one before a common word', () => {
    expect(typed('The status of the mainly-Moslem region , under the pre-Castro government , and a post-Games meeting .')).toEqual([
      ['mainly-Moslem', 'other'], ['pre-Castro', 'other'], ['post-Games', 'other'],
    ]);
    expect(typed('The breakdown in Arab-Israeli peace talks hurt German-Israeli relations .')).toEqual([['Arab-Israeli', 'other'], ['German-Israeli', 'other']]);
    const line = 'COMPETITIVE PRE-SALE , a non-profit , non-partisan body';
    expect(prefixedNames([], sentence(line).tokens, line, 0)).toEqual([]);
  });
});

describe('titles between quotation marks', () => {
  it('are one name of a work, whatever the words inside looked like', () => {
    expect(typed('He is best known for " Viva Zapata " and " On the Waterfront " .')).toEqual([['Viva Zapata', 'other'], ['On the Waterfront', 'other']]);
    expect(typed('Best known for appearances in "Ice Cold in Alex", "Lawrence of Arabia" and "Anne of a Thousand Days".')).toEqual([
      ['Ice Cold in Alex', 'other'], ['Lawrence of Arabia', 'other'], ['Anne of a Thousand Days', 'other'],
    ]);
    expect(typed('Liam Neeson, nominated for his performance in " Schindler \'s List " , plays the lead.')).toContainEqual(["Schindler 's List", 'other']);
  });

  it('leave one word, a quotation and a known name as they were', () => {
    const m = (text: string, line: string, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'test', ...extra });
    const line = 'He began the " Blitz " , " We won it , " he said , and " New York " .';
    const mentions = [m('Blitz', line, 'other'), m('New York', line, 'place', { canonical: 'New York' })];
    expect(quotedTitles(mentions, sentence(line).tokens, line, 0)).toBe(mentions);
  });

  it('inside a person\'s name are a nickname: the name runs over it', () => {
    const found = typed('Panamanian legend Roberto " Hands of Stone " Duran faces Puerto Rico \'s Hector " Macho " Camacho . Duran won .');
    expect(found.slice(0, 2)).toEqual([['Panamanian', 'other'], ['Roberto " Hands of Stone " Duran', 'person']]);
    expect(found).toContainEqual(['Hector " Macho " Camacho', 'person']);
  });
});

describe('a settlement or a direction, then "of"', () => {
  it('makes the name after it a place, and its other mentions with it', () => {
    const m = (text: string, line: string, at: number, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({ start: line.indexOf(text, at), end: line.indexOf(text, at) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true, ...extra });
    const line = 'Troops hold the town of Tavildara , east of Garm , north of England and Bank of Italy .';
    const tokens = sentence(line).tokens;
    const found = placesAfterOf([m('Tavildara', line, 0, 'person'), m('Garm', line, 0, 'person'), m('England', line, 0, 'place', { canonical: 'England' }), m('Bank of Italy', line, 0, 'organisation')], tokens);
    expect(found.map((x) => [x.text, x.type, x.reason])).toEqual([
      ['Tavildara', 'place', 'after "town of"'], ['Garm', 'place', 'after "east of"'], ['England', 'place', 'learned tagger'], ['Bank of Italy', 'organisation', 'learned tagger'],
    ]);
    const text = 'Troops hold the town of Tavildara and the village of Tavildara , east of Tavildara .';
    const mentions = [m('Tavildara', text, 0, 'person', { confidence: 0.6 }), m('Tavildara', text, 30, 'person', { confidence: 0.6 }), m('Tavildara', text, 60, 'person', { confidence: 0.6 })];
    const resolved = resolveEntities([...placesAfterOf(mentions.slice(0, 1), sentence(text).tokens), ...mentions.slice(1)]);
    expect(resolved.map((r) => r.info.type)).toEqual(['place', 'place', 'place']);
  });
});

describe('a lower-case noun naming a kind of place', () => {
  it('makes the person or organisation the tagger saw right before it a place; not a nationality nor a name before another noun', () => {
    const m = (text: string, line: string, type: EntityMention['type'], extra: Partial<EntityMention> = {}): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true, ...extra });
    const line = 'Police in the eastern Sharqiyah province , at Charles de Gaulle airport , in a Bahraini village and the Clinton camp .';
    const found = placesBeforeNoun([m('Sharqiyah', line, 'person'), m('Charles de Gaulle', line, 'person'), m('Bahraini', line, 'other', { canonical: 'Bahraini' }), m('Clinton', line, 'person')], sentence(line).tokens);
    expect(found.map((x) => [x.text, x.type])).toEqual([['Sharqiyah', 'place'], ['Charles de Gaulle', 'place'], ['Bahraini', 'other'], ['Clinton', 'person']]);
    expect(typed("Police arrested the militants in the eastern Sharqiyah province . The cars arrived at Jakarta 's Tanjung Priok port on Thursday .")).toEqual([
      ['Sharqiyah', 'place'], ['Jakarta', 'place'], ['Tanjung Priok', 'place'],
    ]);
  });
});

describe('a noun naming a kind of organisation', () => {
  it('makes the name right after it that organisation', () => {
    const found = typed('China\'s second largest telecoms operator Unicom already has a mandate, and mineral water firm Multico joined.');
    expect(found).toContainEqual(['Unicom', 'organisation']);
    expect(found).toContainEqual(['Multico', 'organisation']);
    expect(typed('Austrian viscose fibre maker Lenzing AG said on Thursday it expected to post losses.')).toContainEqual(['Lenzing AG', 'organisation']);
  });

  it('leaves a known name, and a name not right after the noun, as they were', () => {
    expect(typed('The group met in Beijing.')).toEqual([['Beijing', 'place']]);
    expect(typed('A spokesman for the firm, John Smith, said so.')).toContainEqual(['John Smith', 'person']);
    // A noun people are called too.
    expect(typed('The film was made by producer Steven Spielberg last year.')).toContainEqual(['Steven Spielberg', 'person']);
  });
});

describe('initials before a surname the tagger took apart', () => {
  it('are one person with it, the bowler\'s figures left outside; a known place after initials is left alone', () => {
    const m = (text: string, line: string, type: EntityMention['type']): EntityMention => ({ start: line.indexOf(text), end: line.indexOf(text) + text.length, text, type, confidence: 0.8, sentenceInitial: false, reason: 'learned tagger', learned: true });
    const line = 'Hampshire 212 ( R. Talbot 61 not out ; D. Pargeter 5-41 ) , then U.S. Paris .';
    const known = (name: string) => new Gazetteer().lookup(name)?.type;
    const found = joinInitials([m('R.', line, 'person'), m('Talbot', line, 'person'), m('D.', line, 'person'), m('Pargeter 5-41', line, 'organisation'), m('U.S.', line, 'person'), m('Paris', line, 'place')], line, 0, known);
    expect(found.map((x) => [x.text, x.type])).toEqual([['R. Talbot', 'person'], ['D. Pargeter', 'person'], ['U.S.', 'person'], ['Paris', 'place']]);
  });
});

describe('a word opening with the Arabic article', () => {
  it('goes on the name before it, with the capitalised words after it', () => {
    expect(typed('Police in Cairo captured their leader Hamid al-Masri on Monday .')).toEqual([['Cairo', 'place'], ['Hamid al-Masri', 'person']]);
    expect(typed('Rebels held the mountainous Jebel al-Shams region .')).toEqual([['Jebel al-Shams', 'place']]);
  });

  it('alone is a place before a kind of place or after "at", else an organisation', () => {
    expect(typed('Crowds prayed at al-Nour mosque on Friday . The party al-Wafd said it would vote .')).toEqual([['al-Nour', 'place'], ['al-Wafd', 'organisation']]);
  });
});

describe('a noun naming a newspaper or an agency', () => {
  it('makes the name after it an organisation, one the gazetteer knows as a place too, and an unknown one before it', () => {
    expect(typed("Cuba 's official newspaper Granma reported on Saturday .")).toEqual([['Cuba', 'place'], ['Granma', 'organisation']]);
    expect(typed('Nowy Swiat daily said its rival would bid .')).toEqual([['Nowy Swiat', 'organisation']]);
  });

  it('leaves a nationality or a known place before it as it was', () => {
    expect(typed('Official Iraqi newspapers said so , and a Jakarta daily agreed .')).toEqual([['Iraqi', 'other'], ['Jakarta', 'place']]);
  });
});

describe('a noun naming a ship', () => {
  it('makes the name after it, and one joined to that by "and", a ship (other)', () => {
    expect(typed('Jets from the aircraft carriers Nimitz and Independence flew over the tanker Exxon Valdez .')).toEqual([
      ['Nimitz', 'other'], ['Independence', 'other'], ['Exxon Valdez', 'other'],
    ]);
  });

  it('leaves an airline after "carrier" an organisation', () => {
    expect(typed('The national carrier EgyptAir blamed the weather .')).toEqual([['EgyptAir', 'organisation']]);
  });
});

describe('events', () => {
  it.each([
    ['Huawei showed phones at the Consumer Electronics Show in January.', 'Consumer Electronics Show'],
    ['Xiaomi will attend the Mobile World Congress in Barcelona.', 'Mobile World Congress'],
    ['Lei spoke at the Two Sessions political gathering.', 'Two Sessions'],
    ['Jansher, bidding for an eighth Hong Kong Open title, plays Rodney Eyles in the final.', 'Hong Kong Open'],
    ['His only win came at the 1994 Texas Open.', 'Texas Open'],
    ['He is striving for his first victory since the 1993 BellSouth Classic.', 'BellSouth Classic'],
  ])('%s', (text, name) => {
    const f = entities(text).find((e) => e.text === name);
    expect(f?.entity?.type).toBe('event');
  });

  it('types an unknown name by its head word', () => {
    const mentions = detector.detect(sentence('They met at the Shenzhen Gadget Expo and the Riverside Hospital.'));
    expect(mentions.map((m) => [m.text, m.type])).toEqual([
      ['Shenzhen Gadget Expo', 'event'],
      ['Riverside Hospital', 'organisation'],
    ]);
  });

  it('keeps "of the" inside a name and types it by the head before "of"', () => {
    expect(typed('Lei Jun talks to reporters in front of the Great Hall of the People in Beijing.')).toEqual([
      ['Lei Jun', 'person'],
      ['Great Hall of the People', 'place'],
      ['Beijing', 'place'],
    ]);
  });
});

describe('products', () => {
  it.each([
    ['Xiaomi launched the Mi Mix 2S in China.', 'Mi Mix 2S'],
    ['Huawei is negotiating the launch of the Mate 10 Pro with carriers.', 'Mate 10 Pro'],
    ['Apple sold the iPhone X in China.', 'iPhone X'],
    ['Huawei sold the P10 in Europe.', 'P10'],
  ])('%s → %s', (text, name) => {
    const f = entities(text).find((e) => e.text === name);
    expect(f?.entity?.type).toBe('product');
  });

  it('a number before a unit is a measure, not a model number: "Polti 5 seconds", "Sergiyev Posad 70 km"', () => {
    expect(typed('2. Giovanni Lombardi ( Italy ) Polti 5 seconds behind')).toContainEqual(['Polti', 'organisation']);
    expect(typed('The attack took place in Sergiyev Posad 70 km from the capital.')).toEqual([['Sergiyev Posad', 'place']]);
  });

  it('keeps the maker and the model apart when both are named', () => {
    expect(typed('Xiaomi launched the Mi Mix 2S and Huawei launched the Mate 10 Pro.')).toEqual([
      ['Xiaomi', 'organisation'],
      ['Mi Mix 2S', 'product'],
      ['Huawei', 'organisation'],
      ['Mate 10 Pro', 'product'],
    ]);
  });

  it('a known product stays a product where the tagger reads a maker, and a maker with its known product is the product', () => {
    expect(typed("MIUI's reputation spread to India.")).toEqual([['MIUI', 'product'], ['India', 'place']]);
    expect(typed('Verizon sells Google Pixel phones.')).toEqual([['Verizon', 'organisation'], ['Google Pixel', 'product']]);
  });

  it('a lone word naming a product line of the source is that product ("the new Mix series")', () => {
    const found = typed('Xiaomi promotes its new Mix series.\n\nThe Xiaomi Mi Mix 2 sold well. Mix phones cost more.');
    expect(found.filter(([t]) => t === 'Mix')).toEqual([['Mix', 'product'], ['Mix', 'product']]);
  });

  it('a sentence-ending period is not part of a product name', () => {
    const text = 'Huawei is negotiating the launch of the Mate 10 Pro.';
    const mate = entities(text).find((f) => f.entity!.type === 'product')!;
    expect(mate.text).toBe('Mate 10 Pro');
    expect(mate.end).toBe(text.length - 1);
  });

  it('but keeps the period of an abbreviation', () => {
    expect(detector.detect(sentence('The shares of Acme Inc. rose.')).map((m) => [m.text, m.type])).toEqual([['Acme Inc.', 'organisation']]);
  });
});

describe('words that are not names', () => {
  it('drops a common sentence-opening word', () => {
    expect(entities('However, Xiaomi grew fast.').map((f) => f.text)).toEqual(['Xiaomi']);
    expect(entities('Currently Xiaomi sells phones in Spain.').map((f) => f.text)).toEqual(['Xiaomi', 'Spain']);
    expect(entities('Every phone sold out. With luck, Samsung will follow.').map((f) => f.text)).toEqual(['Samsung']);
  });

  it('an unconfirmed capitalised word at the start of a sentence is not a name', () => {
    expect(entities('Smartphones are popular in India.').map((f) => f.text)).toEqual(['India']);
  });

  it('a common word the tagger reads as a name at a sentence start, after a quotation or a colon is not one', () => {
    expect(entities('Hardware, software or design? Xiaomi has patents.').map((f) => f.text)).toEqual(['Xiaomi']);
    expect(entities('She sang "Every breath you take" Lovely song, Sony fans said.').map((f) => f.text)).toEqual(['Sony']);
    // Not in the common words of the news, but written in lower case in this source.
    expect(entities('Tablet sales in China fell. Xiaomi sells tablets in India.').map((f) => f.text)).toEqual(['China', 'Xiaomi', 'India']);
    expect(entities('The target is clear: Tablet software fans in India.').map((f) => f.text)).toEqual(['India']);
  });

  it('a sure name at a sentence start stays', () => {
    expect(typed('Cuttitta announced his retirement in Rome.')).toEqual([['Cuttitta', 'person'], ['Rome', 'place']]);
  });

  it('strips the possessive', () => {
    const [x] = entities("Xiaomi's phones sold well in India.");
    expect(x).toMatchObject({ text: 'Xiaomi', start: 0, end: 6 });
    expect(x.entity!.canonical).toBe('Xiaomi');
    expect(entities('The phones of Xiaomi’s rivals sold well.').map((f) => f.text)).toEqual(['Xiaomi']);
  });

  it('"I\'m", "I\'ve" and "They’ve" are not names', () => {
    expect(entities("I'm sure they will. They’ve done it before, and I've seen it.")).toEqual([]);
  });

  it('"CEO" and "I" on their own are not names', () => {
    expect(entities('The CEO said I would like it.')).toEqual([]);
  });
});

describe('dates are not absorbed into names', () => {
  it('"Nov 09, 2015" is a date, not a name, in an analysis', () => {
    const result = analyzer.analyze('The forum opened on Nov 09, 2015 in Wuzhen.');
    expect(result.findings.filter((f) => f.kind === 'entity').map((f) => f.text)).toEqual(['Wuzhen']);
    expect(result.findings.filter((f) => f.kind === 'date').map((f) => f.text)).toEqual(['Nov 09, 2015']);
  });

  it('EntityDetector leaves out the words of excluded spans', () => {
    const text = 'The forum opened on Nov 9 2015 in Wuzhen.';
    const s = sentence(text);
    // Without the date span, "Nov 9" is a capitalised word and a number: a name.
    expect(detector.detect(s).map((m) => m.text)).toContain('Nov');
    const excluded = new DateDetector().detect(text, undefined);
    expect(detector.detect(s, excluded).map((m) => m.text)).toEqual(['Wuzhen']);
  });

  it('comment metadata lines give no names', () => {
    const text = 'Title\n\n1. GreenMan\n\nPosts: 2697; Member since: Nov 09, 2015\n\nXiaomi is great.';
    expect(entities(text).filter((f) => f.region !== 'title').map((f) => [f.text, f.region])).toEqual([['Xiaomi', 'comment']]);
  });
});

describe('mention fields', () => {
  it('marks a sentence-initial mention and reports offsets within the sentence text', () => {
    const s = sentence('Huawei sold the P10 in Europe.');
    expect(detector.detect(s).map((m) => [m.text, m.start, m.end, m.sentenceInitial, m.confidence])).toEqual([
      ['Huawei', 0, 6, true, 1],
      ['P10', 16, 19, false, 0.7],
      ['Europe', 23, 29, false, 1],
    ]);
  });

  it('a capitalised word before a speech verb is a speaker, so a person', () => {
    const [m] = detector.detect(sentence('Later, Jun said so.'));
    expect(m).toMatchObject({ text: 'Jun', type: 'person', reason: 'speaker' });
  });
});

describe('lowerTailStart', () => {
  it('finds where a regular expression finds the lower-case words closing a name', () => {
    const tail = /(?: \p{Ll}[\p{Ll}'’-]*)+$/u;
    const word = fc.constantFrom('Nigel', 'an', 'of', "o'clock", 'x-ray', 'É', 'été', '', 'A1', 'of.');
    fc.assert(fc.property(fc.array(word, { maxLength: 8 }), fc.constantFrom(' ', '  '), (words, gap) => {
      const text = words.join(gap);
      expect(lowerTailStart(text)).toBe(tail.exec(text)?.index ?? -1);
    }), { numRuns: 2000 });
  });

  it('takes a long run of lower-case words whole, or none of it before a capital', () => {
    const text = `Nigel ${'an '.repeat(20_000)}Wray`;
    expect(lowerTailStart(text)).toBe(-1);
    expect(lowerTailStart(`Nigel Wray${' an'.repeat(20_000)}`)).toBe(10);
  });
});
