import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeJsonText, escapeMarkdown, escapeTerminal, isWebUrl } from '../../../src/core/text/escape';

describe('escapeHtml', () => {
  it('leaves no tag, attribute break or template quote', () => {
    expect(escapeHtml(`<img src="x" onerror='a'>&\`t\``)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;a&#39;&gt;&amp;&#96;t&#96;');
  });
});

describe('escapeMarkdown', () => {
  it('turns links, images, HTML, emphasis, code and cell breaks into text', () => {
    expect(escapeMarkdown('![i](http://x) [l](javascript:x) <b>*em* _u_ `c`</b> | ~s~ #h')).toBe(
      '\\!\\[i\\]\\(http\\://x\\) \\[l\\]\\(javascript:x\\) &lt;b&gt;\\*em\\* \\_u\\_ \\`c\\`&lt;/b&gt; \\| \\~s\\~ \\#h',
    );
  });

  it('keeps an entity-looking text literal and line breaks as spaces', () => {
    expect(escapeMarkdown('a &amp; b\r\nc\n\nd')).toBe('a &amp;amp; b c d');
  });

  it('escapes a list marker at the start only, and keeps dates and abbreviations readable', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('  12. GreenMan')).toBe(' 12\\. GreenMan');
    expect(escapeMarkdown('3) three')).toBe('3\\) three');
    expect(escapeMarkdown('On 2018-03-10 the U.S. firm - Xiaomi Inc. - said 2.5%')).toBe('On 2018-03-10 the U.S. firm - Xiaomi Inc. - said 2.5%');
    expect(escapeMarkdown('---')).toBe('\\---');
  });
});

describe('escapeMarkdown and bare URLs', () => {
  // What VS Code's Markdown preview and most renderers do: GFM autolinks and linkify (domains too).
  const render = new MarkdownIt({ linkify: true });

  it('no URL, domain or e-mail address in source text becomes a link', () => {
    const text = 'Visit https://evil.example/pay?x=1 or http://a.b, www.evil.com, evil.com/login, ftp://f.example, '
      + 'mailto:x@y.example, boss@corp.example and //cdn.example/x.';
    const escaped = escapeMarkdown(text);
    expect(render.renderInline(escaped)).not.toContain('<a');
    expect(render.renderInline(escaped)).toContain('https://evil.example/pay?x=1');
    // The unescaped text does become links: the check above means something.
    expect(render.renderInline(text)).toContain('<a');
  });

  it('leaves abbreviations, decimals and plain sentences alone', () => {
    expect(escapeMarkdown('The U.S. grew 2.5% in 2018 (e.g. exports), said Mr. Li.')).toBe('The U.S. grew 2.5% in 2018 \\(e.g. exports\\), said Mr. Li.');
  });
});

describe('isWebUrl', () => {
  it('accepts http(s) only', () => {
    expect(isWebUrl('https://x.example/a?b')).toBe(true);
    expect(isWebUrl('http://x.example')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url']) expect(isWebUrl(bad)).toBe(false);
  });
});

describe('escapeTerminal and escapeJsonText', () => {
  it('shows every control, C1 and bidi character as an escape, and leaves tab, line feed and other text alone', () => {
    expect(escapeTerminal('a\u001b]0;x\u0007b\r\n\tc\u009b\u007f\u202e\u2066\u200f\u2028 é 小米 🙂')).toBe('a\\x1B]0;x\\x07b\\x0D\n\tc\\x9B\\x7F\\u202E\\u2066\\u200F\\u2028 é 小米 🙂');
  });

  it('escapes JSON text without changing the data it holds', () => {
    const value = { text: 'x\u001b[2J\u0085\u202e\u2028y\t', n: 1 };
    const json = escapeJsonText(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
