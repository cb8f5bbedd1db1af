// The registry of finding kinds: one line per kind. The compiler holds it to FINDING_KINDS (model.ts),
// and test/core/kinds/registry.test.ts holds package.json and the sidecar schema to both.
import { FINDING_KINDS, type FindingKind } from '../model';
import type { TaggedFinding } from '../taggedFindings';
import { claimKind } from './claim';
import { dateKind } from './date';
import { entityKind } from './entity';
import { quotationKind } from './quotation';
import type { DescribeContext, FindingDescription, FindingKindDefinition } from './kind';

const REGISTRY: { readonly [K in FindingKind]: FindingKindDefinition<K> } = {
  claim: claimKind,
  entity: entityKind,
  date: dateKind,
  quotation: quotationKind,
};

/** Every kind, in FINDING_KINDS order. */
export const KINDS: readonly FindingKindDefinition[] = FINDING_KINDS.map((k) => REGISTRY[k]);

export function kindDefinition<K extends FindingKind>(kind: K): FindingKindDefinition<K> {
  return REGISTRY[kind];
}

/** The kinds in the order they must run: each after the kinds it needs (FINDING_KINDS order otherwise). */
export const DETECTION_ORDER: readonly FindingKindDefinition[] = (() => {
  const done = new Set<FindingKind>();
  const order: FindingKindDefinition[] = [];
  while (order.length < KINDS.length) {
    const next = KINDS.find((k) => !done.has(k.kind) && k.needs.every((n) => done.has(n)));
    if (!next) throw new Error(`Finding kinds need each other in a circle: ${KINDS.filter((k) => !done.has(k.kind)).map((k) => k.kind).join(', ')}.`);
    done.add(next.kind);
    order.push(next);
  }
  return order;
})();

/** A finding as people read it; see FindingDescription. */
export function describe(f: TaggedFinding, ctx?: DescribeContext): FindingDescription {
  return REGISTRY[f.kind].describe(f, ctx);
}

/** The kind a label from an export names (case-insensitive), or undefined for a label we do not know. */
export function kindFromLabel(label: string): FindingKind | undefined {
  const l = label.toLowerCase().replace(/^organization$/, 'organisation');
  return KINDS.find((k) => k.labels.includes(l))?.kind;
}

export type { FindingDescription, DescribeContext, FindingKindDefinition } from './kind';
