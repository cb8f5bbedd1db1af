// The strings the extension and the server say go through one bundle per language (l10n/). These
// tests hold it complete: a new l10n.t string fails here until it is exported and translated.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nJson } from '@vscode/l10n-dev';
import { afterEach, describe, expect, it } from 'vitest';
import { countsDescription, countsText } from '../../src/client/countsText';
import { timelineHtml } from '../../src/client/timelineHtml';

const root = new URL('../../', import.meta.url).pathname;
const TRANSLATED_FOLDERS = ['src/client', 'src/server', 'src/shared', 'src/core/kinds'];
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string | { message: string }>;
const english = readJson('l10n/bundle.l10n.json');
const german = readJson('l10n/bundle.l10n.de.json') as Record<string, string>;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(root, folder, f)).sort();
}
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
const message = (v: string | { message: string }) => (typeof v === 'string' ? v : v.message);

afterEach(() => l10n.config({ contents: {} }));

describe('l10n bundles', () => {
  it('l10n/bundle.l10n.json holds exactly the strings of src/client, src/server, src/shared and src/core/kinds (else: npm run l10n:export)', async () => {
    const files = TRANSLATED_FOLDERS.flatMap(sourceFiles).map((f) => ({ extension: '.ts', contents: readFileSync(f, 'utf8') }));
    const exported = await getL10nJson(files);
    expect(Object.keys(english).sort()).toEqual(Object.keys(exported).sort());
  }, 180_000); // parses every translated source file

  it('has every string in German, with the same placeholders, and nothing else', () => {
    expect(Object.keys(english).filter((k) => !(k in german))).toEqual([]);
    expect(Object.keys(german).filter((k) => !(k in english))).toEqual([]);
    for (const [key, value] of Object.entries(english)) {
      expect(german[key], key).toBeTruthy();
      expect(placeholders(german[key]), key).toEqual(placeholders(message(value)));
    }
  });

  it('says counts in German with the German bundle, and in English without one', () => {
    const counts = { byKind: { claim: 12, entity: 30, date: 1, quotation: 3 }, untagged: 5, verified: 4, speculative: 2, contradicted: 1, orphans: 1 };
    expect(countsText(counts)).toBe('12 claims · 4 ✓ · 2 ? · 1 ✗ · 5 untagged · 1 orphaned tag');
    l10n.config({ contents: german });
    expect(countsText(counts)).toBe('12 Behauptungen · 4 ✓ · 2 ? · 1 ✗ · 5 nicht markiert · 1 verwaiste Markierung');
    expect(countsDescription(counts)).toBe([
      '12 Behauptungen: 4 verifiziert, 2 spekulativ, 1 widerlegt, 5 nicht markiert',
      '30 Namen, 1 Datum und 3 Zitate erwähnt',
      '1 Markierung, deren Text nicht mehr in der Quelle steht (in der Begleitdatei aufbewahrt)',
    ].join('\n'));
  });

  it('gives the timeline page its language and escapes translations like any other text', () => {
    const data = { indexing: false, indexed: 0, labels: {}, timeline: { entries: [], disagreements: [], disagreementCount: 0, omitted: { comments: 0, unresolved: 0, durations: 0 } } };
    const page = { cspSource: 'x', nonce: 'n' };
    l10n.config({ contents: { ...german, Timeline: 'Zeit<leiste>' } });
    const html = timelineHtml(data as unknown as Parameters<typeof timelineHtml>[0], page);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h1>Zeit&lt;leiste&gt;</h1>');
    expect(html).toContain('Datumsangaben in Leserkommentaren');
  });
});
