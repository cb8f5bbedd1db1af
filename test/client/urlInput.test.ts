import { describe, expect, it } from 'vitest';
import { localDay, urlProblem } from '../../src/client/urlInput';

describe('urlProblem', () => {
  it('accepts http and https addresses, surrounding spaces too', () => {
    expect(urlProblem('https://www.wsj.com/articles/xiaomi-2018')).toBeUndefined();
    expect(urlProblem('  http://example.org/a?b=c#d ')).toBeUndefined();
  });

  it('says why anything else is refused', () => {
    expect(urlProblem('')).toMatch(/Type the address/);
    expect(urlProblem('www.wsj.com')).toMatch(/not a web address/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/not javascript addresses/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/not file addresses/);
    expect(urlProblem('ftp://example.org/x')).toMatch(/only web pages/i);
  });
});

describe('localDay', () => {
  it('is the calendar day in local time, zero-padded', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDay(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });
});
