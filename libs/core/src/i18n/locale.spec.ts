import { negotiateLocale } from './locale';

describe('choosing the answer language from Accept-Language (RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB,en;q=0.8', 'en'],
    ['fr-FR', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['*', 'zh-CN'],
    ['de, *;q=0.1', 'zh-CN'],
  ])('%p answers in %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('takes the highest weight, the earlier range on a tie', () => {
    expect(negotiateLocale('en;q=0.4, zh-Hans;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('zh;q=0.5, en;q=0.9')).toBe('en');
    expect(negotiateLocale('en;q=0.7, zh;q=0.7')).toBe('en');
    expect(negotiateLocale('zh, en')).toBe('zh-CN');
  });

  it('never answers in a refused language (q=0), and falls back to English when Chinese is refused', () => {
    expect(negotiateLocale('zh;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale('zh;q=0')).toBe('en');
    expect(negotiateLocale('zh;q=0, *')).toBe('en');
    expect(negotiateLocale('en;q=0, zh;q=0.2')).toBe('zh-CN');
  });

  it('ignores malformed ranges and weights instead of failing', () => {
    expect(negotiateLocale('en;q=2')).toBe('zh-CN');
    expect(negotiateLocale('en;q=abc, zh;q=0.1')).toBe('zh-CN');
    expect(negotiateLocale('!!, en')).toBe('en');
    expect(negotiateLocale(';;;,,,')).toBe('zh-CN');
    expect(negotiateLocale(['fr', 'en;q=0.3'])).toBe('en');
  });
});
