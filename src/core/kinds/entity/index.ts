// Named entities: capitalised runs typed by a gazetteer, name lexicons and their context, then
// linked across the source (aliases, parts of a full name) into entities.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, NO_CUES, type Finding, type Region } from '../../model';
import { perSentence, sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, FindingKindDefinition } from '../kind';
import { describeEntity } from './describe';
import { EntityDetector } from './entityDetector';
import { documentCasing, type DocumentCasing } from './tagger/features';
import { mention, type EntityMention } from './entityMention';
import { lowerCaseWordsOf, LowerCaseWords } from './lowerCaseWords';
import { resolveEntitiesReusing, type ResolutionMemo } from './resolutionMemo';

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
function markWrittenLower(mentions: EntityMention[], paragraphs: readonly AnalysedParagraph[], words: LowerCaseWords): void {
  const candidates: number[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.learned && m.sentenceInitial && !m.commonWord && /^\p{Lu}\p{Ll}+$/u.test(m.text)) candidates.push(i);
  }
  if (!candidates.length) {
    words.clear();
    return;
  }
  words.update(paragraphs);
  for (const i of candidates) {
    const m = mentions[i]!;
    // Its word, its plural or its singular.
    const word = m.text.toLowerCase();
    if (words.has(word) || words.has(`${word}s`) || (word.endsWith('s') && words.has(word.slice(0, -1)))) mentions[i] = markedCommon(m);
  }
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
}

export const entityKind: FindingKindDefinition<'entity'> = {
  kind: 'entity',
  statement: false,
  needs: ['date'],
  labels: ['entity', 'person', 'organisation', 'place', 'product', 'event'],
  plugin: sourcemarkEntities,
  collect({ paragraphs, memo }) {
    // Mentions are linked into entities over the whole source, so a type and an alias hold everywhere in it.
    // Each as its paragraph holds it, beside the paragraph's start (resolutionMemo.ts).
    const mentions: EntityMention[] = [];
    const bases: number[] = [];
    const regions: Region[] = [];
    for (const p of paragraphs) {
      for (const e of p.data.entities ?? []) {
        mentions.push(e);
        bases.push(p.start);
        regions.push(p.region);
      }
    }
    const kept = (memo?.value as EntityMemo | undefined) ?? { words: new LowerCaseWords() };
    if (memo) memo.value = kept;
    markWrittenLower(mentions, paragraphs, kept.words);
    const resolution = resolveEntitiesReusing(mentions, bases, kept.resolution);
    kept.resolution = resolution.memo;
    const { kept: order, infos } = resolution;
    const findings: Finding[] = new Array(order.length);
    for (let i = 0; i < order.length; i++) {
      const k = order[i]!;
      const m = mentions[k]!;
      const base = bases[k]!;
      const start = m.start + base;
      const last = lastMade(m);
      // The mention and its entity as the last analysis had them: its finding is that one, or a copy
      // of it where an edit before it moved it.
      if (last && last.region === regions[k] && last.entity === infos[i]) {
        findings[i] = madeAt(m, last, start);
        continue;
      }
      const f = finding({
        id: '', kind: 'entity', start, end: m.end + base, text: m.text, region: regions[k]!,
        score: m.confidence, cues: NO_CUES, entity: infos[i]!,
      });
      rememberMade(m, f);
      findings[i] = f;
    }
    return { findings };
  },
  describe: describeEntity,
};
