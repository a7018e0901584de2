/** The languages the API answers in. */
export type Locale = 'zh-CN' | 'en';

/** The product's users are Chinese schools: without a usable preference, answers are in Chinese. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

interface Preference {
  range: string;
  quality: number;
  position: number;
}

/** `zh`, `zh-CN`, `zh-Hans`, `zh-Hans-CN`… read Chinese; `en`, `en-US`… read English. */
function localeOf(range: string): Locale | null {
  const primary = range.split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return null;
}

function parse(header: string): Preference[] {
  return header
    .split(',')
    .map((part, position) => {
      const [rangeText, ...parameters] = part.split(';');
      const range = rangeText.trim().toLowerCase();
      let quality = 1;
      for (const parameter of parameters) {
        const [name, value] = parameter.split('=').map((text) => text.trim().toLowerCase());
        // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (name === 'q')
          quality = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
      }
      return { range, quality, position };
    })
    .filter((preference) => /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(preference.range));
}

/**
 * The locale an `Accept-Language` header asks for (RFC 9110 §12.5.4): the supported language
 * with the highest weight, earlier ranges winning ties; `*` or nothing usable gives the default,
 * unless the header refuses the default (`zh;q=0`) and leaves English acceptable.
 */
export function negotiateLocale(header: string | string[] | undefined): Locale {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const preferences = parse(text).sort(
    (left, right) => right.quality - left.quality || left.position - right.position,
  );
  const refused = new Set<Locale>();
  for (const preference of preferences) {
    const locale = localeOf(preference.range);
    if (preference.quality === 0 && locale) refused.add(locale);
  }
  const fallback: Locale =
    refused.has(DEFAULT_LOCALE) && !refused.has('en') ? 'en' : DEFAULT_LOCALE;
  for (const preference of preferences) {
    if (preference.quality === 0) continue;
    if (preference.range === '*') return fallback;
    const locale = localeOf(preference.range);
    if (locale && !refused.has(locale)) return locale;
  }
  return fallback;
}
