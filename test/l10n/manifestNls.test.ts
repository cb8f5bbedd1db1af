import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const manifest = read('package.json');
const english = read('package.nls.json') as Record<string, string>;
const german = read('package.nls.de.json') as Record<string, string>;

/** Every string value of the manifest with where it sits (`contributes.commands.0.title`). */
function strings(value: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}.${i}`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}
const all = strings(manifest, '');
const used = new Set(all.flatMap(([, v]) => /^%([\w.-]+)%$/.exec(v)?.[1] ?? []));

// The fields VS Code shows to the user; each must be a %key% so that it is translated.
const USER_FACING = /\.(title|description|markdownDescription|enumDescriptions\.\d+|markdownEnumDescriptions\.\d+|name|label|contextualTitle|contents|category|displayName)$/;

describe('package.json localisation', () => {
  it('puts every user-facing string of the manifest through package.nls.json', () => {
    const untranslated = all.filter(([path, v]) => (USER_FACING.test(path) || path === 'displayName' || path === 'description') && !/^%[\w.-]+%$/.test(v))
      .filter(([path]) => !path.startsWith('repository.'));
    expect(untranslated).toEqual([]);
  });

  it('has every %key% in English and German, and no key that the manifest does not use', () => {
    for (const bundle of [english, german]) {
      expect([...used].filter((k) => !(k in bundle))).toEqual([]);
      expect(Object.keys(bundle).filter((k) => !used.has(k))).toEqual([]);
    }
  });

  it('keeps what the German strings must not translate: links, commands, code spans and placeholders', () => {
    const kept = (s: string) => [...s.matchAll(/\]\((command:[^)]*)\)|(sourcemark\.[\w.]+)|\{\d+\}/g)].map((m) => m[0].replace(/^\]\(/, '')).sort();
    for (const [key, en] of Object.entries(english)) {
      expect(german[key], key).toBeTruthy();
      expect(kept(german[key]), key).toEqual(kept(en));
    }
  });
});
