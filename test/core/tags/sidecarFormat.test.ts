import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schemaV1 from '../../../schemas/sidecar-v1.schema.json';
import schemaV2 from '../../../schemas/sidecar-v2.schema.json';
import schemaV3 from '../../../schemas/sidecar-v3.schema.json';
import {
  MAX_HISTORY,
  checkAgainstSource,
  emptySidecar,

  parseSidecar,
  serializeSidecar,
  type ParsedSidecar,
} from '../../../src/core/tags/sidecarFormat';
import { ann, rawSidecar, SHA, sidecar } from './fixtures';
import { isDateTime } from '../../../src/core/tags/sidecarSchemaFormats';

function problemOf(result: ParsedSidecar) {
  if (result.ok) throw new Error('expected a problem, got a valid sidecar');
  return result.problem;
}

function parseObject(data: unknown) {
  return parseSidecar(JSON.stringify(data));
}

describe.each([
  ['v1', schemaV1],
  ['v2', schemaV2],
  ['v3', schemaV3],
] as const)('the JSON Schema file %s', (version, schema) => {
  it('is a valid draft-07 schema with $id and title', () => {
    const ajv = new Ajv();
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(new RegExp(`sidecar-${version}\\.schema\\.json$`));
    expect(schema.title).toBeTruthy();
  });

  it('has a title and a description on every property, for hover help', () => {
    const missing: string[] = [];
    const walk = (node: any, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      for (const [name, prop] of Object.entries<any>(node.properties ?? {})) {
        const resolved = prop.$ref ? (schema as any).definitions[prop.$ref.split('/').pop()] : prop;
        if (!resolved.title || !resolved.description) missing.push(`${path}/${name}`);
        walk(resolved, `${path}/${name}`);
      }
      if (node.items) walk(node.items.$ref ? (schema as any).definitions[node.items.$ref.split('/').pop()] : node.items, `${path}[]`);
      for (const [i, alt] of (node.oneOf ?? []).entries()) {
        if (!alt.title || !alt.description) missing.push(`${path}/oneOf/${i}`);
        walk(alt, `${path}/oneOf/${i}`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});

describe('serializeSidecar', () => {
  const a = ann('a_1', 10, 20);
  const b = ann('a_2', 10, 15, { kind: 'entity', comments: [{ id: 'c_1', author: 'ana', createdAt: '2025-01-01T00:00:00.000Z', body: 'checked' }] });
  const c = ann('a_0', 10, 15, { kind: 'date' });
  const d = ann('a_3', 2, 30, { status: 'contradicted' });

  it('gives the same bytes whatever the order of the annotations', () => {
    const reference = serializeSidecar(sidecar([a, b, c, d]));
    const orders = [[d, c, b, a], [b, d, a, c], [c, a, d, b]];
    for (const order of orders) expect(serializeSidecar(sidecar(order))).toBe(reference);
  });

  it('sorts annotations by id, so edits of the source never reorder them', () => {
    const parsed = JSON.parse(serializeSidecar(sidecar([a, b, c, d])));
    expect(parsed.annotations.map((x: any) => x.id)).toEqual(['a_0', 'a_1', 'a_2', 'a_3']);
    const moved = sidecar([{ ...d, target: { ...d.target, start: 900, end: 928 } }, a, b, c]);
    expect(JSON.parse(serializeSidecar(moved)).annotations.map((x: any) => x.id)).toEqual(['a_0', 'a_1', 'a_2', 'a_3']);
  });

  it('writes orphan mark, evidence and history in a fixed order, evidence sorted and deduplicated (the latest quote wins)', () => {
    const rich = ann('a_9', 0, 4, {
      status: 'verified',
      orphanedAt: '2026-01-02T00:00:00.000Z',
      history: [
        { to: 'speculative', at: '2026-01-01T00:00:00.000Z' },
        { to: 'verified', from: 'speculative', at: '2026-01-02T00:00:00.000Z' },
      ],
      evidence: [
        { kind: 'url', url: 'https://b.example/' },
        { quote: 'stale quote', annotationId: 'a_1', source: 'other.txt', kind: 'annotation' },
        { kind: 'url', url: 'https://a.example/' },
        { kind: 'url', url: 'https://b.example/' },
        { kind: 'annotation', source: 'other.txt', annotationId: 'a_1', quote: 'q' },
      ],
    });
    const parsed = JSON.parse(serializeSidecar(sidecar([rich])));
    const [x] = parsed.annotations;
    expect(Object.keys(x)).toEqual(['id', 'kind', 'status', 'target', 'orphanedAt', 'evidence', 'history', 'createdAt', 'updatedAt']);
    expect(x.evidence).toEqual([
      { kind: 'annotation', source: 'other.txt', annotationId: 'a_1', quote: 'q' },
      { kind: 'url', url: 'https://a.example/' },
      { kind: 'url', url: 'https://b.example/' },
    ]);
    expect(Object.keys(x.evidence[0])).toEqual(['kind', 'source', 'annotationId', 'quote']);
    expect(x.history.map((h: any) => Object.keys(h))).toEqual([['at', 'to'], ['at', 'from', 'to']]);
    const back = parseSidecar(serializeSidecar(sidecar([rich])));
    expect(back.ok && serializeSidecar(back.sidecar)).toBe(serializeSidecar(sidecar([rich])));
  });

  it('keeps only the last MAX_HISTORY status changes', () => {
    const history = Array.from({ length: MAX_HISTORY + 5 }, (_, i) => ({ at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`, to: 'verified' as const }));
    const parsed = JSON.parse(serializeSidecar(sidecar([ann('a_1', 0, 4, { history })])));
    expect(parsed.annotations[0].history).toHaveLength(MAX_HISTORY);
    expect(parsed.annotations[0].history[0].at).toBe(history[5]!.at);
  });

  it('writes 2-space JSON with a trailing newline and a fixed key order', () => {
    const text = serializeSidecar(sidecar([b]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).toBe(
      [
        '{',
        '  "schemaVersion": 3,',
        '  "source": "a.txt",',
        `  "sourceSha256": "${SHA}",`,
        '  "annotations": [',
        '    {',
        '      "id": "a_2",',
        '      "kind": "entity",',
        '      "status": "verified",',
        '      "target": {',
        '        "start": 10,',
        '        "end": 15,',
        '        "exact": "xxxxx",',
        '        "prefix": "",',
        '        "suffix": ""',
        '      },',
        '      "comments": [',
        '        {',
        '          "id": "c_1",',
        '          "author": "ana",',
        '          "createdAt": "2025-01-01T00:00:00.000Z",',
        '          "body": "checked"',
        '        }',
        '      ],',
        '      "createdAt": "2025-01-31T14:05:00.000Z",',
        '      "updatedAt": "2025-01-31T14:05:00.000Z"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('uses the fixed key order even when the input objects are built in another order', () => {
    const scrambled: any = {
      annotations: [
        {
          updatedAt: a.updatedAt,
          target: { suffix: '', prefix: '', exact: 'x', end: 1, start: 0 },
          createdAt: a.createdAt,
          status: 'verified',
          kind: 'claim',
          id: 'z',
        },
      ],
      sourceSha256: SHA,
      source: 'a.txt',
      schemaVersion: 1,
    };
    const parsed = JSON.parse(serializeSidecar(scrambled));
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'source', 'sourceSha256', 'annotations']);
    expect(Object.keys(parsed.annotations[0])).toEqual(['id', 'kind', 'status', 'target', 'createdAt', 'updatedAt']);
    expect(Object.keys(parsed.annotations[0].target)).toEqual(['start', 'end', 'exact', 'prefix', 'suffix']);
  });

  it('omits an undefined or empty thread', () => {
    expect(serializeSidecar(sidecar([{ ...a, comments: undefined }]))).not.toContain('"comments"');
    expect(serializeSidecar(sidecar([{ ...a, comments: [] }]))).not.toContain('"comments"');
  });

  it('writes unknown keys after the known ones, sorted, and never lets them shadow known keys', () => {
    const s = sidecar([{ ...a, extra: { zeta: 1, alpha: { nested: true }, id: 'evil' } }], {
      extra: { z: 'last', $schema: './x.json', source: 'evil' },
    });
    const parsed = JSON.parse(serializeSidecar(s));
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'source', 'sourceSha256', 'annotations', '$schema', 'z']);
    expect(parsed.source).toBe('a.txt');
    expect(Object.keys(parsed.annotations[0])).toEqual([
      'id', 'kind', 'status', 'target', 'createdAt', 'updatedAt', 'alpha', 'zeta',
    ]);
    expect(parsed.annotations[0].id).toBe('a_1');
  });

  it('round-trips through parseSidecar, unknown keys included', () => {
    const data = rawSidecar();
    data.$schema = './schemas/sidecar-v1.schema.json';
    data.annotations[0].reviewer = { name: 'Kim' };
    data.annotations[0].note = 'see p. 4';
    const first = parseSidecar(JSON.stringify(data));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.sidecar.extra).toEqual({ $schema: './schemas/sidecar-v1.schema.json' });
    expect(first.sidecar.annotations[0]!.extra).toEqual({ reviewer: { name: 'Kim' } });
    const text = serializeSidecar(first.sidecar);
    const second = parseSidecar(text);
    expect(second).toEqual(first);
    if (second.ok) expect(serializeSidecar(second.sidecar)).toBe(text);
  });

  it('keeps a "__proto__" key as data, not as a prototype', () => {
    const text = '{"schemaVersion":1,"source":"a.txt","sourceSha256":"' + SHA + '","annotations":[],"__proto__":{"x":1}}';
    const parsed = parseSidecar(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.getPrototypeOf(parsed.sidecar.extra)).toBe(Object.prototype);
    expect(serializeSidecar(parsed.sidecar)).toContain('"__proto__": {');
  });
});

describe('emptySidecar', () => {
  it('is a valid version-3 sidecar with no annotations', () => {
    const s = emptySidecar('a.txt', SHA);
    expect(s).toEqual({ schemaVersion: 3, source: 'a.txt', sourceSha256: SHA, annotations: [] });
    expect(parseSidecar(serializeSidecar(s))).toEqual({ ok: true, sidecar: s, fromVersion: 3 });
  });
});

describe('parseSidecar', () => {
  it('accepts a valid file', () => {
    const result = parseObject(rawSidecar());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.sidecar.annotations[0]!.target.exact).toBe('Acme');
  });

  it('tolerates a UTF-8 BOM', () => {
    expect(parseSidecar('\uFEFF' + JSON.stringify(rawSidecar())).ok).toBe(true);
  });

  it('reports invalid JSON with the parser message and what to do', () => {
    const p = problemOf(parseSidecar('{"schemaVersion": 1,}'));
    expect(p.code).toBe('invalid-json');
    expect(p.message).toMatch(/^The sidecar is not valid JSON \(.+\)\./);
    expect(p.message).toContain('Sourcemark will not overwrite it until it parses');
    expect(problemOf(parseSidecar('')).code).toBe('invalid-json');
    expect(problemOf(parseSidecar('\uFEFF')).code).toBe('invalid-json');
  });

  it('reports a newer schema version as future-version, before checking the schema', () => {
    const data = { ...rawSidecar(), schemaVersion: 4, annotations: 'something new' };
    const p = problemOf(parseObject(data));
    expect(p.code).toBe('future-version');
    expect(p.message).toContain('newer Sourcemark (schema version 4)');
    expect(p.message).toContain('update Sourcemark to edit its tags');
  });

  it('reports a duplicate id', () => {
    const data = rawSidecar();
    data.annotations.push({ ...data.annotations[0], target: { ...data.annotations[0].target, start: 5, end: 9 } });
    const p = problemOf(parseObject(data));
    expect(p.code).toBe('duplicate-id');
    expect(p.message).toContain('"a_000000000001"');
    expect(p.message).toContain('/annotations/0 and /annotations/1');
  });

  const schemaCases: [string, (d: any) => void, RegExp][] = [
    ['a bad kind', (d) => (d.annotations[0].kind = 'opinion'), /at \/annotations\/0\/kind: .*\(claim, entity, date, quotation\)/],
    ['a bad status', (d) => (d.annotations[0].status = 'true'), /at \/annotations\/0\/status: .*verified, speculative, contradicted/],
    ['a negative offset', (d) => (d.annotations[0].target.start = -1), /at \/annotations\/0\/target\/start: must be >= 0/],
    ['a fractional offset', (d) => (d.annotations[0].target.end = 4.5), /at \/annotations\/0\/target\/end: must be integer/],
    ['end before start', (d) => (d.annotations[0].target.start = 9), /at \/annotations\/0\/target: end \(4\) is before start \(9\)/],
    ['a missing field', (d) => delete d.annotations[0].createdAt, /must have required property 'createdAt'/],
    ['a bad date-time', (d) => (d.annotations[0].updatedAt = 'yesterday'), /at \/annotations\/0\/updatedAt: must match format "date-time"/],
    ['an impossible date', (d) => (d.annotations[0].createdAt = '2025-02-30T00:00:00Z'), /createdAt: must match format/],
    ['a source with a folder', (d) => (d.source = 'docs/a.txt'), /at \/source: must match pattern/],
    ['a bad hash', (d) => (d.sourceSha256 = 'xyz'), /at \/sourceSha256/],
    ['schema version 0', (d) => (d.schemaVersion = 0), /at \/schemaVersion: must be equal to constant \(3\)/],
    ['a history entry without a status', (d) => (d.annotations[0].history = [{ at: '2025-01-31T14:05:00Z' }]), /history\/0: must have required property 'to'/],
    ['an evidence entry of an unknown kind', (d) => (d.annotations[0].evidence = [{ kind: 'book', title: 'x' }]), /evidence\/0/],
    ['annotations that are not a list', (d) => (d.annotations = {}), /at \/annotations: must be array/],
    ['an unknown target key', (d) => (d.annotations[0].target.quote = 'x'), /additional properties \("quote"\)/],
  ];

  for (const [name, breakIt, message] of schemaCases) {
    it(`rejects ${name} as a schema problem`, () => {
      const data = rawSidecar();
      breakIt(data);
      const p = problemOf(parseObject(data));
      expect(p.code).toBe('schema');
      expect(p.message).toMatch(message);
      expect(p.message).toContain('will not overwrite it');
    });
  }

  it('reports a non-object top level as a schema problem', () => {
    expect(problemOf(parseSidecar('[]')).message).toMatch(/at the top level: must be object/);
    expect(problemOf(parseSidecar('null')).code).toBe('schema');
  });
});

describe('isDateTime', () => {
  it('accepts RFC 3339 date-times', () => {
    for (const s of ['2025-01-31T14:05:00.000Z', '2024-02-29T00:00:00Z', '2025-01-31T14:05:00+02:00', '2016-12-31T23:59:60Z']) {
      expect(isDateTime(s), s).toBe(true);
    }
    expect(isDateTime(new Date(0).toISOString())).toBe(true);
  });

  it('rejects other strings', () => {
    for (const s of ['2025-01-31', '2025-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2025-01-31T24:00:00Z', '2025-01-31T14:05:00', 'now']) {
      expect(isDateTime(s), s).toBe(false);
    }
  });
});

describe('version 1 files', () => {
  const v1 = () => ({ ...rawSidecar(), schemaVersion: 1 });

  it('are read into the current shape, saying where they came from', () => {
    const parsed = parseObject(v1());
    expect(parsed.ok && parsed.fromVersion).toBe(1);
    expect(parsed.ok && parsed.sidecar.schemaVersion).toBe(3);
    expect(parsed.ok && serializeSidecar(parsed.sidecar)).toContain('"schemaVersion": 3');
  });

  it('are checked against the version 1 schema (which knew no history)', () => {
    const data: any = v1();
    data.annotations[0].target.extra = 1;
    expect(problemOf(parseObject(data)).message).toMatch(/additional properties \("extra"\)/);
  });
});

describe('offsets', () => {
  it('a target whose offsets do not span its quote is reported, by tag', () => {
    const data = rawSidecar();
    data.annotations[0].target.end = 7;
    const p = problemOf(parseObject(data));
    expect(p.code).toBe('offsets');
    expect(p.message).toContain('"a_000000000001"');
    expect(p.message).toContain('will not overwrite it');
  });

  it('checkAgainstSource reports offsets beyond the text or off their quote, for the text the fingerprint names', () => {
    const text = 'Acme said so.';
    const sha = 'b'.repeat(64);
    const base = { schemaVersion: 3 as const, source: 'a.txt', sourceSha256: sha, annotations: [ann('a_1', 0, 4, { target: { start: 0, end: 4, exact: 'Acme', prefix: '', suffix: ' said' } })] };
    expect(checkAgainstSource(base, text, sha)).toBeUndefined();
    const beyond = { ...base, annotations: [ann('a_1', 20, 24, { target: { start: 20, end: 24, exact: 'Acme', prefix: '', suffix: '' } })] };
    expect(checkAgainstSource(beyond, text, sha)?.message).toMatch(/a_1.*beyond the end of the source \(13 characters\).*64 zeros/);
    const off = { ...base, annotations: [ann('a_1', 5, 9, { target: { start: 5, end: 9, exact: 'Acme', prefix: '', suffix: '' } })] };
    expect(checkAgainstSource(off, text, sha)?.code).toBe('offsets');
    // Another fingerprint: the source changed since, and offsets are only hints.
    expect(checkAgainstSource(beyond, text, 'c'.repeat(64))).toBeUndefined();
    // An orphan keeps the target it had.
    expect(checkAgainstSource({ ...beyond, annotations: [{ ...beyond.annotations[0]!, orphanedAt: '2026-01-01T00:00:00Z' }] }, text, sha)).toBeUndefined();
  });
});
