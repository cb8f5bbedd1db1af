// package.json declares the settings; DEFAULT_SETTINGS is what the server uses without them. They must agree.
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { DEFAULT_SETTINGS, normaliseSettings, SEVERITIES } from '../../src/server/settings';

const properties = pkg.contributes.configuration.properties as Record<string, { default?: unknown; enum?: string[] }>;

/** DEFAULT_SETTINGS as `sourcemark.*` keys, the way package.json names them (undefined is the JSON null). */
function flatDefaults(value: Record<string, unknown>, prefix = 'sourcemark'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatDefaults(v as Record<string, unknown>, `${prefix}.${key}`));
    else out[`${prefix}.${key}`] = v === undefined ? null : v;
  }
  return out;
}

describe('settings', () => {
  it('package.json declares every setting the server has, with the same default', () => {
    const defaults = flatDefaults(DEFAULT_SETTINGS as unknown as Record<string, unknown>);
    expect(Object.keys(properties).sort()).toEqual(Object.keys(defaults).sort());
    for (const [key, value] of Object.entries(defaults)) expect(properties[key]?.default, key).toEqual(value);
  });

  it('offers the severities the server understands', () => {
    for (const [key, p] of Object.entries(properties)) if (key.startsWith('sourcemark.severity.')) expect(p.enum, key).toEqual([...SEVERITIES]);
  });

  it('falls back to the defaults for what the client sends that it must not', () => {
    expect(normaliseSettings({ severity: { claim: 'loud', date: 'error' }, kinds: ['claim', 'rumour'], claimThreshold: 2, referenceDate: '10/03/2018', maxFileSizeMB: -1 })).toEqual({
      ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity, date: 'error' }, kinds: ['claim'],
    });
    expect(normaliseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});
