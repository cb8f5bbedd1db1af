import { dirname, sep } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { ignoredNamesFor } from '../core/dismissals/ignoreFile';
import { FINDING_KINDS, type FindingKind } from '../core/model';
import { DEFAULT_REGIONS, normaliseRegions, type RegionChoice } from '../core/regions';
import type { SourceOptions } from '../core/sourceAnalysis';
import { DEFAULT_MAX_FILE_MB } from '../core/text/sourceText';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** `sourcemark.severity.<kind>` for each kind, `.taggedClaim` for claims that carry a tag, `.conflict` for conflicts with other sources. */
export type SeveritySettings = Record<FindingKind | 'taggedClaim' | 'conflict', SeverityName>;

/** Settings as contributed in package.json (`sourcemark.*`), after defaults are applied. */
export interface SourcemarkSettings {
  /** Glob of the files that are sources, relative to the workspace folder. */
  sources: string;
  severity: SeveritySettings;
  kinds: FindingKind[];
  claimThreshold: number;
  /** YYYY-MM-DD used for relative dates when a source states no publication date. */
  referenceDate: string | undefined;
  maxFileSizeMB: number;
  /** Lenses above claims other sources also state ("3 sources · 2 verified"). */
  codeLens: { enabled: boolean };
  /** Which regions are analysed and shown; the article by default. */
  regions: RegionChoice[];
  /** Kinds that are diagnostics besides claims, conflicts and orphans (otherwise only coloured). */
  diagnostics: { entities: boolean; dates: boolean; quotations: boolean };
  /**
   * Not a setting: the names the workspace's `.sourcemark-ignore` dismisses (lower-cased), read with
   * the settings so every analysis of the document, open or indexed, uses the same list.
   */
  ignoredNames?: string[];
}

export const DEFAULT_SETTINGS: SourcemarkSettings = {
  sources: '**/*.txt',
  // Claims are what gets checked; every other kind is a hint until the user says otherwise.
  severity: {
    ...(Object.fromEntries(FINDING_KINDS.map((k) => [k, 'hint'])) as Record<FindingKind, SeverityName>),
    claim: 'information', taggedClaim: 'hint', conflict: 'warning',
  },
  kinds: [...FINDING_KINDS],
  claimThreshold: 0.5,
  referenceDate: undefined,
  maxFileSizeMB: DEFAULT_MAX_FILE_MB,
  codeLens: { enabled: true },
  regions: [...DEFAULT_REGIONS],
  diagnostics: { entities: false, dates: false, quotations: false },
};

export const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Turns whatever the client sent into valid settings; unknown or malformed values fall back to defaults. */
export function normaliseSettings(raw: unknown): SourcemarkSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sev = (r.severity && typeof r.severity === 'object' ? r.severity : {}) as Record<string, unknown>;
  const severity = (key: keyof SourcemarkSettings['severity']): SeverityName =>
    SEVERITIES.includes(sev[key] as SeverityName) ? (sev[key] as SeverityName) : DEFAULT_SETTINGS.severity[key];
  const kinds = Array.isArray(r.kinds) ? r.kinds.filter((k): k is FindingKind => FINDING_KINDS.includes(k as FindingKind)) : DEFAULT_SETTINGS.kinds;
  const threshold = typeof r.claimThreshold === 'number' && r.claimThreshold >= 0 && r.claimThreshold <= 1 ? r.claimThreshold : DEFAULT_SETTINGS.claimThreshold;
  const referenceDate = typeof r.referenceDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.referenceDate) ? r.referenceDate : undefined;
  const diag = (r.diagnostics && typeof r.diagnostics === 'object' ? r.diagnostics : {}) as Record<string, unknown>;
  const maxFileSizeMB = typeof r.maxFileSizeMB === 'number' && r.maxFileSizeMB > 0 ? r.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return {
    sources: typeof r.sources === 'string' && r.sources.trim() ? r.sources : DEFAULT_SETTINGS.sources,
    severity: Object.fromEntries(Object.keys(DEFAULT_SETTINGS.severity).map((k) => [k, severity(k as keyof SeveritySettings)])) as SeveritySettings,
    kinds,
    claimThreshold: threshold,
    referenceDate,
    maxFileSizeMB,
    codeLens: { enabled: (r.codeLens as { enabled?: unknown } | undefined)?.enabled !== false },
    regions: normaliseRegions(r.regions),
    diagnostics: { entities: diag.entities === true, dates: diag.dates === true, quotations: diag.quotations === true },
  };
}

/** The settings that change what the analysis of a source finds. */
export function analysisOptionsOf(s: SourcemarkSettings): SourceOptions {
  return {
    ...(s.referenceDate ? { referenceDate: s.referenceDate } : {}), claimThreshold: s.claimThreshold, kinds: s.kinds, maxFileSizeMB: s.maxFileSizeMB, regions: s.regions,
    ...(s.ignoredNames ? { ignoredNames: s.ignoredNames } : {}),
  };
}

/**
 * The names the nearest `.sourcemark-ignore` dismisses for a file URI, looked for up to the workspace
 * folder that holds it (never above); none for other schemes. `byFolder` keeps each folder's answer
 * (the sources of a folder share it: a listing of 2,000 looked for the file 2,000 times).
 */
async function workspaceIgnoredNames(uri: string, folders: readonly string[], byFolder: Map<string, Promise<string[]>>): Promise<string[]> {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return [];
  // Settings are asked for a document or for a workspace folder (the index's jobs): a folder's own
  // file counts. Told apart by the folder list, not a stat: a listing of 2,000 sources stat'ed each.
  const dir = folders.includes(parsed.fsPath) ? parsed.fsPath : dirname(parsed.fsPath);
  const folder = folders.filter((f) => dir === f || dir.startsWith(f + sep)).sort((a, b) => b.length - a.length)[0];
  const key = `${dir}\u0000${folder ?? dir}`;
  let names = byFolder.get(key);
  if (!names) byFolder.set(key, (names = ignoredNamesFor(dir, folder ?? dir).catch(() => [])));
  return names;
}

interface ConfigurationAsk {
  uri: string;
  resolve: (value: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * The settings of each document, fetched from the client (workspace/configuration, section
 * `sourcemark`, scoped to the document) the first time they are needed and kept until the client
 * says they changed or the document closes.
 */
export class Settings {
  private readonly cache = new Map<string, Promise<SourcemarkSettings>>();
  /** The ignored names by folder (and the workspace folder the search stops at); forgotten with every document's settings. */
  private readonly ignoredByFolder = new Map<string, Promise<string[]>>();
  /** Whether the client answers workspace/configuration; known from initialize. */
  clientAnswers = false;

  /** `folders`: the workspace folders' paths, as they are now. */
  constructor(private readonly connection: Connection, private readonly folders: () => readonly string[] = () => []) {}

  get(uri: string): Promise<SourcemarkSettings> {
    let s = this.cache.get(uri);
    if (!s) {
      const fetched = this.clientAnswers ? this.fetch(uri).then(normaliseSettings, () => DEFAULT_SETTINGS) : Promise.resolve(DEFAULT_SETTINGS);
      s = Promise.all([fetched, workspaceIgnoredNames(uri, this.folders(), this.ignoredByFolder)]).then(([settings, ignoredNames]) => ({ ...settings, ignoredNames }));
      this.cache.set(uri, s);
    }
    return s;
  }

  /** Documents whose settings are asked for in the same turn: one workspace/configuration request for all. */
  private batch?: ConfigurationAsk[];

  /**
   * One document's `sourcemark` section from the client. Asked for together with the others of the
   * same turn: the view's first listing of 2,000 closed sources otherwise waited on 2,000 round trips.
   */
  private fetch(uri: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        const batch: ConfigurationAsk[] = [];
        this.batch = batch;
        queueMicrotask(() => {
          this.batch = undefined;
          let asked: Promise<unknown[]>;
          try {
            asked = this.connection.workspace.getConfiguration(batch.map((b) => ({ scopeUri: b.uri, section: 'sourcemark' })));
          } catch (e) {
            asked = Promise.reject(e); // the connection is gone: defaults, as for a refused request
          }
          asked.then(
            (values: unknown[]) => batch.forEach((b, i) => b.resolve(Array.isArray(values) ? values[i] : undefined)),
            (e: unknown) => batch.forEach((b) => b.reject(e)),
          );
        });
      }
      this.batch.push({ uri, resolve, reject });
    });
  }

  /** Forgets one document's settings (it closed), or every document's (the client says they changed). */
  clear(uri?: string): void {
    if (uri === undefined) {
      this.cache.clear();
      this.ignoredByFolder.clear();
    } else this.cache.delete(uri);
  }
}
