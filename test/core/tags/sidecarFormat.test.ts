import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../schemas/sidecar-v1.schema.json';
import {
  emptySidecar,
  isDateTime,
  parseSidecar,
  serializeSidecar,
  type ParsedSidecar,
} from '../../../src/core/tags/sidecarFormat';
import { ann, rawSidecar, SHA, sidecar } from './fixtures';

function problemOf(result: ParsedSidecar) {
  if (result.ok) throw new Error('expected a problem, got a valid sidecar');
  return result.problem;
}

function parseObject(data: unknown) {
  return parseSidecar(JSON.stringify(data));
}

describe('the JSON Schema file', () => {
  it('is a valid draft-07 schema with $id and title', () => {
    const ajv = new Ajv();
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toMatch(/sidecar-v1\.schema\.json$/);
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
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});

describe('serializeSidecar', () => {
  const a = ann('a_1', 10, 20);
  const b = ann('a_2', 10, 15, { kind: 'entity', note: 'checked' });
  const c = ann('a_0', 10, 15, { kind: 'date' });
  const d = ann('a_3', 2, 30, { status: 'contradicted' });

  it('gives the same bytes whatever the order of the annotations', () => {
    const reference = serializeSidecar(sidecar([a, b, c, d]));
    const orders = [[d, c, b, a], [b, d, a, c], [c, a, d, b]];
    for (const order of orders) expect(serializeSidecar(sidecar(order))).toBe(reference);
  });

  it('sorts annotations by start, then end, then id', () => {
    const parsed = JSON.parse(serializeSidecar(sidecar([a, b, c, d])));
    expect(parsed.annotations.map((x: any) => x.id)).toEqual(['a_3', 'a_0', 'a_2', 'a_1']);
  });

  it('writes 2-space JSON with a trailing newline and a fixed key order', () => {
    const text = serializeSidecar(sidecar([b]));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).toBe(
      [
        '{',
        '  "schemaVersion": 1,',
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
        '      "note": "checked",',
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

  it('omits an undefined note', () => {
    expect(serializeSidecar(sidecar([{ ...a, note: undefined }]))).not.toContain('"note"');
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
  it('is a valid version-1 sidecar with no annotations', () => {
    const s = emptySidecar('a.txt', SHA);
    expect(s).toEqual({ schemaVersion: 1, source: 'a.txt', sourceSha256: SHA, annotations: [] });
    expect(parseSidecar(serializeSidecar(s))).toEqual({ ok: true, sidecar: s });
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
    const data = { ...rawSidecar(), schemaVersion: 2, annotations: 'something new' };
    const p = problemOf(parseObject(data));
    expect(p.code).toBe('future-version');
    expect(p.message).toContain('newer Sourcemark (schema version 2)');
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
    ['a bad kind', (d) => (d.annotations[0].kind = 'opinion'), /at \/annotations\/0\/kind: .*\(claim, entity, date\)/],
    ['a bad status', (d) => (d.annotations[0].status = 'true'), /at \/annotations\/0\/status: .*verified, speculative, contradicted/],
    ['a negative offset', (d) => (d.annotations[0].target.start = -1), /at \/annotations\/0\/target\/start: must be >= 0/],
    ['a fractional offset', (d) => (d.annotations[0].target.end = 4.5), /at \/annotations\/0\/target\/end: must be integer/],
    ['end before start', (d) => (d.annotations[0].target.start = 9), /at \/annotations\/0\/target: end \(4\) is before start \(9\)/],
    ['a missing field', (d) => delete d.annotations[0].createdAt, /must have required property 'createdAt'/],
    ['a bad date-time', (d) => (d.annotations[0].updatedAt = 'yesterday'), /at \/annotations\/0\/updatedAt: must match format "date-time"/],
    ['an impossible date', (d) => (d.annotations[0].createdAt = '2025-02-30T00:00:00Z'), /createdAt: must match format/],
    ['a source with a folder', (d) => (d.source = 'docs/a.txt'), /at \/source: must match pattern/],
    ['a bad hash', (d) => (d.sourceSha256 = 'xyz'), /at \/sourceSha256/],
    ['schema version 0', (d) => (d.schemaVersion = 0), /at \/schemaVersion: must be equal to constant \(1\)/],
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
