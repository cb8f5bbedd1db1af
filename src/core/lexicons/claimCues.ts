// Cue lexicons for check-worthiness and hedging. Each pattern is matched case-insensitively on
// word boundaries within one sentence.

/** Verbs that attribute a statement to someone, most telling first (matched in lower case only). */
export const ATTRIBUTION_VERBS = [
  'said', 'says', 'told', 'tells', 'claimed', 'claims', 'admits', 'admitted', 'announced', 'announces',
  'stated', 'states', 'reported', 'reports', 'cites', 'cited', 'confirmed', 'confirms', 'denied', 'denies',
  'revealed', 'reveals', 'estimated', 'estimates', 'added', 'explained', 'noted', 'argued', 'insisted', 'warned',
  'wrote', 'tweeted', 'disclosed', 'acknowledged', 'predicted', 'forecast',
];
export const ATTRIBUTION_PHRASES = ['according to', 'as reported by', 'sources say', 'people familiar with', 'people close to'];

/** Hedging cues (CoNLL-2010 style): they make a claim uncertain, so "speculative" is suggested. */
export const HEDGE_CUES = [
  'reportedly', 'apparently', 'allegedly', 'supposedly', 'purportedly', 'seemingly', 'presumably', 'possibly',
  'probably', 'perhaps', 'maybe', 'likely', 'unlikely', 'may', 'might', 'could', 'suggests',
  'suggest', 'suggested', 'appears', 'appear', 'appeared', 'seems', 'seem', 'seemed', 'believed', 'believes',
  'expected', 'expects', 'expect', 'rumor has it', 'rumour has it', 'rumored', 'rumoured', 'rumors', 'rumours',
  'is believed', 'it is thought', 'speculated', 'speculation', 'plans to', 'planning to', 'aims to', 'intends to',
  'hopes to', 'if', 'whether', 'potentially', 'in talks', 'negotiating', 'doubt', 'uncertain', 'unclear', 'possibility',
  'possible',
];

/** Cues of plans and predictions: future facts a checker will want to follow up. */
export const PLAN_CUES = [
  'plans to', 'plan to', 'planning to', 'will', 'is going to', 'are going to', 'expects to', 'expected to', 'aims to',
  'intends to', 'is set to', 'are set to', 'to launch', 'to enter', 'to open', 'to sell', 'to introduce', 'to start',
  'next year', 'by the end of', 'within',
];

/** Past events and changes: launches, releases, rises and falls. */
export const EVENT_CUES = [
  'launched', 'released', 'opened', 'announced', 'fell', 'rose', 'grew', 'dropped', 'increased', 'decreased',
  'declined', 'sold', 'signed', 'acquired', 'bought', 'hit', 'kicked off', 'lost', 'won', 'killed', 'injured',
  'elected', 'appointed', 'resigned', 'fired', 'banned', 'blocked', 'approved', 'rejected', 'sued', 'filed',
  'torpedoed', 'emerged', 'became', 'has become', 'rose to', 'secured', 'reached', 'raised', 'cut', 'doubled',
];

/** Rankings and comparisons. */
export const COMPARISON_CUES = [
  'largest', 'biggest', 'smallest', 'highest', 'lowest', 'top', 'first', 'second', 'third', 'fourth', 'fifth', 'last',
  'leading', 'most', 'least', 'more than', 'less than', 'fewer than', 'higher than', 'lower than', 'dominated',
  'third-largest', 'second-largest', 'fourth-largest', 'number one', 'record',
];

/** Opinion markers: first-person feelings and judgements score low. */
export const OPINION_CUES = [
  'i think', 'i believe', 'i feel', 'i love', 'i hate', 'i like', 'i hope', "i'm sure", 'i am sure', 'i doubt',
  "i'll believe", 'i guess', 'in my opinion', 'imo', 'imho', 'love it', 'hope it', 'hopefully', 'lovely', 'awesome',
  'beautiful', 'beauty', 'amazing', 'terrible', 'stupid', 'bull', 'smh', 'lol', 'bravo', "g'day", 'thanks',
  'look forward', 'got to love', 'oh well', 'please', 'enlighten',
];
