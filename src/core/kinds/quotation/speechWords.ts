// Word lists for quotations: who said what, and how the text says so.
import { wordTable } from '../../text/wordTable';

/** Verbs that report speech; what follows them (with or without "that") is what was said. */
export const REPORTING_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'claimed', 'claims', 'claim', 'admits', 'admitted', 'announced', 'announces',
  'stated', 'states', 'reported', 'reports', 'confirmed', 'confirms', 'denied', 'denies', 'added', 'explained', 'noted',
  'argued', 'insisted', 'warned', 'wrote', 'writes', 'tweeted', 'revealed', 'reveals', 'acknowledged', 'disclosed',
  'predicted', 'promised', 'vowed', 'stressed', 'asked', 'expressed',
];

/**
 * The reporting verbs whose words can follow without "that" ("Jun admits the expansion won't be…").
 * The others are also nouns or take an object ("reports", "told reporters", "announced a phone"):
 * their clause must open with "that".
 */
export const CLAUSE_WITHOUT_THAT = new Set(['said', 'says', 'claimed', 'admits', 'admitted', 'insisted', 'argued', 'stressed', 'vowed']);

/** Phrases that attribute a statement to a source placed after them ("according to IDC data"). */
export const ACCORDING_TO = /\b(?:according\s+to|as\s+reported\s+by|as\s+told\s+to)\s+/gi;

/** Pronouns that stand for a speaker, and the kind of entity each is resolved to. */
export const SPEAKER_PRONOUNS = wordTable<'person' | 'organisation' | 'either'>({
  he: 'person', she: 'person', him: 'person', her: 'person', his: 'person',
  it: 'organisation', its: 'organisation',
  they: 'either', who: 'either', which: 'organisation',
});

/** Words a speaker's noun phrase never reaches back over: they open another clause. */
export const CLAUSE_OPENERS = new Set([
  'that', 'while', 'but', 'and', 'or', 'because', 'when', 'as', 'if', 'so', 'although', 'though', 'where', 'whereas',
  'since', 'after', 'before', 'once', 'now', 'then', 'meanwhile', 'however', 'also', 'yet',
]);

/** Words between a speaker and the verb that are not part of the speaker ("Xiaomi has also said"). */
export const BETWEEN_SPEAKER_AND_VERB = new Set([
  'also', 'reportedly', 'publicly', 'previously', 'recently', 'once', 'later', 'then', 'has', 'have', 'had', 'was', 'were',
  'is', 'are', 'had', 'already', 'earlier', 'again', 'repeatedly', 'openly', 'even', 'just', 'first', 'separately',
]);

/** Auxiliaries that end a speaker's noun phrase before a colon ("Apple lawyers are humming: …"). */
export const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'do', 'does', 'did']);

/** Words a reported clause opens with when it comes without "that": pronouns and determiners. */
export const CLAUSE_STARTS = new Set([
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'my', 'the', 'a', 'an', 'this', 'these',
  'those', 'there', 'no', 'some', 'all', 'both', 'every', 'each', 'many', 'most',
]);
