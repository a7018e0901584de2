/**
 * The closed lists a sheet may fill in, each code with the labels people type. A cell is accepted
 * as the code or either label, compared after NFKC (full-width letters from Chinese input
 * methods), without case and without spaces, so `resident_id`, `Resident ID` and `居民身份证`
 * are the same choice. The codes are the ledger's (checked against it in choices.spec.ts).
 */

export type ChoiceKey = 'idType' | 'level' | 'category';

export interface Choice {
  code: string;
  zh: string;
  en: string;
}

export const CHOICES: Record<ChoiceKey, readonly Choice[]> = {
  idType: [
    { code: 'RESIDENT_ID', zh: '居民身份证', en: 'Resident ID card' },
    { code: 'PASSPORT', zh: '护照', en: 'Passport' },
    {
      code: 'HKMO_PERMIT',
      zh: '港澳居民来往内地通行证',
      en: 'Mainland travel permit for Hong Kong and Macao residents',
    },
    {
      code: 'TW_PERMIT',
      zh: '台湾居民来往大陆通行证',
      en: 'Mainland travel permit for Taiwan residents',
    },
    {
      code: 'FOREIGN_PERMANENT_ID',
      zh: '外国人永久居留身份证',
      en: 'Foreign permanent resident ID card',
    },
  ],
  level: [
    { code: 'JUNIOR', zh: '初级', en: 'Junior' },
    { code: 'INTERMEDIATE', zh: '中级', en: 'Intermediate' },
    { code: 'SENIOR', zh: '高级', en: 'Senior' },
  ],
  category: [
    { code: 'FULL_TIME', zh: '全日制', en: 'Full-time' },
    { code: 'PART_TIME', zh: '非全日制', en: 'Part-time' },
    { code: 'SOCIAL_LEARNER', zh: '社会学习者', en: 'Social learner' },
    { code: 'VETERAN', zh: '退役军人', en: 'Veteran' },
    { code: 'RETIRED_ATHLETE', zh: '退役运动员', en: 'Retired athlete' },
    { code: 'LAID_OFF_WORKER', zh: '下岗职工', en: 'Laid-off worker' },
    { code: 'MIGRANT_WORKER', zh: '返乡农民工', en: 'Returning migrant worker' },
    { code: 'NEW_FARMER', zh: '新型职业农民', en: 'New professional farmer' },
  ],
};

export function isChoiceKey(key: string): key is ChoiceKey {
  return Object.hasOwn(CHOICES, key);
}

/** Underscores, hyphens and spaces all vanish, so `PART_TIME`, `Part-time` and `part time` meet. */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

const LOOKUP: Record<ChoiceKey, ReadonlyMap<string, string>> = {
  idType: lookupOf(CHOICES.idType),
  level: lookupOf(CHOICES.level),
  category: lookupOf(CHOICES.category),
};

function lookupOf(choices: readonly Choice[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const choice of choices) {
    for (const text of [choice.code, choice.zh, choice.en]) map.set(comparable(text), choice.code);
  }
  return map;
}

/** The code the cell names, or null when it names none (the validator says which are allowed). */
export function normaliseChoice(key: ChoiceKey, text: string): string | null {
  return LOOKUP[key].get(comparable(text)) ?? null;
}

/** The label a template shows for a code, in the template's language. */
export function choiceLabel(key: ChoiceKey, code: string, locale: 'zh-CN' | 'en'): string {
  const choice = CHOICES[key].find((candidate) => candidate.code === code);
  if (!choice) throw new TypeError(`unknown ${key} ${code}`);
  return locale === 'zh-CN' ? choice.zh : choice.en;
}
