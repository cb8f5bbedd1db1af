// Small pieces of wording the kinds' descriptions share. Descriptions are said through
// @vscode/l10n (a tiny formatter with no editor in it): the language server loads the user's
// bundle at initialize; the CLI never does, so its output stays English.
import * as l10n from '@vscode/l10n';
import type { CueKind, TagStatus } from '../model';
import type { TaggedFinding } from '../taggedFindings';

/** A tag status as an adjective: "verified". */
export function statusText(status: TagStatus): string {
  switch (status) {
    case 'verified': return l10n.t('verified');
    case 'speculative': return l10n.t('speculative');
    case 'contradicted': return l10n.t('contradicted');
  }
}

/** " · tagged verified" after a finding's message, or nothing when it has no tag. */
export function tagSuffix(f: TaggedFinding): string {
  return f.annotation ? l10n.t(' · tagged {0}', statusText(f.annotation.status)) : '';
}

/** A cue's kind as the hover lists it: "quantity", "first-person". */
export function cueWord(kind: CueKind): string {
  switch (kind) {
    case 'attribution': return l10n.t('attribution');
    case 'hedge': return l10n.t('hedge');
    case 'quantity': return l10n.t('quantity');
    case 'comparison': return l10n.t('comparison');
    case 'plan': return l10n.t('plan');
    case 'prediction': return l10n.t('prediction');
    case 'event': return l10n.t('event');
    case 'entity': return l10n.t('entity');
    case 'date': return l10n.t('date');
    case 'opinion': return l10n.t('opinion');
    case 'question': return l10n.t('question');
    case 'first-person': return l10n.t('first-person');
  }
}
