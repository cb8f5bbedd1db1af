// The registry of kinds is the one list: package.json, the sidecar schema and the outputs follow it.
import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import schema from '../../../schemas/sidecar-v3.schema.json';
import { describe as describeFinding, DETECTION_ORDER, kindDefinition, kindFromLabel, KINDS } from '../../../src/core/kinds';
import { FINDING_KINDS, KIND_WORDS, type Finding } from '../../../src/core/model';
import { Analyzer } from '../../../src/core/analyzer';
import { SIDECAR_SCHEMA_VERSION } from '../../../src/core/tags/annotation';

const properties = pkg.contributes.configuration.properties as Record<string, { enum?: string[]; items?: { enum?: string[] }; default?: unknown }>;

describe('the registry of finding kinds', () => {
  it('lists every kind of FINDING_KINDS once, in that order, each under its own name', () => {
    expect(KINDS.map((k) => k.kind)).toEqual([...FINDING_KINDS]);
    for (const k of FINDING_KINDS) expect(kindDefinition(k).kind).toBe(k);
    expect(Object.keys(KIND_WORDS)).toEqual([...FINDING_KINDS]);
  });

  it('runs each kind after the kinds it needs', () => {
    const seen = new Set<string>();
    for (const k of DETECTION_ORDER) {
      for (const n of k.needs) expect(seen.has(n), `${k.kind} needs ${n}`).toBe(true);
      seen.add(k.kind);
    }
    expect(seen.size).toBe(FINDING_KINDS.length);
  });

  it('has VS Code check hand-edited sidecars against the schema of the version Sourcemark writes', () => {
    const validation = (pkg.contributes as { jsonValidation: { fileMatch: string | string[]; url: string }[] }).jsonValidation;
    expect(validation.map((v) => v.url)).toEqual([`./schemas/sidecar-v${SIDECAR_SCHEMA_VERSION}.schema.json`]);
    expect(schema.properties.schemaVersion).toMatchObject({ const: SIDECAR_SCHEMA_VERSION });
  });

  it('agrees with package.json: the kinds setting, its default and a severity setting per kind', () => {
    expect(properties['sourcemark.kinds']?.items?.enum).toEqual([...FINDING_KINDS]);
    expect(properties['sourcemark.kinds']?.default).toEqual([...FINDING_KINDS]);
    for (const k of FINDING_KINDS) expect(properties[`sourcemark.severity.${k}`], `sourcemark.severity.${k}`).toBeDefined();
  });

  it("agrees with the sidecar schema's kind enum", () => {
    const annotation = (schema as { definitions?: Record<string, { properties?: { kind?: { enum?: string[] } } }> }).definitions?.annotation;
    expect(annotation?.properties?.kind?.enum).toEqual([...FINDING_KINDS]);
  });

  it('describes every finding of the samples with a label its kind answers to', () => {
    const analysis = new Analyzer().analyze('Xiaomi plans to enter the US market by end 2018, its chairman Lei Jun said on Friday.', { referenceDate: '2018-03-10' });
    const kinds = new Set<string>();
    for (const f of analysis.findings as Finding[]) {
      const d = describeFinding(f);
      expect(kindDefinition(f.kind).labels).toContain(d.label);
      expect(kindFromLabel(d.label)).toBe(f.kind);
      expect(d.message.length).toBeGreaterThan(0);
      kinds.add(f.kind);
    }
    expect([...kinds].sort()).toEqual([...FINDING_KINDS].sort());
  });
});
