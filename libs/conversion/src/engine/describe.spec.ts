import { describeEvaluation, describeLeafCondition, type EvaluationNames } from './describe';
import {
  aCertificate,
  aCourseContext,
  aCourseCredit,
  anExemption,
  aRule,
  EVALUATED_AT,
  factsOf,
} from './engine.factories';
import type { Evaluation } from './engine.types';
import { evaluate } from './evaluate';

const CATALOG: Record<string, { name: string; code: string }> = {
  'course-vue': { name: 'Vue.js 应用开发', code: 'C-VUE' },
  'course-java': { name: 'Java 程序设计', code: 'C-JAVA' },
  'scheme-web': { name: 'Web前端开发', code: 'X-WEB' },
};

const ENTRIES: Record<string, string> = {
  'cert-1': '职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001',
  'credit-1': '课程学分 · Java 程序设计 (C-JAVA) · 2024-2025-1',
  'exemption-1': '免修 · Vue.js 应用开发 (C-VUE)',
};

const NAMES: EvaluationNames = {
  course: (id) => CATALOG[id],
  scheme: (id) => CATALOG[id],
  program: () => null,
  entry: (id) => ENTRIES[id],
  rule: { name: '中级证书免修专业核心课', version: 2 },
};

/** No trace path, no raw id of the facts: a person reads names. */
function expectNamed(lines: readonly string[]): void {
  for (const line of lines) {
    expect(line).not.toMatch(/condition(\.|\b)|\[\d\]|cert-1|course-vue|scheme-web|exemption-1/);
  }
}

function eligibleEvaluation(): Evaluation {
  const rule = aRule({
    condition: {
      any: [
        { certificate: { schemeId: 'scheme-web', minLevel: 'SENIOR' } },
        { certificate: { schemeId: 'scheme-web', minLevel: 'INTERMEDIATE' } },
      ],
    },
    maxCreditsPerEvidence: '8',
  });
  return evaluate(
    rule,
    factsOf({ certificates: [aCertificate()] }),
    aCourseContext(),
    EVALUATED_AT,
  );
}

function refusedEvaluation(): Evaluation {
  const facts = factsOf({
    certificates: [aCertificate({ validUntil: '2025-01-01' })],
    exemptions: [anExemption({ target: { courseId: 'course-vue' } })],
  });
  return evaluate(aRule(), facts, aCourseContext(), EVALUATED_AT);
}

describe('describeEvaluation', () => {
  it('says an eligible evaluation in Chinese, naming the rule, the course and the evidence', () => {
    const { reasons, explanation } = describeEvaluation(eligibleEvaluation(), 'zh-CN', NAMES);
    expect(reasons).toEqual([]);
    expect(explanation).toEqual([
      '符合条件：按规则「中级证书免修专业核心课」第 2 版，可免修课程“Vue.js 应用开发（C-VUE）”，' +
        '计 4 学分，由“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”证明。',
      '已满足：2 项条件中 1 项成立，需要 1 项。',
      '未满足：需要持有Web前端开发职业技能等级证书（高级及以上）；' +
        '“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”为中级，低于要求的高级。',
      '已满足：持有Web前端开发职业技能等级证书（中级及以上），' +
        '由“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”证明。',
      '课程“Vue.js 应用开发（C-VUE）”尚未免修或修读通过。',
      '所用证明材料此前未用于课程“Vue.js 应用开发（C-VUE）”。',
      '授予 4 学分，未超过课程“Vue.js 应用开发（C-VUE）”的 4 学分。',
      '“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”已用于免修 0 学分；' +
        '再计 4 学分共 4 学分，未超过规则规定的每项证明材料 8 学分上限。',
      '“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”已用于免修 0 学分；' +
        '再计 4 学分共 4 学分，未超过学分银行对该证书认定的 10 学分。',
    ]);
    expectNamed(explanation);
  });

  it('says the same in English, with names and without trace paths', () => {
    const { explanation } = describeEvaluation(eligibleEvaluation(), 'en', NAMES);
    expect(explanation.slice(0, 4)).toEqual([
      'Eligible: rule “中级证书免修专业核心课” version 2 exempts course Vue.js 应用开发 (C-VUE) ' +
        'for 4 credits, proven by “职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”.',
      'Met: 1 of 2 conditions hold, 1 needed.',
      'Not met: a certificate of Web前端开发 at senior level or above is needed ' +
        '(“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001” is at intermediate level, below senior).',
      'Met: a certificate of Web前端开发 at intermediate level or above, ' +
        'proven by “职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”.',
    ]);
    expectNamed(explanation);
  });

  it('says the reasons apart from the headline and the rest, each once', () => {
    const evaluation = refusedEvaluation();
    const { reasons, explanation } = describeEvaluation(evaluation, 'zh-CN', NAMES);
    expect(reasons).toEqual([
      '未满足：需要持有Web前端开发职业技能等级证书（中级及以上）；' +
        '“职业技能等级证书 · Web前端开发 (X-WEB) 中级 · WEB-2024-0001”已于 2025-01-01 过期。',
      '课程“Vue.js 应用开发（C-VUE）”已有有效记录“免修 · Vue.js 应用开发 (C-VUE)”；该记录有效期间不能再次免修。',
    ]);
    expect(explanation[0]).toBe(
      '不符合条件：按规则「中级证书免修专业核心课」第 2 版，不能免修课程“Vue.js 应用开发（C-VUE）”（2 项原因）。',
    );
    expect(explanation.filter((line) => reasons.includes(line))).toEqual([]);
    expect(explanation).toContain('所用证明材料此前未用于课程“Vue.js 应用开发（C-VUE）”。');
    expect(new Set(explanation).size).toBe(explanation.length);
    expect(evaluation.blockers).toHaveLength(evaluation.reasons.length);
    expectNamed([...reasons, ...explanation]);
  });

  it('reads the reasons off the traces for an evaluation stored without blockers', () => {
    const { blockers: _blockers, ...stored } = refusedEvaluation();
    expect(describeEvaluation(stored, 'en', NAMES).reasons).toEqual(
      describeEvaluation(refusedEvaluation(), 'en', NAMES).reasons,
    );
  });

  it('does not say “certificate” twice when the scheme is named as its certificate', () => {
    const names = {
      ...NAMES,
      scheme: () => ({ name: 'Web前端开发职业技能等级证书', code: 'X-WEB' }),
    };
    expect(describeEvaluation(eligibleEvaluation(), 'zh-CN', names).explanation[3]).toMatch(
      /^已满足：持有Web前端开发职业技能等级证书（中级及以上），由/,
    );
  });

  it('says a course credit too low and what is no longer known', () => {
    const rule = aRule({ condition: { courseCredit: { courseId: 'course-java', minScore: 70 } } });
    const evaluation = evaluate(
      rule,
      factsOf({ courseCredits: [aCourseCredit({ score: 65 })] }),
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(describeEvaluation(evaluation, 'zh-CN', NAMES).reasons).toEqual([
      '未满足：需要修读通过课程“Java 程序设计（C-JAVA）”（成绩不低于 70 分）；' +
        '“课程学分 · Java 程序设计 (C-JAVA) · 2024-2025-1”成绩 65 分，低于要求的 70 分。',
    ]);
    const unknown: EvaluationNames = {
      course: () => null,
      scheme: () => null,
      program: () => null,
      entry: () => null,
      rule: null,
    };
    const { reasons, explanation } = describeEvaluation(evaluation, 'en', unknown);
    expect(reasons).toEqual([
      'Not met: a passed credit for course (no longer in the catalog) with a score of at ' +
        'least 70 is needed (an entry no longer in the ledger has a score of 65, below the minimum of 70).',
    ]);
    expect(explanation[0]).toBe(
      'Not eligible: the rule does not exempt course (no longer in the catalog) (1 reason).',
    );
  });

  it('describes each kind of leaf (the English of the engine’s own reasons)', () => {
    expect(
      describeLeafCondition({ certificate: { schemeId: 's', minLevel: 'JUNIOR', maxAgeYears: 3 } }),
    ).toBe('a certificate of scheme s at JUNIOR or above, issued within the last 3 years');
    expect(describeLeafCondition({ courseCredit: { courseId: 'c', minScore: 70 } })).toBe(
      'a passed credit for course c with a score of at least 70',
    );
    expect(describeLeafCondition({ diploma: { programId: 'p' } })).toBe('a diploma of program p');
  });
});
