// What the "Cite a Web Page" inputs accept. Pure (no vscode), so it is tested on its own.
import * as l10n from '@vscode/l10n';

/** Why a cited address is refused, or undefined when it is a web address. */
export function urlProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return l10n.t('Type the address of the page, starting with https:// or http://.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return l10n.t('That is not a web address. Copy it from the browser\'s address bar: https://…');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return l10n.t('Only web pages (http or https) can be cited, not {0} addresses.', url.protocol.slice(0, -1));
  if (!url.hostname) return l10n.t('The address has no host name.');
  return undefined;
}

/** A day in the user's time zone, YYYY-MM-DD: when the page was read. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
