// The tagger's weights as one binary file, shipped once beside the bundles (dist/entityTagger.bin,
// copied there by scripts/build.mjs) instead of inlined into each of them. Layout, little-endian:
//   "SMEW", uint32 header length, the header as UTF-8 JSON ({ comment, count, step, growth }),
//   zero padding to a multiple of 4, then count uint32 keys (sorted), count scale bytes, and
//   count × TAG_COUNT int8 weights.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TAG_COUNT } from './model';

/** The packed weights: per feature hash a scale byte and TAG_COUNT signed bytes in that scale's unit. */
export interface PackedModel {
  /** Feature hashes, sorted. */
  keys: Uint32Array;
  /** One byte per key: its weights' unit is step·e^(byte·growth). */
  scales: Uint8Array;
  /** TAG_COUNT weights per key, in the key's unit. */
  values: Int8Array;
  step: number;
  growth: number;
  /** How the file was made (script, seed, epoch, testa F1). */
  comment: string;
}

export const WEIGHTS_FILE = 'entityTagger.bin';
const MAGIC = 0x57454d53; // "SMEW" read as a little-endian uint32

export function encodeWeights(model: PackedModel): Buffer {
  const n = model.keys.length;
  if (model.scales.length !== n || model.values.length !== n * TAG_COUNT) throw new Error('entity tagger weights: keys, scales and values differ in length');
  const header = Buffer.from(JSON.stringify({ comment: model.comment, count: n, step: model.step, growth: model.growth }), 'utf8');
  const bodyAt = (8 + header.length + 3) & ~3;
  const out = Buffer.alloc(bodyAt + n * (4 + 1 + TAG_COUNT));
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  for (let i = 0; i < n; i++) out.writeUInt32LE(model.keys[i], bodyAt + i * 4);
  out.set(model.scales, bodyAt + n * 4);
  out.set(new Uint8Array(model.values.buffer, model.values.byteOffset, model.values.byteLength), bodyAt + n * 5);
  return out;
}

export function decodeWeights(file: Uint8Array): PackedModel {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('entity tagger weights: not a weights file');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(Buffer.from(file.buffer, file.byteOffset + 8, headerLength).toString('utf8')) as { comment: string; count: number; step: number; growth: number };
  const n = header.count;
  const bodyAt = (8 + headerLength + 3) & ~3;
  if (file.byteLength !== bodyAt + n * (4 + 1 + TAG_COUNT)) throw new Error('entity tagger weights: the file is cut short or too long');
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = view.getUint32(bodyAt + i * 4, true);
  return {
    keys,
    scales: file.subarray(bodyAt + n * 4, bodyAt + n * 5),
    values: new Int8Array(file.buffer, file.byteOffset + bodyAt + n * 5, n * TAG_COUNT),
    step: header.step,
    growth: header.growth,
    comment: header.comment,
  };
}

/**
 * The shipped file: beside the bundle that runs (dist/), or beside this module when run from
 * source (tests, scripts).
 */
export function shippedWeightsPath(): string {
  return path.join(__dirname, WEIGHTS_FILE);
}

export function readShippedWeights(): PackedModel {
  return decodeWeights(readFileSync(shippedWeightsPath()));
}
