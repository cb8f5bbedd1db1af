import { describe, expect, it } from 'vitest';
import type { Finding, FindingKind, Region } from '../../src/core/model';
import type { Dismissal, DismissalKind } from '../../src/core/tags/annotation';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';
import { rebaseSidecar, type TaggedFinding, type TaggedFindings } from '../../src/core/taggedFindings';
import { applyVisibility } from '../../src/core/visibility';
import { ann, sidecar } from './tags/fixtures';

const TEXT = [
  'Acme Corp said sales rose 5% in 2013.',
  'Smartphone makers agree with Acme.',
  'bob: ACME lies. They have said this since 2013.',
  'Posts: 12; Member since: 2013',
].join('\n\n');

/** The `nth` occurrence of `words` in TEXT. */
function at(words: string, nth = 0): [number, number] {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = TEXT.indexOf(words, i + 1);
  if (i < 0) throw new Error(`"${words}" #${nth} is not in the text`);
  return [i, i + words.length];
}

function finding(kind: FindingKind, words: string, region: Region, nth = 0, over: Partial<Finding> = {}): TaggedFinding {
  const [start, end] = at(words, nth);
  return { id: `${kind}:${start}:${end}`, kind, start, end, text: words, region, score: 0.8, cues: [], ...over };
}

const acme = (words: string, region: Region, nth = 0) =>
  finding('entity', words, region, nth, { entity: { type: 'organisation', canonical: 'Acme Corp', key: 'acme corp', mentions: 3, aliases: ['Acme', 'ACME'] } });

const F = {
  claim: finding('claim', 'Acme Corp said sales rose 5% in 2013.', 'body'),
  acme1: acme('Acme Corp', 'body'),
  date1: finding('date', '2013', 'body', 0, { date: { value: '2013', timexType: 'DATE', anchor: 'absolute' } }),
  phone: finding('entity', 'Smartphone', 'body', 0, { entity: { type: 'product', canonical: 'Smartphone', key: 'smartphone', mentions: 1, aliases: [] } }),
  acme2: acme('Acme', 'body', 1),
  acme3: acme('ACME', 'comment'),
  commentClaim: finding('claim', 'They have said this since 2013.', 'comment', 0, { commenter: 'bob' }),
  date2: finding('date', '2013', 'comment', 1, { commenter: 'bob' }),
  metaDate: finding('date', '2013', 'comment-meta', 2, { commenter: 'bob' }),
};

function tagged(findings: TaggedFinding[]): TaggedFindings {
  return { findings, orphans: [], anchors: new Map(), duplicates: [] };
}

const all = () => tagged(Object.values(F));
const ARTICLE = new Set<Region>(['title', 'body']);

let n = 0;
function dismissal(kind: DismissalKind, words: string, nth = 0, name?: string, text = TEXT): Dismissal {
  const [start, end] = at(words, nth);
  return { id: `d_${String(++n).padStart(12, '0')}`, kind, target: makeQuoteTarget(text, start, end), ...(name ? { name } : {}), createdAt: '2025-01-31T14:05:00.000Z' };
}

const ids = (v: { findings: TaggedFinding[] }) => v.findings.map((f) => f.id);

describe('applyVisibility: regions', () => {
  it('shows every finding when no regions are chosen', () => {
    const v = applyVisibility(TEXT, all(), [], {});
    expect(ids(v)).toEqual(ids(all()));
    expect(v).toMatchObject({ dismissed: 0, hiddenByRegion: 0, dismissals: [], dismissalOrphans: [] });
  });

  it('hides the untagged findings of hidden regions and counts them', () => {
    const v = applyVisibility(TEXT, all(), [], { regions: ARTICLE });
    expect(ids(v)).toEqual([F.claim, F.acme1, F.date1, F.phone, F.acme2].map((f) => f.id));
    expect(v.hiddenByRegion).toBe(4);
    expect(v.dismissed).toBe(0);
  });

  it('never hides a tagged finding of a hidden region', () => {
    const t = { ...F.commentClaim, annotation: ann('a_1', F.commentClaim.start, F.commentClaim.end) };
    const v = applyVisibility(TEXT, tagged([F.claim, t, F.metaDate]), [], { regions: ARTICLE });
    expect(ids(v)).toEqual([F.claim.id, t.id]);
    expect(v.findings[1]!.annotation?.id).toBe('a_1');
    expect(v.hiddenByRegion).toBe(1);
  });

  it('leaves orphaned tags and duplicates alone', () => {
    const orphan = ann('a_9', 0, 3);
    const input = { ...all(), orphans: [orphan] };
    const v = applyVisibility(TEXT, input, [], { regions: new Set<Region>() });
    expect(v.orphans).toEqual([orphan]);
    expect(v.findings).toEqual([]);
    expect(v.hiddenByRegion).toBe(Object.keys(F).length);
  });
});

describe('applyVisibility: dismissals in the sidecar', () => {
  it('not-a-claim hides that claim only', () => {
    const d = dismissal('not-a-claim', 'Acme Corp said sales rose 5% in 2013.');
    const v = applyVisibility(TEXT, all(), [d], {});
    expect(ids(v)).not.toContain(F.claim.id);
    expect(ids(v)).toContain(F.commentClaim.id);
    expect(v.dismissed).toBe(1);
    expect(v.dismissals).toEqual([{ dismissal: d, anchor: expect.objectContaining({ start: F.claim.start, end: F.claim.end }) }]);
    expect(v.anchors.get(d.id)).toMatchObject({ start: F.claim.start, end: F.claim.end });
  });

  it('ignore-date hides that date, not the same date elsewhere', () => {
    const v = applyVisibility(TEXT, all(), [dismissal('ignore-date', '2013', 1)], {});
    expect(ids(v)).not.toContain(F.date2.id);
    expect(ids(v)).toEqual(expect.arrayContaining([F.date1.id, F.metaDate.id]));
    expect(v.dismissed).toBe(1);
  });

  it('ignore-name in the source hides every mention of that name, by text or entity, whatever its case', () => {
    const v = applyVisibility(TEXT, all(), [dismissal('ignore-name', 'Acme', 1, 'Acme Corp')], {});
    expect(ids(v)).not.toEqual(expect.arrayContaining([F.acme1.id]));
    for (const f of [F.acme1, F.acme2, F.acme3]) expect(ids(v)).not.toContain(f.id);
    expect(v.dismissed).toBe(3);
    expect(ids(v)).toContain(F.phone.id);
  });

  it('ignore-name without a name hides only the mention it is on', () => {
    const v = applyVisibility(TEXT, all(), [dismissal('ignore-name', 'Acme', 1)], {});
    expect(ids(v)).not.toContain(F.acme2.id);
    expect(ids(v)).toEqual(expect.arrayContaining([F.acme1.id, F.acme3.id]));
    expect(v.dismissed).toBe(1);
  });

  it('a dismissal of a kind does not hide another kind at the same place', () => {
    // A date dismissal on the words of an entity: the entity stays.
    const v = applyVisibility(TEXT, all(), [dismissal('ignore-date', 'Smartphone')], {});
    expect(ids(v)).toContain(F.phone.id);
    expect(v.dismissed).toBe(0);
  });

  it('never hides a tagged finding', () => {
    const t = { ...F.claim, annotation: ann('a_1', F.claim.start, F.claim.end) };
    const v = applyVisibility(TEXT, tagged([t, F.acme1]), [dismissal('not-a-claim', t.text), dismissal('ignore-name', 'Acme Corp', 0, 'Acme Corp')], {});
    expect(ids(v)).toEqual([t.id]);
    expect(v.dismissed).toBe(1);
  });

  it('counts a finding both dismissed and in a hidden region once, as dismissed', () => {
    const v = applyVisibility(TEXT, tagged([F.commentClaim]), [dismissal('not-a-claim', F.commentClaim.text)], { regions: ARTICLE });
    expect(v).toMatchObject({ findings: [], dismissed: 1, hiddenByRegion: 0 });
  });

  it('a dismissal whose text is gone is an orphan and hides nothing', () => {
    const gone = dismissal('not-a-claim', 'Acme Corp said sales rose 5% in 2013.', 0, undefined);
    const edited = TEXT.replace('Acme Corp said sales rose 5% in 2013.', 'Something else entirely happened here today.');
    const v = applyVisibility(edited, tagged([F.acme1]), [gone], {});
    expect(v.dismissalOrphans).toEqual([gone]);
    expect(v.dismissals).toEqual([]);
    expect(v.anchors.has(gone.id)).toBe(false);
    expect(v.dismissed).toBe(0);
  });

  it('an orphaned ignore-name dismissal does not hide the name either', () => {
    const d = dismissal('ignore-name', 'Smartphone', 0, 'Smartphone');
    const edited = TEXT.replace('Smartphone makers agree with Acme.', 'Phone makers disagree with everyone now.');
    // Another mention of the name, elsewhere, stays shown: the dismissal has lost its text.
    const other = { ...F.phone, id: 'entity:0:10', start: 0, end: 10 };
    const v = applyVisibility(edited, tagged([other]), [d], {});
    expect(v.dismissalOrphans).toEqual([d]);
    expect(ids(v)).toEqual([other.id]);
    expect(v.dismissed).toBe(0);
  });

  it('follows a tracked range the editor kept in step', () => {
    const d = dismissal('ignore-date', '2013', 1);
    const v = applyVisibility(TEXT, all(), [d], {}, new Map([[d.id, { start: F.date2.start, end: F.date2.end }]]));
    expect(v.anchors.get(d.id)).toMatchObject({ method: 'tracked', start: F.date2.start });
    expect(ids(v)).not.toContain(F.date2.id);
  });
});

describe('applyVisibility: names ignored in the workspace', () => {
  it('hides entities by their text or their entity key, case-insensitively', () => {
    const v = applyVisibility(TEXT, all(), [], { ignoredNames: ['acme corp', 'smartphone'] });
    expect(ids(v).filter((id) => id.startsWith('entity'))).toEqual([]);
    expect(v.dismissed).toBe(4);
  });

  it('matches a mention written differently only by its text', () => {
    const bare = (f: TaggedFinding) => ({ ...f, entity: undefined });
    const v = applyVisibility(TEXT, tagged([bare(F.acme1), bare(F.acme2), bare(F.acme3)]), [], { ignoredNames: ['acme'] });
    expect(ids(v)).toEqual([F.acme1.id]);
    expect(v.dismissed).toBe(2);
  });

  it('hides entities only, never a claim or a date with the same words', () => {
    const v = applyVisibility(TEXT, all(), [], { ignoredNames: ['2013', 'acme corp said sales rose 5% in 2013.'] });
    expect(ids(v)).toEqual(expect.arrayContaining([F.claim.id, F.date1.id, F.date2.id, F.metaDate.id]));
    expect(v.dismissed).toBe(0);
  });
});

describe('applyVisibility: mention counts', () => {
  it('recounts entity mentions over what is shown', () => {
    const v = applyVisibility(TEXT, all(), [], { regions: ARTICLE });
    const acmes = v.findings.filter((f) => f.entity?.key === 'acme corp');
    expect(acmes.map((f) => f.entity!.mentions)).toEqual([2, 2]);
    expect(v.findings.find((f) => f.id === F.phone.id)!.entity!.mentions).toBe(1);
  });

  it('counts a tagged mention kept in a hidden region', () => {
    const t = { ...F.acme3, annotation: ann('a_1', F.acme3.start, F.acme3.end, { kind: 'entity' }) };
    const v = applyVisibility(TEXT, tagged([F.acme1, F.acme2, t]), [dismissal('ignore-name', 'Acme', 1)], { regions: ARTICLE });
    expect(v.findings.map((f) => f.entity!.mentions)).toEqual([2, 2]);
  });

  it('gives the same copy of a recounted mention while its count holds, and a new one when it changes', () => {
    const input = all();
    const copies = (v: ReturnType<typeof applyVisibility>) => v.findings.filter((f) => f.entity?.key === 'acme corp');
    const first = copies(applyVisibility(TEXT, input, [], { regions: ARTICLE }));
    const again = copies(applyVisibility(TEXT, input, [], { regions: ARTICLE }));
    expect(again).toEqual(first);
    again.forEach((f, i) => expect(f).toBe(first[i]));
    const fewer = copies(applyVisibility(TEXT, input, [dismissal('ignore-name', 'Acme', 1)], { regions: ARTICLE }));
    expect(fewer.map((f) => f.entity!.mentions)).toEqual([1]);
    expect(fewer[0]).not.toBe(first[0]);
    // The copy's mark is not enumerable: the input serialises as it did.
    expect(JSON.stringify(input.findings)).toBe(JSON.stringify(all().findings));
  });

  it('leaves its input untouched', () => {
    const input = all();
    const before = JSON.stringify(input.findings);
    applyVisibility(TEXT, input, [dismissal('ignore-name', 'Acme', 1, 'Acme Corp')], { regions: ARTICLE });
    expect(JSON.stringify(input.findings)).toBe(before);
  });
});

describe('dismissals saved back like tags (rebaseSidecar)', () => {
  it('keeps a dismissal in step with an edit above it, marks it orphaned when its text goes, and unmarks it when it is back', () => {
    const d = dismissal('not-a-claim', 'Smartphone makers agree with Acme.');
    const s = sidecar([], { dismissals: [d] });
    const edited = `New first line.\n\n${TEXT}`;
    const v = applyVisibility(edited, tagged([]), [d], {});
    const moved = rebaseSidecar(s, edited, v, new Date('2025-03-01T00:00:00.000Z'));
    expect(moved.dismissals![0]!.target).toEqual(makeQuoteTarget(edited, d.target.start + 17, d.target.end + 17));
    expect(moved.sourceSha256).toBe(sha256Hex(edited));

    const gone = edited.replace('Smartphone makers agree with Acme.', 'Nobody agrees with anybody about anything.');
    const lost = rebaseSidecar(moved, gone, applyVisibility(gone, tagged([]), moved.dismissals!, {}), new Date('2025-03-02T00:00:00.000Z'));
    expect(lost.dismissals![0]).toMatchObject({ orphanedAt: '2025-03-02T00:00:00.000Z', target: moved.dismissals![0]!.target });
    // Still an orphan a day later: the first time it was noticed is kept.
    const still = rebaseSidecar(lost, gone, applyVisibility(gone, tagged([]), lost.dismissals!, {}), new Date('2025-03-03T00:00:00.000Z'));
    expect(still.dismissals![0]!.orphanedAt).toBe('2025-03-02T00:00:00.000Z');

    const back = rebaseSidecar(still, edited, applyVisibility(edited, tagged([]), still.dismissals!, {}), new Date('2025-03-04T00:00:00.000Z'));
    expect(back.dismissals![0]).not.toHaveProperty('orphanedAt');
    expect(back.dismissals![0]!.target).toEqual(moved.dismissals![0]!.target);
  });
});
