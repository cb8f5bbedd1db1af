// What two sources disagree on: the time frame of the same plan, the title of the same person, a
// figure for the same fact, who said the same words. Each conflict has two sides, each a finding a
// checker can tag.
import type { FindingKind } from '../model';
import { isDated } from './claimMatching';
import { figuresDisagree } from './figures';
import { EXCLUSIVE_TITLES, officesDisagree } from './roles';
import { gapDays, TIME_FRAME_TOLERANCE_DAYS, timeFrameOf, type TimeFrame } from './timeFrame';
import { spanOf, type ClaimDigest, type EntityMentionDigest, type FigureDigest, type QuotationDigest, type Span, type TagSummary } from './types';

export type ConflictKind = 'time-frame' | 'title' | 'figure' | 'speaker';

export interface ConflictSide {
  sourceId: string;
  /** The finding a quick fix tags: the claim, or the entity mention when no claim holds it. */
  findingId: string;
  findingKind: FindingKind;
  /** The finding's whole range. */
  span: Span;
  /** The part that disagrees ("Xiaomi's Chairman Lei Jun", "within two years"). */
  focus: Span;
  /** The text of the finding (a claim's sentence), for hovers and evidence. */
  quote: string;
  /** The disagreeing part as written. */
  focusText: string;
  /** The disagreeing value, readable: "chairman", "2020-03-10", "300 million user". */
  value: string;
  tag?: TagSummary;
}

export interface Conflict {
  /** Deterministic: kind and both sides, sides in source order. */
  id: string;
  kind: ConflictKind;
  /** What the sources disagree about: the person, or the claim of the first side. */
  subject: string;
  sides: [ConflictSide, ConflictSide];
}

/**
 * Where a side of a conflict disagrees, as a key within its source: conflicts alike in kind, finding,
 * words and value are one disputed place, which an editor shows as one warning.
 */
export function conflictPlaceKey(kind: ConflictKind, side: ConflictSide): string {
  return `${kind}\u0000${side.findingId}\u0000${side.focus.start}\u0000${side.focus.end}\u0000${side.value}`;
}

function conflictId(kind: ConflictKind, a: ConflictSide, b: ConflictSide): string {
  return `${kind}:${a.sourceId}#${a.findingId}|${b.sourceId}#${b.findingId}`;
}

/**
 * The order conflicts are listed in: by kind, then their sides' sources and places in reading order
 * (not by id: finding ids are hashes of the text, core/findingIds.ts).
 */
export function compareConflicts(a: Conflict, b: Conflict): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  for (let i = 0; i < 2; i++) {
    const x = a.sides[i]!;
    const y = b.sides[i]!;
    if (x.sourceId !== y.sourceId) return x.sourceId < y.sourceId ? -1 : 1;
    const d = x.span.start - y.span.start || x.span.end - y.span.end || x.focus.start - y.focus.start || x.focus.end - y.focus.end;
    if (d) return d;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Orders the sides by source id then finding, so each conflict is found once with one id. */
function makeConflict(kind: ConflictKind, subject: string, a: ConflictSide, b: ConflictSide): Conflict {
  const [x, y] = a.sourceId < b.sourceId || (a.sourceId === b.sourceId && a.findingId <= b.findingId) ? [a, b] : [b, a];
  return { id: conflictId(kind, x, y), kind, subject, sides: [x, y] };
}

function claimSide(sourceId: string, c: ClaimDigest, focus: Span, focusText: string, value: string): ConflictSide {
  return {
    sourceId, findingId: c.findingId, findingKind: 'claim', span: spanOf(c), focus: spanOf(focus), quote: c.text, focusText, value,
    ...(c.tag ? { tag: c.tag } : {}),
  };
}

function frameFocus(frame: TimeFrame): { span: Span; text: string } {
  const first = frame.dates.reduce((a, b) => (b.start < a.start ? b : a));
  const last = frame.dates.reduce((a, b) => (b.end > a.end ? b : a));
  return {
    span: { start: first.start, end: last.end },
    text: frame.dates.map((d) => d.text).join(' … '),
  };
}

/**
 * Whether `claimConflicts` can find anything between this claim and another: it needs a figure, or a
 * date in a claim about the future (a time frame). A cheap test, so a search can skip the rest.
 */
export function mayConflict(claim: ClaimDigest): boolean {
  return claim.figures.length > 0 || isDated(claim);
}

/**
 * Two claims already matched as the same fact: a conflict when both are about the future and the
 * periods they give lie more than TIME_FRAME_TOLERANCE_DAYS apart (one inside the other is no
 * disagreement: "by early 2019" is "within two years"), or when they give
 * disagreeing figures for the same counted thing.
 */
export function claimConflicts(
  a: { sourceId: string; claim: ClaimDigest; referenceDate?: string },
  b: { sourceId: string; claim: ClaimDigest; referenceDate?: string },
): Conflict[] {
  const out: Conflict[] = [];
  if (a.claim.future && b.claim.future) {
    const fa = timeFrameOf(a.claim.dates, a.referenceDate);
    const fb = timeFrameOf(b.claim.dates, b.referenceDate);
    if (fa && fb && gapDays(fa.deadline, fb.deadline) > TIME_FRAME_TOLERANCE_DAYS) {
      const [pa, pb] = [frameFocus(fa), frameFocus(fb)];
      out.push(makeConflict(
        'time-frame', a.claim.text,
        claimSide(a.sourceId, a.claim, pa.span, pa.text, fa.label),
        claimSide(b.sourceId, b.claim, pb.span, pb.text, fb.label),
      ));
    }
  }
  for (const x of a.claim.figures) {
    const y = b.claim.figures.find((f: FigureDigest) => f.unit === x.unit && figuresDisagree(x, f));
    if (!y) continue;
    out.push(makeConflict(
      'figure', a.claim.text,
      claimSide(a.sourceId, a.claim, x, x.text, `${x.qualifier ? `${x.qualifier} ` : ''}${x.value} ${x.unit}`),
      claimSide(b.sourceId, b.claim, y, y.text, `${y.qualifier ? `${y.qualifier} ` : ''}${y.value} ${y.unit}`),
    ));
    break;
  }
  return out;
}

export interface QuotedBy {
  sourceId: string;
  quotation: QuotationDigest;
  /** The speaker as a workspace entity id. */
  speaker: string;
}

function quotationSide(q: QuotedBy): ConflictSide {
  const s = q.quotation.speaker!;
  return {
    sourceId: q.sourceId, findingId: q.quotation.findingId, findingKind: 'quotation', span: spanOf(q.quotation),
    focus: spanOf(s), quote: q.quotation.words, focusText: s.text.replace(/\s+/g, ' '), value: s.name,
    ...(q.quotation.tag ? { tag: q.quotation.tag } : {}),
  };
}

/** The same words quoted in two sources from two different people or organisations. */
export function speakerConflict(a: QuotedBy, b: QuotedBy): Conflict | undefined {
  if (a.sourceId === b.sourceId || a.speaker === b.speaker) return undefined;
  return makeConflict('speaker', a.quotation.words, quotationSide(a), quotationSide(b));
}

export interface RoleHolder {
  sourceId: string;
  mention: EntityMentionDigest;
  /** The claim holding the mention, when there is one: that is what gets tagged. */
  claim?: ClaimDigest;
  /** Organisation as a workspace entity id, when named. */
  org?: string;
}

const exclusive = (titles: readonly string[]) => titles.filter((t) => EXCLUSIVE_TITLES.has(t));

function roleSide(h: RoleHolder): ConflictSide {
  const role = h.mention.role!;
  const target = h.claim;
  return {
    sourceId: h.sourceId,
    findingId: target?.findingId ?? h.mention.findingId,
    findingKind: target ? 'claim' : 'entity',
    span: spanOf(target ?? h.mention),
    focus: spanOf(role),
    quote: target?.text ?? role.phrase,
    focusText: role.phrase.replace(/\s+/g, ' '),
    value: exclusive(role.titles).join(' and '),
    ...((target ? target.tag : h.mention.tag) ? { tag: (target ? target.tag : h.mention.tag)! } : {}),
  };
}

/**
 * The same person given offices one person does not hold at once by two sources ("CEO" in one, "CFO"
 * in the other; not "Chairman" and "CEO": officesDisagree) at the same organisation (or where one
 * source names none). Every source that gives the person offices is set against one source that
 * gives other offices, for each such set of offices: the sources of one set are taken in turn (the
 * first against the first, the second against the second…), so each shows the disagreement and n
 * sources against m make at most n + m conflicts, not n × m (2,001 generated sources from five about
 * one company: 109,397 title conflicts, as many diagnostics on a few mentions).
 */
export function titleConflicts(person: string, holders: readonly RoleHolder[]): Conflict[] {
  // Holders alike in source, offices and organisation make the same conflicts: the first of each
  // stands for them, so a source naming a person 1,000 times counts once. Grouped by offices and
  // organisation, in the holders' (source) order.
  const groups = new Map<string, { titles: string[]; key: string; org?: string; members: RoleHolder[] }>();
  const seen = new Set<string>();
  for (const holder of holders) {
    const titles = exclusive(holder.mention.role!.titles);
    if (!titles.length) continue;
    const key = titles.join('+');
    const kind = `${key}\u0000${holder.org ?? ''}`;
    const first = `${holder.sourceId}\u0000${kind}`;
    if (seen.has(first)) continue;
    seen.add(first);
    const group = groups.get(kind);
    if (group) group.members.push(holder);
    else groups.set(kind, { titles, key, ...(holder.org ? { org: holder.org } : {}), members: [holder] });
  }
  const out = new Map<string, Conflict>();
  for (const g of groups.values()) {
    for (const h of groups.values()) {
      if (g === h || !officesDisagree(g.titles, h.titles) || (g.org && h.org && g.org !== h.org)) continue;
      g.members.forEach((a, i) => {
        // The member whose turn it is, or the next when that is the same source (a source is in a group once).
        let b = h.members[i % h.members.length]!;
        if (b.sourceId === a.sourceId) b = h.members[(i + 1) % h.members.length]!;
        if (b.sourceId === a.sourceId) return;
        const key = a.sourceId < b.sourceId ? `${a.sourceId}|${b.sourceId}|${g.key}|${h.key}` : `${b.sourceId}|${a.sourceId}|${h.key}|${g.key}`;
        if (!out.has(key)) out.set(key, makeConflict('title', person, roleSide(a), roleSide(b)));
      });
    }
  }
  return [...out.values()];
}
