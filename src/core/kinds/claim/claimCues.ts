// Cue lexicons for check-worthiness and hedging. Each pattern is matched case-insensitively on
// word boundaries within one sentence.

/** Verbs that attribute a statement to someone, most telling first (matched in lower case only). */
export const ATTRIBUTION_VERBS = [
  'said', 'says', 'told', 'tells', 'claimed', 'claims', 'admits', 'admitted', 'announced', 'announces',
  'stated', 'reported', 'reports', 'cites', 'cited', 'confirmed', 'confirms', 'denied', 'denies',
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
  'hopes to', 'if', 'unless', 'whether', 'potentially', 'in talks', 'negotiating', 'doubt', 'uncertain', 'unclear', 'possibility',
  'possible',
];

/**
 * Belief and report words, conditional modals and charges (FactBank style): hedges shown on a
 * claim, but outside the fitted hedge feature of the claim score, whose weights were fitted before them.
 */
export const EPISTEMIC_CUES = [
  'believe', 'think', 'thinks', 'is thought', 'was thought', 'are thought', 'were thought', 'thought to', 'thought that',
  'considered', 'considers', 'regarded as', 'seen as', 'viewed as', 'the view that', 'in the view of', 'in his view',
  'in her view', 'in their view', 'in its view', 'alleged', 'accused', 'suspected', 'would', 'should',
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
  'look forward', 'got to love', 'oh well', 'please', 'enlighten', 'thank you', 'good evening', 'good morning',
  'good night', 'congratulations', 'ladies and gentlemen', 'welcome', 'i agree', 'i disagree', 'i suppose',
  "i'm not sure", 'i am not sure', 'in my view', 'my friends', 'frankly', 'of course', 'wonderful', 'great job',
  'ridiculous', 'nonsense', 'shame', 'unbelievable', 'i mean', 'you know what',
];

/** Hedges that relay what others say: the claim is someone's, reported at one remove, and worth checking. */
export const REPORTING_HEDGES = [
  'reportedly', 'allegedly', 'purportedly', 'supposedly', 'rumor has it', 'rumour has it', 'rumored', 'rumoured',
  'is believed', 'are believed', 'it is thought', 'is said to', 'are said to', 'speculated', 'is expected to',
  'are expected to', 'in talks',
];

/** First-person promises and wishes: what the speaker will do or wants, not a checkable fact. */
export const PROMISE_CUES = [
  'i will', "i'll", 'we will', "we'll", "i'm going to", 'i am going to', "we're going to", 'we are going to',
  'i want', 'we want', 'i would', "i'd", 'we would', "we'd", "let's", 'let me', 'let us', 'i intend', 'we intend',
  'i plan', 'we plan', 'i promise', 'we promise', 'i pledge', 'i propose', 'we propose', 'my plan', 'our plan',
];

/** Obligation and exhortation: what should be, not what is. */
export const NORMATIVE_CUES = [
  'should', "shouldn't", 'must', 'ought to', 'need to', 'needs to', 'we need', 'have to', 'has to', "it's time",
  'it is time', "we've got to", 'we have got to', 'we cannot afford', "we can't afford", 'deserve', 'deserves',
];

/**
 * Subjects that fact-checkers check most: economy and figures, law and government, security,
 * health and society, business. A sentence about one is more likely to state a checkable fact.
 */
export const TOPIC_CUES = [
  'jobs', 'unemployment', 'unemployed', 'tax', 'taxes', 'deficit', 'deficits', 'debt', 'budget', 'spending', 'wages',
  'income', 'incomes', 'prices', 'inflation', 'economy', 'economic', 'trade', 'exports', 'imports', 'sales', 'revenue',
  'profit', 'profits', 'market share', 'growth', 'recession', 'interest rates', 'poverty', 'salary', 'salaries',
  'law', 'laws', 'bill', 'legislation', 'regulation', 'regulations', 'court', 'supreme court', 'vote', 'voted', 'votes',
  'election', 'administration', 'government', 'congress', 'senate', 'policy', 'program', 'programs', 'ban', 'treaty',
  'sanctions', 'veto', 'vetoed', 'war', 'troops', 'military', 'weapons', 'nuclear', 'terrorism', 'terrorists',
  'attack', 'attacks', 'missiles', 'soldiers', 'army', 'health care', 'insurance', 'medicare', 'medicaid', 'hospitals',
  'drugs', 'vaccine', 'crime', 'crimes', 'police', 'prison', 'immigrants', 'immigration', 'schools', 'education',
  'teachers', 'welfare', 'social security', 'pension', 'pensions', 'oil', 'energy', 'emissions', 'climate',
  'population', 'citizens', 'workers', 'families', 'companies', 'market', 'shares', 'stores', 'customers', 'users',
  'smartphones', 'carriers', 'contract', 'deal', 'agreement', 'merger', 'acquisition', 'investment', 'investors',
  'patent', 'patents', 'license', 'licence', 'licensing', 'lawsuit', 'lawsuits',
];

/** Irregular past-tense verbs: a sentence that reports what happened. (Regular "-ed" forms are matched by shape.) */
export const PAST_TENSE_VERBS = [
  'was', 'were', 'had', 'did', 'made', 'took', 'went', 'gave', 'paid', 'spent', 'built', 'left', 'brought',
  'began', 'came', 'became', 'grew', 'fell', 'rose', 'lost', 'won', 'sold', 'bought', 'cut', 'met',
  'ran', 'led', 'held', 'kept', 'sent', 'found', 'wrote', 'struck', 'shot',
  'hit', 'broke', 'chose', 'drove', 'drew', 'fought', 'flew', 'forgot', 'froze', 'hid', 'hung', 'laid', 'lent', 'meant',
  'overcame', 'quit', 'rang', 'rode', 'sank', 'shook', 'shut', 'sought', 'spoke', 'stole', 'stood', 'swore', 'taught',
  'threw', 'understood', 'withdrew', 'wore', 'gone up', 'gone down', 'risen', 'fallen', 'grown', 'shrunk', 'tripled',
  'quadrupled', 'halved', 'taken', 'given', 'begun', 'written',
];

/** Statistics vocabulary: a sentence that uses it usually reports a measurable figure. */
export const STATISTIC_CUES = [
  'percent', 'per cent', 'percentage', 'rate', 'rates', 'average', 'median', 'per capita', 'majority', 'minority', 'half',
  'quarter', 'a third', 'doubled', 'tripled', 'million', 'billion', 'trillion', 'thousands', 'millions', 'billions',
  'number of', 'amount of', 'share of', 'proportion', 'ratio', 'statistics', 'figures', 'survey', 'poll', 'polls',
  'census', 'study', 'studies', 'report', 'data', 'a year', 'per year', 'each year', 'every year', 'annually',
  'times as', 'times more', 'increase', 'decrease', 'increased', 'decreased', 'rise', 'drop', 'gdp',
];

/** Verbs that open an imperative: the speaker tells the listener what to do or think. */
export const IMPERATIVE_VERBS = [
  'look', 'listen', 'let', "let's", 'imagine', 'think', 'remember', 'consider', 'go', 'tell', 'give', 'take', 'keep',
  'make', 'stop', 'join', 'vote', 'help', 'ask', "don't", 'do not', 'please', 'get', 'bring', 'come', 'try', 'put',
  'see', 'check', 'read', 'watch', 'note', 'forget', 'believe', 'trust',
];

/** Judging words: a sentence built on them states a view, not a checkable fact. */
export const EVALUATIVE_CUES = [
  'good', 'bad', 'great', 'wrong', 'important', 'serious', 'fair', 'unfair', 'strong', 'weak', 'better',
  'worse', 'best', 'worst', 'dangerous', 'proud', 'happy', 'sad', 'tough', 'clear', 'fundamental', 'critical',
  'essential', 'vital', 'crucial', 'mistake', 'failure', 'disaster', 'outrageous', 'incredible', 'tremendous',
  'fantastic', 'horrible', 'sorry', 'glad', 'afraid', 'honest', 'decent', 'responsible', 'irresponsible', 'naive',
  'foolish', 'wise', 'smart', 'right', 'true', 'false', 'sure', 'certainly', 'absolutely', 'really', 'very',
];

/** Ideals and aspirations: the vocabulary of persuasion rather than of record. */
export const RHETORIC_CUES = [
  'freedom', 'liberty', 'values', 'dream', 'dreams', 'spirit', 'vision', 'hope', 'faith', 'character', 'leadership',
  'opportunity', 'opportunities', 'principles', 'principle', 'ideals', 'greatness', 'destiny', 'courage', 'dignity',
  'justice', 'fairness', 'heart', 'soul', 'children', 'together', 'believe in', 'generation',
];
