import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { zhCN, type Dictionary } from './zh-CN';

export type Language = 'zh-CN' | 'en';

const STORAGE_KEY = 'credit-bank.language';
/** Every date and time is shown in China's time zone, whatever the device's. */
export const TIME_ZONE = 'Asia/Shanghai';

interface I18n {
  lang: Language;
  t: Dictionary;
  setLang(lang: Language): void;
}

const I18nContext = createContext<I18n>({ lang: 'zh-CN', t: zhCN, setLang: () => undefined });

function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** English is loaded only when asked for, so the Chinese pages ship one dictionary. */
async function dictionaryFor(lang: Language): Promise<Dictionary> {
  return lang === 'en' ? (await import('./en')).en : zhCN;
}

let currentLanguage: Language = storedLanguage();

/** The language the API should answer in (its problem texts follow `Accept-Language`). */
export function apiLanguage(): Language {
  return currentLanguage;
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<{ lang: Language; t: Dictionary } | null>(
    currentLanguage === 'zh-CN' ? { lang: 'zh-CN', t: zhCN } : null,
  );
  useEffect(() => {
    if (!state)
      void dictionaryFor(currentLanguage).then((t) => setState({ lang: currentLanguage, t }));
  }, [state]);
  useEffect(() => {
    if (state) document.documentElement.lang = state.lang;
  }, [state?.lang]);
  const value = useMemo<I18n | null>(
    () =>
      state && {
        ...state,
        setLang(lang) {
          localStorage.setItem(STORAGE_KEY, lang);
          currentLanguage = lang;
          void dictionaryFor(lang).then((t) => setState({ lang, t }));
        },
      },
    [state],
  );
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The dictionary of the language in use. */
export function useT(): Dictionary {
  return useContext(I18nContext).t;
}

/** Fills `{name}` placeholders of a dictionary text. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Language, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang, {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formats.set(key, found);
  }
  return found;
}

/** A calendar date (`2026-07-01`) or an instant, in China time and the language's style. */
export function formatDate(
  lang: Language,
  value: string | null | undefined,
  withTime = false,
): string {
  if (!value) return '';
  // A bare date is a day in China, not midnight UTC.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00+08:00`)
    : new Date(value);
  return Number.isNaN(instant.getTime()) ? value : format(lang, withTime).format(instant);
}

/** Today in China, as the API's dates are written (`YYYY-MM-DD`). */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

export function formatNumber(lang: Language, value: number | string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) ? String(value) : new Intl.NumberFormat(lang).format(n);
}
