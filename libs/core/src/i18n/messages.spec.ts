import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationFailedError, NotFoundError, ConflictError } from '../errors/domain-error';
import { problemFromError } from '../errors/problem-details.filter';
import { fieldError, fillTemplate, localiseFieldError, localiseProblem } from './messages';
import { EN, FieldMessageKey, ProblemKey } from './messages.en';
import { ZH_CN } from './messages.zh-CN';

const root = join(__dirname, '..', '..', '..', '..');

/** Every TypeScript source file (not tests) of the libraries and apps. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Codes raised somewhere but never answered to a client (an internal error's own code). */
const NOT_CLIENT_FACING = new Set(['ACCOUNTS.IDENTITY_UNREADABLE']);

/** The problem codes the product raises: `AREA.NAME` literals, and the few without a dot. */
function raisedCodes(): string[] {
  const codes = new Set(['VALIDATION_FAILED', 'NOT_FOUND', 'INTERNAL']);
  for (const file of [...sources(join(root, 'libs')), ...sources(join(root, 'apps'))]) {
    if (file.includes(join('src', 'i18n'))) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z0-9]*(?:\.[A-Z0-9_]+)+)'/g))
      if (!NOT_CLIENT_FACING.has(match[1])) codes.add(match[1]);
  }
  return [...codes].sort();
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

describe('the message dictionaries', () => {
  it('has an English and a Chinese text for every problem code the product raises', () => {
    const codes = raisedCodes();
    expect(codes.length).toBeGreaterThan(50);
    // A new code: add it to messages.en.ts, then to messages.zh-CN.ts (see README.md there).
    expect(codes.filter((code) => !(code in EN.problems))).toEqual([]);
    expect(codes.filter((code) => !(code in ZH_CN.problems))).toEqual([]);
  });

  it('has the same keys in both languages, each with a title and a detail', () => {
    expect(Object.keys(ZH_CN.problems).sort()).toEqual(Object.keys(EN.problems).sort());
    expect(Object.keys(ZH_CN.fields).sort()).toEqual(Object.keys(EN.fields).sort());
    for (const text of Object.values(ZH_CN.problems)) {
      expect(text.title).toMatch(/[\u4e00-\u9fff]/);
      expect(text.detail).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses in Chinese only the parameters the English text (and so the error) supplies', () => {
    for (const key of Object.keys(EN.problems) as ProblemKey[])
      for (const name of placeholders(ZH_CN.problems[key].detail))
        expect({ key, name, known: placeholders(EN.problems[key].detail).includes(name) }).toEqual({
          key,
          name,
          known: true,
        });
    for (const key of Object.keys(EN.fields) as FieldMessageKey[])
      expect({ key, names: placeholders(ZH_CN.fields[key]).sort() }).toEqual({
        key,
        names: placeholders(EN.fields[key]).sort(),
      });
  });

  it('fills parameters, and reports a template it cannot fill', () => {
    expect(fillTemplate('{field} 最多保留 {max} 位小数', { field: 'credits', max: 2 })).toBe(
      'credits 最多保留 2 位小数',
    );
    expect(
      fillTemplate('{field} 只能是以下之一：{allowed}', {
        field: 'level',
        allowed: ['JUNIOR', 'SENIOR'],
      }),
    ).toBe('level 只能是以下之一：JUNIOR, SENIOR');
    expect(fillTemplate('Version {version}', {})).toBeNull();
  });

  it('says a domain error in Chinese with its parameters, and keeps its own English', () => {
    const taken = new ConflictError(
      'CATALOG.COURSE_CODE_TAKEN',
      'The institution already has a course with code "WEB-101".',
      {},
      { code: 'WEB-101' },
    );
    expect(problemFromError(taken, 'POST', '/v1/x', 'zh-CN')).toMatchObject({
      code: 'CATALOG.COURSE_CODE_TAKEN',
      title: '课程代码已存在',
      detail: '本校已有代码为“WEB-101”的课程，请核对代码或换一个。',
    });
    expect(problemFromError(taken, 'POST', '/v1/x', 'en')).toMatchObject({
      title: 'Conflict',
      detail: 'The institution already has a course with code "WEB-101".',
    });
  });

  it('keeps the English of a code no dictionary knows yet, in either language', () => {
    const source = {
      code: 'USERS.BRAND_NEW',
      key: 'USERS.BRAND_NEW',
      params: {},
      title: 'New',
      detail: 'Brand new.',
    };
    expect(localiseProblem('zh-CN', source)).toEqual({ title: 'New', detail: 'Brand new.' });
    expect(localiseProblem('en', source)).toEqual({ title: 'New', detail: 'Brand new.' });
  });

  it('says a variant of a known code in Chinese by its code, and in English as raised', () => {
    const variant = new NotFoundError('The certificate', 'LEDGER.ENTRY_NOT_FOUND');
    expect(problemFromError(variant, 'GET', '/v1/x', 'en').detail).toBe(
      'The certificate was not found.',
    );
    expect(problemFromError(variant, 'GET', '/v1/x', 'zh-CN').detail).toBe(
      ZH_CN.problems['LEDGER.ENTRY_NOT_FOUND'].detail,
    );
  });

  it('says field errors in the language asked for, with their code; unkeyed ones from the phrase book', () => {
    const failure = new ValidationFailedError([
      fieldError('score', 'TOO_MANY_DECIMALS.one'),
      fieldError('level', 'NOT_ALLOWED_VALUE', { allowed: ['JUNIOR', 'INTERMEDIATE'] }),
      { field: 'targets[1]', message: 'duplicate target' },
      { field: 'code', message: 'code must be 1–32 letters, digits, "_" or "-"' },
      { field: 'x', message: 'something no phrase book knows' },
    ]);
    expect(problemFromError(failure, 'POST', '/v1/x', 'zh-CN').errors).toEqual([
      { field: 'score', code: 'TOO_MANY_DECIMALS', message: 'score 最多保留 1 位小数' },
      {
        field: 'level',
        code: 'NOT_ALLOWED_VALUE',
        message: 'level 只能是以下之一：JUNIOR, INTERMEDIATE',
      },
      { field: 'targets[1]', code: 'INVALID', message: '目标重复' },
      {
        field: 'code',
        code: 'INVALID',
        message: 'code 应为 1–32 个字母、数字、“_”或“-”，且以字母或数字开头',
      },
      { field: 'x', code: 'INVALID', message: 'something no phrase book knows' },
    ]);
    expect(
      [
        { field: 'newPassword', message: 'newPassword must differ from the current password' },
        { field: 'studentNo', message: 'studentNo must be 1–32 letters, digits or "-"' },
        fieldError('courseId', 'REQUIRED.idOrCode', { codeField: 'courseCode' }),
        fieldError('schemeId', 'INVALID.idAndCode', { codeField: 'schemeCode' }),
        fieldError('completedAt', 'INVALID.notEnrolled', { date: '2026-01-10' }),
      ].map((error) => localiseFieldError('zh-CN', error).message),
    ).toEqual([
      'newPassword 不能与当前密码相同，请换一个新密码',
      'studentNo 应为 1–32 个字母、数字或“-”',
      '缺少 courseId 或 courseCode：请填写 id 或代码，二者选一',
      'schemeId 和 schemeCode 只能填写一个：两者指向同一条目录，请删去其中一个',
      '该学习者在 2026-01-10 没有本校的有效学籍',
    ]);
    expect(localiseFieldError('en', fieldError('score', 'REQUIRED'))).toEqual({
      field: 'score',
      code: 'REQUIRED',
      message: 'score is required; send a value for it',
    });
  });
});
