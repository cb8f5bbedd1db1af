// Named entities: capitalised runs typed by a gazetteer, name lexicons and their context, then
// linked across the source (aliases, parts of a full name) into entities.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, NO_CUES, type EntityInfo, type Finding, type Region } from '../../model';
import { perSentence, sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, FindingKindDefinition, ParagraphEdit } from '../kind';
import { endBefore, moved } from '../keptByParagraph';
import { describeEntity } from './describe';
import { EntityDetector } from './entityDetector';
import { documentCasing, type DocumentCasing } from './tagger/features';
import { mention, type EntityMention } from './entityMention';
import { lowerCaseWordsOf, LowerCaseWords } from './lowerCaseWords';
import { resolveEntitiesReusing, sameButPlace, type ResolutionMemo } from './resolutionMemo';

declare module 'vfile' {
  interface DataMap {
    entities: EntityMention[];
    /** The paragraph's lower-case words, space-separated (lowerCaseWords.ts): all the source's pass reads of its tokens. */
    lowerWords: string;
  }
}

let learned = true;

/** Analysers created after this call find names with the rules alone (false) or with the learned tagger too: for measuring its cost. */
export function useLearnedEntityTagger(on: boolean): void {
  learned = on;
}

/** Finds the names in each sentence; the sentence's dates are not names. */
function sourcemarkEntities() {
  const detector = new EntityDetector(undefined, learned);
  return (_tree: Root, file: VFile) => {
    const out: EntityMention[] = [];
    file.data.entities = out;
    const sentences = sentencesOfFile(file);
    file.data.lowerWords = lowerCaseWordsOf(sentences);
    // Reader handles and metadata lines are not names worth flagging.
    if (file.data.sourcemark?.region === 'comment-meta') return;
    const dates = perSentence(sentences, file.data.dates ?? []);
    // Read once, and only if the tagger scores a word of the paragraph.
    let read: DocumentCasing | undefined;
    const casing = () => (read ??= documentCasing(sentences.map((s) => s.tokens)));
    sentences.forEach((s, i) => {
      for (const m of detector.detect(s, dates[i], casing)) out.push(m);
    });
  };
}

/**
 * A lone word the tagger took for a name at a sentence's start that this source writes in lower case
 * elsewhere ("Smartphone sales" beside "smartphones") is a common word here. The source's lower-case
 * words are counted only when there is such a word, and kept between analyses (`words`). A mention
 * marked is replaced by a marked copy: the paragraphs' own are cached, and this depends on the source.
 */
/** Whether mention `m` may be a common word written with a capital at a sentence's start (markWrittenLower). */
const mayBeCommon = (m: EntityMention): boolean => !!m.learned && m.sentenceInitial && !m.commonWord && /^\p{Lu}\p{Ll}+$/u.test(m.text);

/** Whether the source writes `m`'s word, its plural or its singular in lower case. */
function writtenLower(m: EntityMention, words: LowerCaseWords): boolean {
  const word = m.text.toLowerCase();
  return words.has(word) || words.has(`${word}s`) || (word.endsWith('s') && words.has(word.slice(0, -1)));
}

/**
 * A lone word the tagger took for a name at a sentence's start that this source writes in lower case
 * elsewhere ("Smartphone sales" beside "smartphones") is a common word here. The source's lower-case
 * words are counted only when there is such a word, and kept between analyses (`words`). A mention
 * marked is replaced by a marked copy: the paragraphs' own are cached, and this depends on the source.
 * Returns the indexes of the mentions that may be such a word.
 */
function markWrittenLower(mentions: EntityMention[], paragraphs: readonly AnalysedParagraph[], words: LowerCaseWords): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < mentions.length; i++) if (mayBeCommon(mentions[i]!)) candidates.push(i);
  if (!candidates.length) {
    words.clear();
    return candidates;
  }
  words.update(paragraphs);
  for (const i of candidates) if (writtenLower(mentions[i]!, words)) mentions[i] = markedCommon(mentions[i]!);
  return candidates;
}

/**
 * Each paragraph's mention marked a common word, kept with it: made anew on every analysis, the
 * marked copy was a mention the last analysis had not seen, so its finding was made again after
 * every keystroke (about a hundred of a 1 MB source's, before the edit as well as after it).
 */
const marked = new WeakMap<EntityMention, EntityMention>();

function markedCommon(m: EntityMention): EntityMention {
  let copy = marked.get(m);
  if (!copy) marked.set(m, (copy = mention(m, { commonWord: true })));
  return copy;
}

/** What the entity kind keeps between analyses (CollectContext.memo). */
interface EntityMemo {
  resolution?: ResolutionMemo;
  words: LowerCaseWords;
  /** The last collect, for the next to collect only an edit's paragraphs (EntityCollect). */
  last?: EntityCollect;
}

/**
 * A collect as the next one may take it over (collectEdit): its analysis; the mentions resolution
 * read (a common word's marked), where each starts in the source, and the findings, with per
 * paragraph how many it and those before it had; which mentions resolution kept and their entities;
 * the mentions that may be common words.
 */
interface EntityCollect {
  analysis: number;
  mentions: EntityMention[];
  starts: Float64Array;
  mentionEnds: Int32Array;
  findings: Finding[];
  findingEnds: Int32Array;
  kept: Int32Array;
  infos: readonly EntityInfo[];
  candidates: number[];
}

/** Per paragraph, how many of `order` (mention indexes, in text order) fall in it and those before it. */
function findingEnds(order: Int32Array, mentionEnds: Int32Array): Int32Array {
  const ends = new Int32Array(mentionEnds.length);
  let i = 0;
  for (let p = 0; p < mentionEnds.length; p++) {
    while (i < order.length && order[i]! < mentionEnds[p]!) i++;
    ends[p] = i;
  }
  return ends;
}

/**
 * Pushes the findings of resolution's kept mentions `order[from..to)` (their entities `infos`),
 * mention `k` of `mentions` in the paragraph starting at `bases[k − offset]`, of region `regions[k − offset]`.
 */
function mentionFindings(
  out: Finding[], from: number, to: number, order: Int32Array, infos: readonly EntityInfo[],
  mentions: readonly EntityMention[], bases: ArrayLike<number>, regions: readonly Region[], offset: number,
): void {
  for (let i = from; i < to; i++) {
    const k = order[i]!;
    const m = mentions[k]!;
    const base = bases[k - offset]!;
    const region = regions[k - offset]!;
    const start = m.start + base;
    const last = lastMade(m);
    // The mention and its entity as the last analysis had them: its finding is that one, or a copy
    // of it where an edit before it moved it.
    if (last && last.region === region && last.entity === infos[i]) {
      out.push(madeAt(m, last, start));
      continue;
    }
    const f = finding({
      id: '', kind: 'entity', start, end: m.end + base, text: m.text, region,
      score: m.confidence, cues: NO_CUES, entity: infos[i]!,
    });
    rememberMade(m, f);
    out.push(f);
  }
}

/** Whether mentions `j − 1` and `j` stand alike in both lists of starts: one after the other, or at one place. */
function sameTie(now: Float64Array, before: Float64Array, j: number): boolean {
  const a = now[j]! - now[j - 1]!;
  const b = before[j]! - before[j - 1]!;
  return a >= 0 && b >= 0 && (a === 0) === (b === 0);
}

/**
 * The entities after `edit`, from the last collect: undefined unless the edit's paragraphs name the
 * same as before (the same mentions, their offsets aside, in the same order and ties) and no
 * mention elsewhere became or stopped being a common word. Resolution, which reads every mention of
 * the source, then gives what it gave, and only the edit's paragraphs' findings are made again.
 */
function collectEdit(paragraphs: readonly AnalysedParagraph[], edit: ParagraphEdit, last: EntityCollect, words: LowerCaseWords, analysis: number): EntityCollect | undefined {
  if (last.analysis !== edit.since) return undefined;
  const to = paragraphs.length - edit.suffix;
  const was = last.mentionEnds.length;
  const from = endBefore(last.mentionEnds, edit.prefix);
  const until = endBefore(last.mentionEnds, was - edit.suffix);
  // The edit's paragraphs' mentions, as many as before; the others where they were, or moved.
  const mentions = last.mentions.slice();
  const starts = new Float64Array(last.starts);
  for (let j = until; j < starts.length; j++) starts[j] += edit.shift;
  const bases: number[] = [];
  const regions: Region[] = [];
  const mentionEnds = new Int32Array(paragraphs.length);
  mentionEnds.set(last.mentionEnds.subarray(0, edit.prefix));
  let k = from;
  for (let i = edit.prefix; i < to; i++) {
    const p = paragraphs[i]!;
    for (const e of p.data.entities ?? []) {
      if (k >= until) return undefined;
      starts[k] = e.start + p.start;
      mentions[k++] = e;
      bases.push(p.start);
      regions.push(p.region);
    }
    mentionEnds[i] = k;
  }
  if (k !== until) return undefined;
  mentionEnds.set(last.mentionEnds.subarray(was - edit.suffix), to);
  // Common words, by the source's lower-case words after the edit: every mention elsewhere that may be one is as it was.
  const candidates: number[] = [];
  for (let j = from; j < until; j++) if (mayBeCommon(mentions[j]!)) candidates.push(j);
  if (candidates.length || last.candidates.length) words.update(paragraphs);
  else words.clear();
  for (const j of last.candidates) if ((j < from || j >= until) && writtenLower(last.mentions[j]!, words) !== !!last.mentions[j]!.commonWord) return undefined;
  for (const j of candidates) if (writtenLower(mentions[j]!, words)) mentions[j] = markedCommon(mentions[j]!);
  // The same mentions as before, their offsets aside, in the same order and ties with their neighbours.
  for (let j = from; j < until; j++) {
    const a = mentions[j]!;
    const b = last.mentions[j]!;
    if (a !== b && (a.end - a.start !== b.end - b.start || !sameButPlace(a, b))) return undefined;
  }
  for (let j = Math.max(1, from); j <= until && j < starts.length; j++) if (!sameTie(starts, last.starts, j)) return undefined;

  // Resolution gives what it gave: the findings of the edit's paragraphs are made, the others kept or moved.
  const ends = findingEnds(last.kept, mentionEnds);
  const findings = last.findings.slice(0, endBefore(ends, edit.prefix));
  mentionFindings(findings, findings.length, endBefore(ends, to), last.kept, last.infos, mentions, bases, regions, from);
  for (let i = endBefore(last.findingEnds, was - edit.suffix); i < last.findings.length; i++) findings.push(moved(last.findings[i]!, mentions[last.kept[i]!]!, edit.shift));
  // The candidates in order: those before the edit, its own, those after it.
  const all = last.candidates.filter((j) => j < from);
  for (const j of candidates) all.push(j);
  for (const j of last.candidates) if (j >= until) all.push(j);
  return { analysis, mentions, starts, mentionEnds, findings, findingEnds: ends, kept: last.kept, infos: last.infos, candidates: all };
}

export const entityKind: FindingKindDefinition<'entity'> = {
  kind: 'entity',
  statement: false,
  needs: ['date'],
  labels: ['entity', 'person', 'organisation', 'place', 'product', 'event'],
  plugin: sourcemarkEntities,
  collect({ paragraphs, memo, edit, analysis = 0 }) {
    const kept = (memo?.value as EntityMemo | undefined) ?? { words: new LowerCaseWords() };
    if (memo) memo.value = kept;
    const taken = edit && kept.last ? collectEdit(paragraphs, edit, kept.last, kept.words, analysis) : undefined;
    if (taken) {
      kept.last = taken;
      return { findings: taken.findings, fromEdit: true };
    }
    // Mentions are linked into entities over the whole source, so a type and an alias hold everywhere in it.
    // Each as its paragraph holds it, beside the paragraph's start (resolutionMemo.ts).
    const mentions: EntityMention[] = [];
    const bases: number[] = [];
    const regions: Region[] = [];
    const mentionEnds = new Int32Array(paragraphs.length);
    for (let i = 0; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      for (const e of p.data.entities ?? []) {
        mentions.push(e);
        bases.push(p.start);
        regions.push(p.region);
      }
      mentionEnds[i] = mentions.length;
    }
    const candidates = markWrittenLower(mentions, paragraphs, kept.words);
    const resolution = resolveEntitiesReusing(mentions, bases, kept.resolution);
    kept.resolution = resolution.memo;
    const { kept: order, infos } = resolution;
    const findings: Finding[] = [];
    mentionFindings(findings, 0, order.length, order, infos, mentions, bases, regions, 0);
    // Kept for the next collect to take over when the mentions run in text order and resolution kept
    // them in theirs: then an edit that keeps every mention's order and ties keeps every comparison.
    const { starts } = resolution.memo;
    let inOrder = true;
    for (let i = 1; i < order.length && inOrder; i++) inOrder = order[i]! > order[i - 1]!;
    for (let j = 1; j < starts.length && inOrder; j++) inOrder = starts[j]! >= starts[j - 1]!;
    kept.last = inOrder ? {
      analysis, mentions, starts, mentionEnds, findings, findingEnds: findingEnds(order, mentionEnds), kept: order, infos,
      candidates,
    } : undefined;
    return { findings };
  },
  describe: describeEntity,
};
