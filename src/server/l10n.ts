// The server's language: the client hands over its l10n bundle at initialize (see
// InitializationOptions; the message guard has checked its shape); without one every string
// stays the English source string.
import * as l10n from '@vscode/l10n';
import type { InitializeParams } from 'vscode-languageserver';
import type { InitializationOptions } from '../shared/protocol';

export function configureLanguage(params: InitializeParams): void {
  const bundle = (params.initializationOptions as InitializationOptions | null | undefined)?.l10nBundle;
  // Always set, so that a server started again in the same process does not keep the last language.
  l10n.config({ contents: bundle ?? {} });
}
