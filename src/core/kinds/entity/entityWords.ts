// Word lists that shape entity detection. Kept as data so rules stay small and testable.
import names from './names.generated.json';

/** Given names (lower case), generated from a name lexicon: "Igor Shkvyrin" is a person by its first word. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(names.firstNames);

/** Role nouns that introduce a person when written in lower case before a name ("striker Igor Shkvyrin"). */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([...names.roles, 'striker', 'midfielder', 'defender', 'goalkeeper', 'forward', 'coach', 'captain', 'batsman', 'bowler', 'pitcher', 'quarterback', 'jockey', 'champion', 'rider', 'skipper']);

/** Words that belong to a following title ("Prime Minister", "Foreign Secretary") rather than to a name before it. */
export const TITLE_MODIFIERS = new Set(['prime', 'foreign', 'deputy', 'vice', 'finance', 'defence', 'defense', 'interior', 'trade', 'health', 'justice', 'economy', 'agriculture', 'energy', 'state', 'home', 'acting', 'former', 'chief', 'assistant', 'associate', 'general', 'attorney']);

/** Titles that introduce a person and are not part of the name ("Xiaomi CEO Lei Jun"). */
export const PERSON_TITLES = new Set([
  'ceo', 'cfo', 'cto', 'coo', 'chairman', 'chairwoman', 'chair', 'president', 'vice-president', 'founder', 'co-founder',
  'executive', 'director', 'minister', 'secretary', 'senator', 'governor', 'mayor', 'spokesman', 'spokeswoman',
  'spokesperson', 'analyst', 'professor', 'prof', 'dr', 'mr', 'mrs', 'ms', 'sir', 'chief', 'head', 'manager',
  'premier', 'chancellor', 'king', 'queen', 'prince', 'princess', 'general', 'judge', 'lawyer', 'reporter', 'editor',
  'ambassador', 'envoy', 'cardinal', 'pope', 'bishop', 'archbishop', 'emperor', 'empress', 'colonel', 'lieutenant-colonel',
  'commander', 'admiral', 'congressman', 'congresswoman', 'rabbi', 'sheikh', 'ayatollah', 'imam', 'coach', 'inspector',
]);

/** Last words that make a name an event, an organisation or a place. */
export const EVENT_HEADS = new Set([
  'show', 'congress', 'conference', 'summit', 'sessions', 'session', 'olympics', 'games', 'expo', 'festival', 'forum',
  'cup', 'championship', 'championships', 'awards', 'oscars', 'war', 'election', 'elections', 'fair', 'week', 'marathon', 'open', 'classic', 'prix', 'revolution', 'rising', 'uprising',
]);

/** Last words (or words before "of") that make a name a law or a treaty ("Trades Disputes Act", "Treaty of Baden", "Peking Protocol"): CoNLL's MISC. */
export const DOCUMENT_HEADS = new Set(['act', 'treaty', 'protocol', 'accord', 'accords', 'convention', 'pact']);

/**
 * Legal forms that close a company's name ("Kia Motor Corp", "Nokia Oyj", "Banc One Corp."), as
 * written; a final period may follow each. The one list every rule about companies reads.
 */
export const LEGAL_FORMS = [
  'Inc', 'Corp', 'Corporation', 'Co', 'Cos', 'Ltd', 'Plc', 'PLC', 'plc', 'AB', 'AG', 'SA', 'S.A', 'NV', 'N.V', 'GmbH', 'SpA', 'ASA',
  'Oyj', 'Bhd', 'Berhad', 'Bancorp', 'Holdings', 'LLC', 'LP',
];

/** A legal form with its optional period, as a regular expression's source (a group that captures nothing). */
export const LEGAL_FORM_SOURCE = `(?:${LEGAL_FORMS.map((f) => f.replace(/\./g, '\\.')).join('|')})\\.?`;

const LEGAL_FORMS_LOWER = new Set(LEGAL_FORMS.map((f) => f.toLowerCase()));

/** Whether a word is a legal form, in any case, with or without its final period ("corp.", "CO"). */
export function isLegalForm(word: string): boolean {
  return LEGAL_FORMS_LOWER.has((word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase());
}

export const ORGANISATION_HEADS = new Set([
  'inc', 'inc.', 'corp', 'corp.', 'corporation', 'co', 'co.', 'ltd', 'ltd.', 'llc', 'plc', 'group', 'company', 'electronics',
  'bank', 'university', 'institute', 'ministry', 'department', 'agency', 'council', 'commission', 'association', 'party',
  'network', 'news', 'times', 'journal', 'post', 'radio', 'television', 'daily', 'herald', 'tribune', 'gazette', 'telegraph', 'telecom', 'telecommunications', 'airlines', 'motors', 'labs',
  'technologies', 'technology', 'systems', 'foundation', 'federation', 'union', 'committee', 'court', 'police', 'army',
  'navy', 'school', 'college', 'hospital', 'club', 'fund', 'authority', 'authorities', 'board', 'office', 'service', 'services',
  'airways', 'airline', 'brewery', 'breweries', 'petroleum', 'mining', 'steel', 'securities', 'holdings', 'industries',
  'enterprises', 'partners', 'trust', 'exchange', 'newsroom', 'alliance', 'movement', 'organisation', 'organization',
  'assembly', 'parliament', 'tribunal', 'incorporated', 'sa', 'ag', 'nv', 'bv', 'gmbh', 'spa',
]);

export const PLACE_HEADS = new Set([
  'city', 'county', 'province', 'state', 'river', 'lake', 'mountain', 'mountains', 'island', 'islands', 'street',
  'avenue', 'square', 'hall', 'valley', 'bay', 'sea', 'ocean', 'airport', 'park', 'bridge', 'palace', 'region', 'district',
]);

/**
 * A player's position, written after his club ("Norwich striker Keith O'Neill", "the former Blackburn and
 * Southampton skipper"); a national side's captain or coach is its country's.
 */
export const PLAYER_POSITIONS = new Set([
  'striker', 'forward', 'midfielder', 'defender', 'goalkeeper', 'keeper', 'winger', 'skipper', 'playmaker', 'sweeper',
  'full-back', 'fullback', 'centre-back', 'pitcher', 'batsman', 'bowler', 'all-rounder', 'wicketkeeper', 'quarterback',
  'outfielder', 'shortstop', 'catcher', 'scrum-half', 'fly-half', 'flanker', 'prop', 'lock', 'hooker',
]);

/** Words that end a product name ("Mate 10 Pro"). */
export const PRODUCT_TAILS = new Set(['pro', 'max', 'plus', 'ultra', 'lite', 'mini', 'edge', 'note', 'se', 'air']);

/** Units after a number: "Polti 5 seconds", "Sergiyev Posad 70 km" measure something, they name no model. */
export const MEASURE_UNITS = new Set([
  'second', 'seconds', 'sec', 'secs', 'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hrs', 'day', 'days', 'week', 'weeks',
  'month', 'months', 'year', 'years', 'lap', 'laps', 'point', 'points', 'pts', 'km', 'kms', 'mile', 'miles', 'metre', 'metres',
  'meter', 'meters', 'yard', 'yards', 'feet', 'kg', 'kilos', 'pounds', 'tonnes', 'tons', 'percent', 'pct', 'runs', 'goals',
  'wickets', 'strokes', 'shots', 'votes', 'seats', 'people',
]);

/** Verbs after a name that make it a speaker, and so most likely a person. */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'admits', 'admitted', 'claimed', 'claims', 'added', 'explained', 'noted',
  'stated', 'announced', 'confirmed', 'denied', 'argued', 'insisted', 'wrote', 'tweeted', 'talks', 'spoke', 'speaks',
]);

/** Connectors allowed inside a multi-word name ("Great Hall of the People", "Dar es Salaam"). */
export const NAME_CONNECTORS = new Set(['of', 'the', 'de', 'del', 'da', 'van', 'von', 'es', 'al', 'bin', '&']);

/** Acronyms and capitalised words that are not names. */
export const NOT_NAMES = new Set([
  'i', 'ceo', 'cfo', 'cto', 'coo', 'oem', 'oems', 'ui', 'btw', 'os', 'tv', 'ok', 'lol', 'omg', 'usb', 'lte', 'gps', 'ai',
  'pc', 'gdp', 'faq', 'pdf', 'html', 'url', 'ps', 'etc', 'smh', 'imo', 'imho', 'aka', 'diy', 'vs', 'am', 'pm', 'a.m.',
  'p.m.', 'tbh', 'fyi', 'asap', 'rip', 'g\'day', 'oh', 'ah', 'wow', 'yes', 'no', 'hey', 'hi', 'hello', 'bravo', 'okay',
  'mr.', 'mrs.', 'ms.', 'dr.', 'st.', 'jr.', 'sr.', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'posts', 'member', 'since',
]);

/**
 * Common words that are capitalised only because they start a sentence. A sentence-initial word
 * in this list is not taken as (the start of) a name.
 */
export const SENTENCE_INITIAL_COMMON = new Set(`
a an the this that these those there here it its it's i i'm i'll i've i'd we you he she they them their our my your his her
what when where why how who whom whose which while if unless although though because since as so but and or nor yet
for from with without within into onto upon about above after before below between by during except in of off on out
over through to under until up down again further then once all any both each few more most other some such only own
same than too very just also still even ever never always often sometimes now currently recently today yesterday
tomorrow meanwhile however moreover furthermore therefore thus hence instead indeed perhaps maybe apparently reportedly
allegedly obviously clearly certainly surely actually basically anyway anyhow besides otherwise first second third
finally lastly next last later earlier soon once already no not yes yet well oh please thanks thank sorry look got
get let lets let's like love hope hopefully unfortunately fortunately luckily sadly interestingly importantly
notably according despite given following including regarding concerning considering once every many much several
another one two three four five six seven eight nine ten some none nothing something everything everyone everybody
someone somebody anyone anybody nobody each either neither whether ok okay right sure good great new big small
recent current former latest top still back right what's that's there's
here's it's they're we're you're they'll they'd he's she's don't doesn't didn't can't won't isn't aren't wasn't
is are was were be been being have has had do does did will would shall should can could may might must
analysts traders dealers officials sources witnesses residents experts economists investors police doctors diplomats
critics observers reporters authorities officers brokers fans players voters workers
`.trim().split(/\s+/));

/** First words of sports club names ("FC Cologne", "Real Sociedad", "Dynamo Moscow"). */
export const CLUB_PREFIXES = new Set([
  'fc', 'ac', 'as', 'sc', 'sv', 'vfb', 'vfl', 'cf', 'cd', 'ud', 'afc', 'psv', 'cska', 'dynamo', 'dinamo', 'real', 'atletico',
  'athletic', 'sporting', 'racing', 'olympique', 'spartak', 'lokomotiv', 'borussia', 'fortuna', 'eintracht', 'partizan',
]);

/** Last words of sports club names ("Manchester United", "Blackburn Rovers", "Celtic FC"). */
export const CLUB_SUFFIXES = new Set(['fc', 'united', 'rovers', 'wanderers', 'athletic', 'albion', 'hotspur', 'rangers', 'islanders', 'afc']);

/** Words between two teams in a fixture line ("Lazio v AS Roma", "ANAHEIM AT BUFFALO"). */
export const FIXTURE_WORDS = new Set(['v', 'v.', 'vs', 'vs.', 'AT']);

/**
 * Nouns that say what kind of organisation the name right after them is ("mineral water firm
 * Multico", "telecoms operator Unicom", "press distributor Hachette", "first division team
 * Deportivo Coruna"): the tagger, reading a lone capitalised word, often takes it for a person.
 * Not the nouns people are called too ("publisher Rupert Murdoch", "producer", "broker").
 */
export const ORGANISATION_NOUNS = new Set([
  'firm', 'company', 'group', 'operator', 'distributor', 'team', 'club', 'newspaper', 'daily', 'weekly', 'agency',
  'bank', 'carmaker', 'automaker', 'airline', 'carrier', 'insurer', 'retailer', 'brokerage',
  'conglomerate', 'manufacturer', 'supplier', 'chain', 'broadcaster', 'magazine', 'tabloid', 'party',
  'union', 'lender', 'utility', 'exchange', 'consortium', 'subsidiary', 'unit', 'maker',
]);

/** Titles no one has for a surname: alone they are the office ("the Chairman", "Minister"). */
export const ABSTRACT_TITLES = new Set(['ceo', 'cfo', 'cto', 'coo', 'chairman', 'chairwoman', 'chair', 'president', 'vice-president', 'founder', 'co-founder', 'executive', 'director', 'minister', 'secretary', 'senator', 'governor', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson', 'analyst', 'professor', 'prof', 'dr', 'mr', 'mrs', 'ms', 'premier', 'chancellor', 'ambassador', 'envoy', 'pope', 'emperor', 'empress', 'congressman', 'congresswoman', 'head', 'chief', 'manager', 'editor', 'reporter', 'lawyer', 'inspector', 'coach', 'general', 'commander', 'colonel', 'lieutenant-colonel', 'admiral', 'judge', 'princess', 'queen', 'prince', 'sir', 'rabbi', 'sheikh', 'ayatollah', 'imam', 'archbishop']);
