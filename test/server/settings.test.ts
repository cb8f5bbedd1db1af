// package.json declares the settings; DEFAULT_SETTINGS is what the server uses without them. They must agree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'vscode-uri';
import pkg from '../../package.json';
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normaliseSettings, Settings, SEVERITIES } from '../../src/server/settings';

/** The client's own (vscode-languageclient reads `sourcemark.trace.server`): not a setting of the server. */
const CLIENT_ONLY = new Set(['sourcemark.trace.server']);
const properties = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties).filter(([key]) => !CLIENT_ONLY.has(key))) as Record<string, { default?: unknown; enum?: string[] }>;

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

describe('settings of many documents', () => {
  it('are asked for in one workspace/configuration request per turn, each document getting its own', async () => {
    const requests: { scopeUri?: string; section?: string }[][] = [];
    const connection = {
      workspace: {
        getConfiguration: async (items: { scopeUri?: string; section?: string }[]) => {
          requests.push(items);
          return items.map((item) => ({ claimThreshold: item.scopeUri!.endsWith('b.txt') ? 0.9 : 0.2 }));
        },
      },
    } as unknown as Connection;
    const settings = new Settings(connection);
    settings.clientAnswers = true;
    const uris = ['file:///w/a.txt', 'file:///w/b.txt', 'file:///w/c.txt'];
    const got = await Promise.all(uris.map((u) => settings.get(u)));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.map((i) => [i.scopeUri, i.section])).toEqual(uris.map((u) => [u, 'sourcemark']));
    expect(got.map((s) => s.claimThreshold)).toEqual([0.2, 0.9, 0.2]);
    // Asked again: kept; another document later: a request of its own.
    await settings.get('file:///w/a.txt');
    expect((await settings.get('file:///w/d.txt')).claimThreshold).toBe(0.2);
    expect(requests).toHaveLength(2);
  });

  it('fall back to the defaults when the client refuses or the connection is gone', async () => {
    const refusing = new Settings({ workspace: { getConfiguration: () => Promise.reject(new Error('no')) } } as unknown as Connection);
    refusing.clientAnswers = true;
    const gone = new Settings({ workspace: { getConfiguration: () => { throw new Error('disposed'); } } } as unknown as Connection);
    gone.clientAnswers = true;
    for (const s of [refusing, gone]) expect((await Promise.all([s.get('file:///w/a.txt'), s.get('file:///w/b.txt')])).map((x) => x.claimThreshold)).toEqual([DEFAULT_SETTINGS.claimThreshold, DEFAULT_SETTINGS.claimThreshold]);
  });
});

describe('the ignored names in settings', () => {
  it('are read once per folder, again after every document\'s settings are forgotten, never from above the workspace folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sourcemark-settings-'));
    try {
      const folder = path.join(root, 'ws');
      mkdirSync(path.join(folder, 'sub'), { recursive: true });
      writeFileSync(path.join(root, '.sourcemark-ignore'), 'entity: Above\n');
      writeFileSync(path.join(folder, '.sourcemark-ignore'), 'entity: Acme\n');
      const settings = new Settings({} as Connection, () => [folder]);
      const names = (file: string) => settings.get(URI.file(path.join(folder, file)).toString()).then((s) => s.ignoredNames);
      expect(await names('a.txt')).toEqual(['acme']);
      expect(await names('sub/b.txt')).toEqual(['acme']);
      // The workspace folder itself: its own file, not its parent's.
      expect((await settings.get(URI.file(folder).toString())).ignoredNames).toEqual(['acme']);
      // Changed on disk: a document of the same folder asked for now shares the folder's reading…
      writeFileSync(path.join(folder, '.sourcemark-ignore'), 'entity: Acme\nentity: Globex\n');
      expect(await names('c.txt')).toEqual(['acme']);
      // …until the change is told (ignoreFileChanged clears every document's settings).
      settings.clear();
      expect(await names('c.txt')).toEqual(['acme', 'globex']);
      expect(await names('sub/b.txt')).toEqual(['acme', 'globex']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
