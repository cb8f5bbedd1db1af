import { describe, expect, it } from 'vitest';
import type { Root } from 'nlcst';
import { englishParser } from '../../../../src/core/pipeline/englishParser';
import { unified } from 'unified';
import { Analyzer } from '../../../../src/core/analyzer';
import { LineContext } from '../../../../src/core/kinds/entity/entityContext';
import type { EntityMention } from '../../../../src/core/kinds/entity/entityMention';
import { Gazetteer } from '../../../../src/core/kinds/entity/gazetteer';
import { sentencesOf } from '../../../../src/core/text/sentences';

const analyzer = new Analyzer();

/** [surface text, type] of every entity finding, in text order. */
function typed(text: string): [string, string][] {
  return analyzer
    .analyze(text)
    .findings.filter((f) => f.kind === 'entity')
    .map((f) => [f.text, f.entity!.type]);
}

describe('datelines', () => {
  it('a line opening with a name in capitals before a date is a place, with what stands between them', () => {
    expect(typed('Nadim Ladki\nVIENNA 1996-12-06\nTwo fans were hurt .')).toContainEqual(['VIENNA', 'place']);
    expect(typed('Fans met .\nTALLAHASSEE , Fla. 1996-12-06\nA man died .')).toEqual(expect.arrayContaining([['TALLAHASSEE', 'place']]));
  });

  it('a headline in capitals without a date is no dateline', () => {
    // No place but the known one: the learned tagger may take the unknown word in capitals for a name, not for a dateline's town.
    expect(typed('SOCCER - KORDA GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .').filter(([, type]) => type === 'place')).toEqual([['CHINA', 'place']]);
  });

  it('a known organisation opening a dated line keeps its type', () => {
    const found = typed('Results .\nXIAOMI 2018-03-01\nSales rose .');
    expect(found).toContainEqual(['XIAOMI', 'organisation']);
    expect(found).not.toContainEqual(['XIAOMI', 'place']);
  });
});

describe('teams in results and standings lines', () => {
  it('cities and unknown names beside scores are teams', () => {
    expect(typed('Results on Thursday :\nHartford 4 BOSTON 2\nGoias 1 Gremio 3\n')).toEqual([
      ['Hartford', 'organisation'], ['BOSTON', 'organisation'], ['Goias', 'organisation'], ['Gremio', 'organisation'],
    ]);
  });

  it('a number before a unit is no score: "Borodino 70 miles west" stays a place', () => {
    const text = 'In 1812 Napoleon won near the town , Borodino 70 miles west of Moscow .';
    const [sentence] = sentencesOf(unified().use(englishParser).parse(text) as Root, text);
    const place: EntityMention = { start: 37, end: 45, text: 'Borodino', type: 'place', confidence: 0.5, sentenceInitial: false, reason: 'test' };
    expect(new LineContext(new Gazetteer()).apply([place], sentence, [])).toEqual([place]);
  });

  it('a country beside a score is its national side, kept a place', () => {
    expect(typed('Results :\nJapan 2 Syria 1\n')).toEqual([['Japan', 'place'], ['Syria', 'place']]);
  });

  it('a standings row names a team; a full name with a town is a club, a given name stays a person', () => {
    const found = typed('Standings :\nWerder Bremen 17 6 4 7 29 28 22\nBarcelona 15 10 4 1 46 19 34\nGreg Reid 72 68\n');
    expect(found).toEqual([['Werder Bremen', 'organisation'], ['Barcelona', 'organisation'], ['Greg Reid', 'person']]);
  });

  it('figures that are not scores make no team: "Attendance 33,000", a scorer in parentheses', () => {
    // A scorer is a person (CoNLL's PER), never a team.
    expect(typed('The game :\nBarcelona 2 ( Ronaldo 35 ) Valencia 1\n')).toContainEqual(['Ronaldo', 'person']);
    expect(typed('Crowd figures .\nLondon had 33,000 fans and Paris 21,000 .')).toEqual([['London', 'place'], ['Paris', 'place']]);
  });

  it('"X v Y" names two teams; in "X AT Y" the second is the venue', () => {
    expect(typed('Fixtures :\nLazio ( 12 ) v Parma ( 7 ) 1930\n')).toEqual([['Lazio', 'organisation'], ['Parma', 'organisation']]);
    expect(typed('Fixtures :\nANAHEIM AT BOSTON\n')).toEqual([['ANAHEIM', 'organisation'], ['BOSTON', 'place']]);
  });

  it('a city in parentheses after a player is the club; a country there is the nationality', () => {
    const found = typed('Squad : Luis Figo ( Barcelona ) , Mark McNulty ( Zimbabwe ) .');
    expect(found).toContainEqual(['Barcelona', 'organisation']);
    expect(found).toContainEqual(['Zimbabwe', 'place']);
  });

  it('prose with one number is no results line', () => {
    expect(typed('Xiaomi sold 20 phones in Barcelona on Friday .')).toEqual([['Xiaomi', 'organisation'], ['Barcelona', 'place']]);
  });
});

describe('names and numbers', () => {
  it('a number after a person or a place is a score or a minute, not a model', () => {
    expect(typed('Scorers : Hassan Abbas 84 , Bode 85th .')).toContainEqual(['Hassan Abbas', 'person']);
    expect(typed('He was out for Vaughan 59 .').map((f) => f[0])).toContain('Vaughan');
  });

  it('a number after a product line, before a model word or a common word, is a model', () => {
    expect(typed('Huawei launched the Mate 10 in Paris .')).toContainEqual(['Mate 10', 'product']);
    expect(typed('They sell the Zorbo 7 phones .')).toContainEqual(['Zorbo 7', 'product']);
  });

  it('initials before a surname make a person', () => {
    expect(typed('The ball went to C. Spearman and K.J. Matthew .')).toEqual([['C. Spearman', 'person'], ['K.J. Matthew', 'person']]);
  });

  it('a club word makes an organisation', () => {
    expect(typed('He joined FC Zorbo and then Blackpool Rovers .')).toEqual([['FC Zorbo', 'organisation'], ['Blackpool Rovers', 'organisation']]);
  });
});

describe('places after a preposition of place', () => {
  it('an unknown name after "in", "at" or "near" is a place; after other words it stays unknown', () => {
    expect(typed('Two men were shot near Umkomaas on Friday .')).toContainEqual(['Umkomaas', 'place']);
    expect(typed('He will play at Twickenham again .')).toContainEqual(['Twickenham', 'place']);
    expect(typed('He praised Twickenham again .').map(([, type]) => type)).not.toContain('place');
  });
});

describe('one type per name in a source', () => {
  it('a town that is a team in the results is the team in the prose too, but not where it is a venue', () => {
    const found = typed('Results :\nCagliari 2 Verona 1\nCagliari start favourite .\nThe game in Verona was tense .\nFans cheered Verona .');
    expect(found.filter(([t]) => t === 'Cagliari').map(([, type]) => type)).toEqual(['organisation', 'organisation']);
    expect(found.filter(([t]) => t === 'Verona').map(([, type]) => type)).toEqual(['organisation', 'place', 'organisation']);
  });

  it('a town with no team in the source stays a place', () => {
    expect(typed('Cagliari start favourite .\nFans cheered in Verona .')).toEqual([['Cagliari', 'place'], ['Verona', 'place']]);
  });

  it('a weakly typed name that opens an organisation name is that organisation', () => {
    const found = typed('Zorbex Mining Corp made a bid .\nAnalysts said Zorbex would win .');
    expect(found).toEqual([['Zorbex Mining Corp', 'organisation'], ['Zorbex', 'organisation']]);
    // Alone, the learned tagger reads "Analysts said Zorbex would" as a person speaking.
    expect(typed('Analysts said Zorbex would win .')).toEqual([['Zorbex', 'person']]);
  });
});

describe('words before a person', () => {
  it('a nationality before a full name is its own name, not part of the person', () => {
    expect(typed('The side is led by Croat Alen Boksic and Swede Kennet Andersson .')).toEqual([
      ['Croat', 'other'], ['Alen Boksic', 'person'], ['Swede', 'other'], ['Kennet Andersson', 'person'],
    ]);
  });

  it('a nationality that opens an organisation name stays in it', () => {
    expect(typed('He flew with British Airways to Rome .')).toContainEqual(['British Airways', 'organisation']);
  });

  it('a capitalised role noun opening a sentence is a title before a person', () => {
    expect(typed('Defender Hassan Abbas rose to meet the ball .')).toEqual([['Hassan Abbas', 'person']]);
  });

  it('languages and nationality nouns are not places', () => {
    expect(typed('The forum is in English .')).toEqual([['English', 'other']]);
  });

  it('a plural noun opening a sentence before "said" is no speaker', () => {
    expect(typed('Analysts said Xiaomi would grow .')).toEqual([['Xiaomi', 'organisation']]);
  });
});
