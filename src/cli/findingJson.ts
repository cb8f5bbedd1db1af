import { noteOf } from '../core/tags/noteThread';
import { cueSpan } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { LineIndex } from '../core/text/lineIndex';
import type { SourceReport } from './sourceReport';

/** Version of the `analyze --json` output; bump it when a field changes meaning or goes away. */
export const ANALYZE_JSON_VERSION = 1;

/** A finding in the documented, stable JSON shape (see README, "analyze --json"). */
export function findingJson(f: TaggedFinding, lines: LineIndex) {
  const { line, column } = lines.at(f.start);
  return {
    kind: f.kind,
    ...(f.entity ? { type: f.entity.type } : {}),
    start: f.start,
    end: f.end,
    line,
    column,
    text: f.text,
    region: f.region,
    score: f.score,
    ...(f.date ? { value: f.date.value, timexType: f.date.timexType, ...(f.date.mod ? { mod: f.date.mod } : {}), anchor: f.date.anchor } : {}),
    ...(f.entity ? { entity: { canonical: f.entity.canonical, mentions: f.entity.mentions, aliases: f.entity.aliases } } : {}),
    ...(f.claim
      ? {
          attribution: f.claim.attribution ?? null,
          hedges: f.claim.hedges,
          ...(f.claim.suggestedStatus ? { suggestedStatus: f.claim.suggestedStatus } : {}),
        }
      : {}),
    ...(f.quotation
      ? {
          quotation: {
            form: f.quotation.form,
            words: f.quotation.words,
            cue: f.quotation.cue ?? null,
            speaker: f.quotation.speaker
              ? {
                  text: f.quotation.speaker.text, start: f.quotation.speaker.start, end: f.quotation.speaker.end,
                  entity: f.quotation.speaker.entity ? { canonical: f.quotation.speaker.entity.canonical, type: f.quotation.speaker.entity.type } : null,
                  ...(f.quotation.speaker.via ? { via: f.quotation.speaker.via } : {}),
                }
              : null,
          },
        }
      : {}),
    cues: f.cues.map((c) => ({ kind: c.kind, text: c.text, ...cueSpan(f, c) })),
    tag: f.annotation ? { id: f.annotation.id, status: f.annotation.status, ...(noteOf(f.annotation) ? { note: noteOf(f.annotation) } : {}) } : null,
  };
}

export function reportJson(r: SourceReport) {
  const lines = new LineIndex(r.text);
  return {
    file: r.file,
    ...(r.analysis?.publicationDate ? { publicationDate: r.analysis.publicationDate } : {}),
    reference: r.analysis?.reference ?? { from: 'none' },
    ...(r.skippedReason ? { skipped: r.skippedReason } : {}),
    ...(r.analysis?.notes ? { notes: r.analysis.notes.map((n) => ({ ...lines.at(n.start), start: n.start, end: n.end, message: n.message })) } : {}),
    sidecar: { path: r.sidecarPath, state: r.sidecar.state, ...(r.sidecar.state === 'invalid' ? { problem: r.sidecar.problem.message } : {}) },
    findings: r.tagged.findings.map((f) => findingJson(f, lines)),
    orphans: r.tagged.orphans.map((a) => ({ id: a.id, kind: a.kind, status: a.status, exact: a.target.exact, start: a.target.start, end: a.target.end })),
  };
}
