// The formats the message schemas use, for their validators (messageValidators.ts) whether
// compiled at run time or ahead of time by the build.
import { parseFileUri, parsesAsUri } from './fileUri';

export const FORMATS = {
  'file-uri': (s: string) => parseFileUri(s) !== undefined,
  'parsable-uri': parsesAsUri,
};
