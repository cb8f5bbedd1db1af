// The server's language: the client hands over its l10n bundle at initialize (see
// InitializationOptions); without one every string stays the English source string.
import * as l10n from '@vscode/l10n';
import type { InitializeParams } from 'vscode-languageserver';
import type { InitializationOptions } from '../shared/protocol';

/** Checks `initializationOptions.l10nBundle` and loads it; throws (a message for the client) when it is malformed. */
export function configureLanguage(params: InitializeParams): void {
  const options = params.initializationOptions as InitializationOptions | null | undefined;
  const bundle: unknown = options && typeof options === 'object' ? options.l10nBundle : undefined;
  // Always set, so that a server started again in the same process does not keep the last language.
  l10n.config({ contents: {} });
  if (bundle === undefined || bundle === null) return;
  if (typeof bundle !== 'object' || Array.isArray(bundle) || !Object.values(bundle).every((v) => typeof v === 'string')) {
    throw new Error('initializationOptions.l10nBundle must be an object of strings (English string → translation); leave it out for English.');
  }
  l10n.config({ contents: bundle as Record<string, string> });
}
