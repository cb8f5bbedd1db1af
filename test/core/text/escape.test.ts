import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, isWebUrl } from '../../../src/core/text/escape';

describe('escapeHtml', () => {
  it('leaves no tag, attribute break or template quote', () => {
    expect(escapeHtml(`<img src="x" onerror='a'>&\`t\``)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;a&#39;&gt;&amp;&#96;t&#96;');
  });
});

describe('escapeMarkdown', () => {
  it('turns links, images, HTML, emphasis, code and cell breaks into text', () => {
    expect(escapeMarkdown('![i](http://x) [l](javascript:x) <b>*em* _u_ `c`</b> | ~s~ #h')).toBe(
      '\\!\\[i\\]\\(http://x\\) \\[l\\]\\(javascript:x\\) &lt;b&gt;\\*em\\* \\_u\\_ \\`c\\`&lt;/b&gt; \\| \\~s\\~ \\#h',
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

describe('isWebUrl', () => {
  it('accepts http(s) only', () => {
    expect(isWebUrl('https://x.example/a?b')).toBe(true);
    expect(isWebUrl('http://x.example')).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url']) expect(isWebUrl(bad)).toBe(false);
  });
});
