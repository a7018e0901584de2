import type { Level } from './level';
import type { RejectionCode, RuleKind } from './engine.types';

/** The languages evaluations are said in (the API's locales). */
export type Language = 'zh-CN' | 'en';

/** What a condition leaf asks for, with its catalog things already in words. */
export type WantedWords =
  | { kind: 'certificate'; scheme: string; range: string; maxAgeYears?: number }
  | { kind: 'courseCredit'; course: string; minScore?: number }
  | { kind: 'diploma'; program: string };

/** A rejected entry in words: its label, why, and the values that say it. */
export interface RejectionWords {
  entry: string;
  code: RejectionCode;
  level?: string;
  wantedLevel?: string;
  on?: string;
  score?: number;
  minScore?: number;
  years?: number;
}

/** One language's sentences; every argument is already a name, never an id. */
export interface Phrases {
  level(level: Level): string;
  levelRange(min: string, max: string | undefined): string;
  /** A course or program: name and code. */
  course(name: string, code: string): string;
  missing: { course: string; scheme: string; program: string; entry: string; rule: string };
  courseTarget(course: string): string;
  examTarget(scheme: string, level: string, component: string): string;
  rule(name: string, version: number): string;
  list(items: readonly string[]): string;
  credits(amount: string): string;
  wanted(wanted: WantedWords): string;
  rejection(rejection: RejectionWords): string;
  leafNotMet(wanted: string, rejections: readonly string[]): string;
  leafMet(wanted: string, entries: string): string;
  leafNotNeeded(wanted: string, entries: string): string;
  group(
    nested: boolean,
    kind: 'all' | 'any' | 'atLeast',
    held: boolean,
    counts: { satisfied: number; total: number; required: number },
  ): string;
  eligible(rule: string, target: string, exam: boolean, credits: string, entries: string): string;
  notEligible(rule: string, target: string, exam: boolean, reasons: number): string;
  notYetInEffect(rule: string, from: string, at: string): string;
  noLongerInEffect(rule: string, to: string, at: string): string;
  notInEffect(rule: string): string;
  wrongKind(rule: string, kind: RuleKind, target: string): string;
  notATarget(rule: string, target: string): string;
  malformed(rule: string): string;
  targetNotCovered(target: string, exam: boolean, coveredBy: string | null): string;
  evidenceNotReused(target: string, reused: { evidence: string; by: string } | null): string;
  creditsWithinTarget(
    target: string,
    exam: boolean,
    held: boolean,
    requested: string,
    cap: string,
  ): string;
  evidenceCap(
    perRule: boolean,
    entry: string,
    amounts: { used: string; requested: string; after: string; cap: string },
    held: boolean,
  ): string;
  programCap(
    program: string,
    amounts: { used: string; requested: string; after: string; cap: string },
    held: boolean,
  ): string;
}

const EN_LEVELS: Record<Level, string> = {
  JUNIOR: 'junior',
  INTERMEDIATE: 'intermediate',
  SENIOR: 'senior',
};

const ZH_LEVELS: Record<Level, string> = { JUNIOR: '初级', INTERMEDIATE: '中级', SENIOR: '高级' };

function enCredits(amount: string): string {
  return amount === '1' ? '1 credit' : `${amount} credits`;
}

function capital(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export const EN_PHRASES: Phrases = {
  level: (level) => EN_LEVELS[level],
  levelRange: (min, max) =>
    max === undefined
      ? `at ${min} level or above`
      : max === min
        ? `at ${min} level`
        : `from ${min} to ${max} level`,
  course: (name, code) => `${name} (${code})`,
  missing: {
    course: '(no longer in the catalog)',
    scheme: '(a scheme no longer in the catalog)',
    program: '(no longer in the catalog)',
    entry: 'an entry no longer in the ledger',
    rule: 'the rule',
  },
  courseTarget: (course) => `course ${course}`,
  examTarget: (scheme, level, component) => `the ${component} exam of ${scheme} at ${level} level`,
  rule: (name, version) => `rule “${name}” version ${version}`,
  list: (items) => items.join(', '),
  credits: enCredits,
  wanted: (wanted) => {
    if (wanted.kind === 'certificate') {
      const age =
        wanted.maxAgeYears === undefined
          ? ''
          : `, issued within the last ${wanted.maxAgeYears} years`;
      return `a certificate of ${wanted.scheme} ${wanted.range}${age}`;
    }
    if (wanted.kind === 'courseCredit') {
      const score =
        wanted.minScore === undefined ? '' : ` with a score of at least ${wanted.minScore}`;
      return `a passed credit for course ${wanted.course}${score}`;
    }
    return `a diploma of ${wanted.program}`;
  },
  rejection: (r) => {
    const why = ((): string => {
      switch (r.code) {
        case 'REVOKED':
          return 'was revoked';
        case 'REVERSED':
          return 'was reversed';
        case 'LEVEL_TOO_LOW':
          return r.level
            ? `is at ${r.level} level, below ${r.wantedLevel}`
            : 'is below the level needed';
        case 'LEVEL_TOO_HIGH':
          return r.level
            ? `is at ${r.level} level, above ${r.wantedLevel}`
            : 'is above the level asked for';
        case 'EXPIRED':
          return r.on ? `expired on ${r.on}` : 'has expired';
        case 'TOO_OLD':
          return r.on
            ? `was issued on ${r.on}, ${r.years} or more years ago`
            : `was issued ${r.years} or more years ago`;
        case 'NOT_PASSED':
          return r.score === undefined ? 'was not passed' : `was not passed (score ${r.score})`;
        case 'SCORE_TOO_LOW':
          return r.score === undefined
            ? `has a score below ${r.minScore}`
            : `has a score of ${r.score}, below the minimum of ${r.minScore}`;
      }
    })();
    return `${r.entry} ${why}`;
  },
  leafNotMet: (wanted, rejections) =>
    `Not met: ${wanted} is needed${rejections.length ? ` (${rejections.join('; ')})` : ''}.`,
  leafMet: (wanted, entries) => `Met: ${wanted}, proven by ${entries}.`,
  leafNotNeeded: (wanted, entries) =>
    `Met but not needed: ${wanted}, held by ${entries}; earlier conditions already suffice.`,
  group: (nested, kind, held, { satisfied, total, required }) => {
    const where = nested ? 'In one group of conditions: ' : '';
    if (held) return `Met: ${where}${satisfied} of ${total} conditions hold, ${required} needed.`;
    if (kind === 'any') return `Not met: ${where}none of the ${total} alternatives holds.`;
    if (kind === 'atLeast')
      return `Not met: ${where}${satisfied} of ${total} conditions hold, but at least ${required} are needed.`;
    return `Not met: ${where}${total - satisfied} of ${total} required conditions fail.`;
  },
  eligible: (rule, target, _exam, credits, entries) =>
    `Eligible: ${rule} exempts ${target} for ${enCredits(credits)}, proven by ${entries}.`,
  notEligible: (rule, target, _exam, reasons) =>
    `Not eligible: ${rule} does not exempt ${target} (${reasons} ${reasons === 1 ? 'reason' : 'reasons'}).`,
  notYetInEffect: (rule, from, at) =>
    `${capital(rule)} takes effect on ${from}; the evaluation date is ${at}.`,
  noLongerInEffect: (rule, to, at) =>
    `${capital(rule)} no longer applies from ${to}; the evaluation date is ${at}.`,
  notInEffect: (rule) => `${capital(rule)} is not in effect on the evaluation date.`,
  wrongKind: (rule, kind, target) =>
    `${capital(rule)} grants ${kind === 'COURSE_TO_EXAM' ? 'exam' : 'course'} exemptions, so it cannot exempt ${target}.`,
  notATarget: (rule, target) => `${capital(target)} is not one of the targets of ${rule}.`,
  malformed: (rule) => `The condition of ${rule} is malformed, so it cannot be evaluated.`,
  targetNotCovered: (target, _exam, coveredBy) =>
    coveredBy === null
      ? `${capital(target)} is not yet exempted or passed.`
      : `${capital(target)} is already covered by ${coveredBy}; it can be exempted only once while that stands.`,
  evidenceNotReused: (target, reused) =>
    reused === null
      ? `None of the evidence has been used for ${target} before.`
      : `${capital(reused.evidence)} was already used for ${target} by ${reused.by}; evidence counts once per target.`,
  creditsWithinTarget: (target, exam, held, requested, cap) => {
    const worth = exam
      ? `the ${enCredits(cap)} the credit bank recognises for the level of ${target}`
      : `the ${enCredits(cap)} of ${target}`;
    return held
      ? `A grant of ${enCredits(requested)} is within ${worth}.`
      : `A grant of ${enCredits(requested)} would exceed ${worth}; an exemption never grants more than its target is worth.`;
  },
  evidenceCap: (perRule, entry, { used, requested, after, cap }, held) => {
    const limit = perRule
      ? `the rule's cap of ${enCredits(cap)} per piece of evidence`
      : `the ${enCredits(cap)} the credit bank recognises for this certificate`;
    return (
      `${capital(entry)} has exempted ${enCredits(used)} so far; ${requested} more ` +
      `${held ? 'makes' : 'would make'} ${after}, ${held ? 'within' : 'over'} ${limit}.`
    );
  },
  programCap: (program, { used, requested, after, cap }, held) =>
    `Program ${program} has ${enCredits(used)} exempted so far; ${requested} more ` +
    `${held ? 'makes' : 'would make'} ${after}, ${held ? 'within' : 'over'} its cap of ${enCredits(cap)}.`,
};

function zhExempt(exam: boolean): string {
  return exam ? '免试' : '免修';
}

export const ZH_CN_PHRASES: Phrases = {
  level: (level) => ZH_LEVELS[level],
  levelRange: (min, max) =>
    max === undefined ? `${min}及以上` : max === min ? min : `${min}至${max}`,
  course: (name, code) => `${name}（${code}）`,
  missing: {
    course: '（已不在目录中的课程）',
    scheme: '（已不在目录中的证书）',
    program: '（已不在目录中的专业）',
    entry: '（已不在台账中的记录）',
    rule: '该规则',
  },
  courseTarget: (course) => `课程“${course}”`,
  examTarget: (scheme, level, component) => `${scheme}${level}的 ${component} 考试`,
  rule: (name, version) => `规则「${name}」第 ${version} 版`,
  list: (items) => items.join('、'),
  credits: (amount) => `${amount} 学分`,
  wanted: (wanted) => {
    if (wanted.kind === 'certificate') {
      const age = wanted.maxAgeYears === undefined ? '' : `，近 ${wanted.maxAgeYears} 年内取得`;
      // A scheme is often named as its certificate ("…职业技能等级证书"): not said twice.
      const certificate = wanted.scheme.endsWith('证书')
        ? wanted.scheme
        : `${wanted.scheme}职业技能等级证书`;
      return `持有${certificate}（${wanted.range}${age}）`;
    }
    if (wanted.kind === 'courseCredit') {
      const score = wanted.minScore === undefined ? '' : `（成绩不低于 ${wanted.minScore} 分）`;
      return `修读通过课程“${wanted.course}”${score}`;
    }
    return `持有专业“${wanted.program}”的学历证书`;
  },
  rejection: (r) => {
    const why = ((): string => {
      switch (r.code) {
        case 'REVOKED':
          return '已被撤销';
        case 'REVERSED':
          return '已被冲正';
        case 'LEVEL_TOO_LOW':
          return r.level ? `为${r.level}，低于要求的${r.wantedLevel}` : '等级低于要求';
        case 'LEVEL_TOO_HIGH':
          return r.level ? `为${r.level}，高于要求的${r.wantedLevel}` : '等级高于要求';
        case 'EXPIRED':
          return r.on ? `已于 ${r.on} 过期` : '已过期';
        case 'TOO_OLD':
          return r.on ? `于 ${r.on} 取得，已满 ${r.years} 年` : `取得已满 ${r.years} 年`;
        case 'NOT_PASSED':
          return r.score === undefined ? '未通过' : `未通过（成绩 ${r.score} 分）`;
        case 'SCORE_TOO_LOW':
          return r.score === undefined
            ? `成绩低于 ${r.minScore} 分`
            : `成绩 ${r.score} 分，低于要求的 ${r.minScore} 分`;
      }
    })();
    return `${r.entry}${why}`;
  },
  leafNotMet: (wanted, rejections) =>
    `未满足：需要${wanted}${rejections.length ? `；${rejections.join('；')}` : ''}。`,
  leafMet: (wanted, entries) => `已满足：${wanted}，由${entries}证明。`,
  leafNotNeeded: (wanted, entries) =>
    `已满足但未用到：${wanted}，${entries}也符合；前面的条件已足够。`,
  group: (nested, kind, held, { satisfied, total, required }) => {
    const where = nested ? '其中一组条件' : '';
    if (held) return `已满足：${where}${total} 项条件中 ${satisfied} 项成立，需要 ${required} 项。`;
    if (kind === 'any') return `未满足：${where}${total} 项备选条件均不成立。`;
    if (kind === 'atLeast')
      return `未满足：${where}${total} 项条件中仅 ${satisfied} 项成立，至少需要 ${required} 项。`;
    return `未满足：${where}${total} 项必需条件中有 ${total - satisfied} 项不成立。`;
  },
  eligible: (rule, target, exam, credits, entries) =>
    `符合条件：按${rule}，可${zhExempt(exam)}${target}，计 ${credits} 学分，由${entries}证明。`,
  notEligible: (rule, target, exam, reasons) =>
    `不符合条件：按${rule}，不能${zhExempt(exam)}${target}（${reasons} 项原因）。`,
  notYetInEffect: (rule, from, at) => `${rule}自 ${from} 起生效；评估日期为 ${at}。`,
  noLongerInEffect: (rule, to, at) => `${rule}自 ${to} 起不再适用；评估日期为 ${at}。`,
  notInEffect: (rule) => `${rule}在评估日期不在有效期内。`,
  wrongKind: (rule, kind, target) =>
    `${rule}用于${kind === 'COURSE_TO_EXAM' ? '免试' : '免修'}，不能用于${target}。`,
  notATarget: (rule, target) => `${target}不在${rule}的适用范围内。`,
  malformed: (rule) => `${rule}的条件有误，无法评估，请联系规则管理员。`,
  targetNotCovered: (target, exam, coveredBy) =>
    coveredBy === null
      ? `${target}尚未${exam ? '免试' : '免修或修读通过'}。`
      : `${target}已有有效记录${coveredBy}；该记录有效期间不能再次${zhExempt(exam)}。`,
  evidenceNotReused: (target, reused) =>
    reused === null
      ? `所用证明材料此前未用于${target}。`
      : `${reused.evidence}已用于${target}（${reused.by}）；同一证明材料对同一目标只能使用一次。`,
  creditsWithinTarget: (target, exam, held, requested, cap) => {
    const worth = exam ? `${target}所在等级认定的 ${cap} 学分` : `${target}的 ${cap} 学分`;
    return held
      ? `授予 ${requested} 学分，未超过${worth}。`
      : `授予 ${requested} 学分将超过${worth}；免修（免试）授予的学分不能超过目标本身。`;
  },
  evidenceCap: (perRule, entry, { used, requested, after, cap }, held) => {
    const limit = perRule
      ? `规则规定的每项证明材料 ${cap} 学分上限`
      : `学分银行对该证书认定的 ${cap} 学分`;
    return (
      `${entry}已用于免修 ${used} 学分；再计 ${requested} 学分${held ? '' : '将'}共 ${after} 学分，` +
      `${held ? '未超过' : '超过'}${limit}。`
    );
  },
  programCap: (program, { used, requested, after, cap }, held) =>
    `专业“${program}”已免修 ${used} 学分；再计 ${requested} 学分${held ? '' : '将'}共 ${after} 学分，` +
    `${held ? '未超过' : '超过'}该专业 ${cap} 学分的免修上限。`,
};

export const PHRASES: Record<Language, Phrases> = { en: EN_PHRASES, 'zh-CN': ZH_CN_PHRASES };
