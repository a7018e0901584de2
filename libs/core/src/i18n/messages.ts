import type { FieldError } from '../errors/domain-error';
import type { Locale } from './locale';
import { EN, FieldMessageKey } from './messages.en';
import { Dictionary, ProblemText, ZH_CN } from './messages.zh-CN';
import { ZH_CN_PHRASES } from './phrases.zh-CN';
import { ZH_CN_REFUSALS } from './refusals.zh-CN';

export type MessageParams = Record<string, unknown>;

export const DICTIONARIES: Record<Locale, Dictionary> = { en: EN, 'zh-CN': ZH_CN };

function shown(value: unknown): string | null {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return null;
}

/** Fills `{name}` from params; null when a placeholder has no printable value. */
export function fillTemplate(template: string, params: MessageParams): string | null {
  let complete = true;
  const filled = template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = shown(params[name]);
    if (value === null) complete = false;
    return value ?? placeholder;
  });
  return complete ? filled : null;
}

/** The stable field code of a message key: the key up to its variant (`WRONG_TYPE.number`). */
export function fieldCodeOf(key: FieldMessageKey): string {
  return key.split('.')[0];
}

/** A field error with its key: the English message now, the caller's language in the filter. */
export function fieldError(
  field: string,
  key: FieldMessageKey,
  params: MessageParams = {},
): FieldError {
  const all = { field, ...params };
  return {
    field,
    code: fieldCodeOf(key),
    message: fillTemplate(EN.fields[key], all) ?? EN.fields[key],
    key,
    params: all,
  };
}

export interface LocalisedFieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * A message written in English where it was raised (a DTO's pattern message, a service's
 * check), in Chinese from the phrase book: by the whole text, or with the field's name
 * replaced by `{field}`. Without an entry it stays English.
 */
function phrase(locale: Locale, field: string, message: string): string {
  if (locale === 'en') return message;
  const whole = ZH_CN_PHRASES[message];
  if (whole) return whole;
  const name = field.split('.').pop() ?? field;
  if (message.startsWith(`${name} `)) {
    const template = ZH_CN_PHRASES[`{field}${message.slice(name.length)}`];
    if (template) return template.replace('{field}', name);
  }
  return message;
}

export function localiseFieldError(locale: Locale, error: FieldError): LocalisedFieldError {
  const code = error.code ?? 'INVALID';
  if (!error.key)
    return { field: error.field, code, message: phrase(locale, error.field, error.message) };
  const template = (DICTIONARIES[locale].fields as Record<string, string | undefined>)[error.key];
  if (!template) return { field: error.field, code, message: error.message };
  const message = fillTemplate(template, { field: error.field, ...error.params }) ?? error.message;
  return { field: error.field, code, message };
}

/** What a problem is, before it is said in a language. */
export interface ProblemSource {
  code: string;
  /** The dictionary key: the code, or a variant of it. */
  key: string;
  params: MessageParams;
  /** The English title and detail the error was raised with: the fallback. */
  title: string;
  detail: string;
}

function entry(locale: Locale, key: string): ProblemText | undefined {
  return (DICTIONARIES[locale].problems as Record<string, ProblemText | undefined>)[key];
}

/**
 * The title and detail in the caller's language. English keeps the detail the error was raised
 * with (it may be more specific than the dictionary's: a variant of the code); Chinese says the
 * code's text from the dictionary, with the error's params. A code missing from the dictionary
 * (or a template whose params the error lacks) keeps the error's own English.
 */
export function localiseProblem(
  locale: Locale,
  source: ProblemSource,
): { title: string; detail: string } {
  const own = entry(locale, source.key) ?? entry(locale, source.code);
  if (!own) return { title: source.title, detail: source.detail };
  if (locale === 'en') return { title: own.title, detail: source.detail };
  return { title: own.title, detail: fillTemplate(own.detail, source.params) ?? source.detail };
}

/**
 * A fixed refusal sentence (written in English where it is raised) in the caller's language:
 * Chinese from refusals.zh-CN.ts by its whole text; without an entry it stays English.
 */
export function localiseRefusal(locale: Locale, sentence: string): string {
  return locale === 'en' ? sentence : (ZH_CN_REFUSALS[sentence] ?? sentence);
}
