import type { Finding } from './model';
import type { Annotation, Sidecar } from './tags/annotation';
import { anchorQuote } from './tags/anchoring';
import { makeQuoteTarget, sha256Hex } from './tags/quoteSelector';
import { compareFindings } from './analyzer';

export interface TaggedFinding extends Finding {
  annotation?: Annotation;
}

export interface TaggedFindings {
  findings: TaggedFinding[];
  /** Tags whose quoted text is no longer in the source. They are kept, and shown to the user. */
  orphans: Annotation[];
}

/**
 * Puts each tag from the sidecar on the finding it belongs to. A tag whose text is still there but
 * is no longer detected (a higher threshold, a detector change) becomes a finding of its own, so a
 * tag never disappears from view.
 */
export function attachTags(text: string, findings: readonly Finding[], sidecar: Sidecar | undefined): TaggedFindings {
  const byKey = new Map(findings.map((f) => [f.id, { ...f } as TaggedFinding]));
  const orphans: Annotation[] = [];
  for (const annotation of sidecar?.annotations ?? []) {
    const anchor = anchorQuote(text, annotation.target);
    if (!anchor) {
      orphans.push(annotation);
      continue;
    }
    const id = `${annotation.kind}:${anchor.start}:${anchor.end}`;
    const finding = byKey.get(id);
    if (finding) {
      finding.annotation = annotation;
    } else {
      byKey.set(id, {
        id, kind: annotation.kind, start: anchor.start, end: anchor.end, text: annotation.target.exact, region: 'body',
        score: 0, cues: [], annotation,
      });
    }
  }
  return { findings: [...byKey.values()].sort(compareFindings), orphans };
}

/**
 * The sidecar with every anchored tag's offsets and quote brought up to date with `text`,
 * so that saving keeps the file in step with the source. Orphans keep their last known target.
 */
export function rebaseSidecar(sidecar: Sidecar, text: string, tagged: TaggedFindings): Sidecar {
  const anchored = new Map(tagged.findings.filter((f) => f.annotation).map((f) => [f.annotation!.id, f]));
  const annotations = sidecar.annotations.map((a) => {
    const f = anchored.get(a.id);
    if (!f) return a;
    const target = makeQuoteTarget(text, f.start, f.end);
    const same = (Object.keys(target) as (keyof typeof target)[]).every((k) => target[k] === a.target[k]);
    return same ? a : { ...a, target };
  });
  return { ...sidecar, sourceSha256: sha256Hex(text), annotations };
}
