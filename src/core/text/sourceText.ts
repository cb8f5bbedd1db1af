// Reading a source as text: the BOM is dropped (editors drop it too, so offsets agree), and
// files that are not text or are too large are refused with a reason a user can act on.

export const DEFAULT_MAX_FILE_MB = 8;

export type SourceCheck = { ok: true } | { ok: false; reason: string };

/** Text of a source file as editors see it: UTF-8 without a leading BOM. */
export function decodeSource(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a source can be analysed: not binary, not larger than the configured limit. */
export function checkAnalysable(text: string, maxFileMB = DEFAULT_MAX_FILE_MB): SourceCheck {
  const head = text.slice(0, 8192);
  const replacement = (head.match(/\uFFFD/g) ?? []).length;
  if (head.includes('\u0000') || (head.length > 0 && replacement / head.length > 0.01)) {
    return {
      ok: false,
      reason: 'This file does not look like text (it contains binary data), so Sourcemark did not analyse it. Exclude it with the "sourcemark.sources" setting.',
    };
  }
  // UTF-8 takes one to three bytes per UTF-16 unit: counting them (a pass over 1 MB on every keystroke) only when the length leaves it open.
  const limit = maxFileMB * 1024 * 1024;
  if (text.length * 3 <= limit) return { ok: true };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) return { ok: false, reason: tooLargeReason(bytes, maxFileMB) };
  return { ok: true };
}

/** Why a file of `bytes` (UTF-8) is not analysed under a limit of `maxFileMB`. */
export function tooLargeReason(bytes: number, maxFileMB: number): string {
  const mb = bytes / (1024 * 1024);
  return `This file is ${mb.toFixed(1)} MB, over the ${maxFileMB} MB limit, so Sourcemark did not analyse it. Raise "sourcemark.maxFileSizeMB" to analyse it; its tags are kept either way.`;
}
