/**
 * Chinese for field messages written in English where they are raised (a DTO's own pattern
 * message, a service's check), keyed by the English text with the field's own name written
 * `{field}`. Messages built from values (a level, a count) have no entry and stay English;
 * give such a check a key in messages.en.ts instead (see README.md).
 */
export const ZH_CN_PHRASES: Record<string, string> = {
  '{field} must be 1–32 letters, digits, ".", "_" or "-", as the catalog lists it':
    '{field} 应为 1–32 个字母、数字、“.”、“_”或“-”，与目录中登记的代码一致（区分大小写）',
  '{field} must be 1–32 letters, digits or "-"': '{field} 应为 1–32 个字母、数字或“-”',
  '{field} must be letters, digits, "_" or "-" (e.g. 2025-06)':
    '{field} 只能由字母、数字、“_”或“-”组成（例如 2025-06）',
  'give exactly one of institutionId and certificationBodyId':
    'institutionId 和 certificationBodyId 须填写且只填写其中一个',
  '{field} must name an existing institution': '{field} 应为已存在的院校',
  '{field} must name an existing certification body': '{field} 应为已存在的评价组织',
  '{field} is not your current password': '{field} 与你的当前密码不一致，请核对后重新输入',
  '{field} must differ from the current password': '{field} 不能与当前密码相同，请换一个新密码',
  '{field} is one of the most common passwords (or one with only digits or symbols added): choose words or characters others would not guess':
    '{field} 是最常见的密码之一（或只是在常见密码前后加了数字、符号）：请换成别人猜不到的词语或字符',
  '{field} contains the username (or the username backwards): choose one that has nothing to do with the username':
    '{field} 包含用户名（或倒写的用户名）：请换一个与用户名无关的密码',
  '{field} is one character repeated or a run of the alphabet, the digits or a keyboard row: choose one that mixes unrelated characters':
    '{field} 是同一字符的重复，或是连续的字母、数字、键盘按键：请换一个由不相关字符混合组成的密码',
  '{field} must be 1–32 letters, digits, ".", "_" or "-"':
    '{field} 应为 1–32 个字母、数字、“.”、“_”或“-”，且以字母或数字开头',
  '{field} must be 1–32 letters, digits, "_" or "-"':
    '{field} 应为 1–32 个字母、数字、“_”或“-”，且以字母或数字开头',
  '{field} may use letters, digits, ".", "_" and "-"': '{field} 只能使用字母、数字、“.”、“_”和“-”',
  '{field} must be 1–16 letters, digits or "-"': '{field} 应为 1–16 个字母、数字或“-”',
  '{field} must be 4–64 letters, digits or "-"': '{field} 应为 4–64 个字母、数字或“-”',
  '{field} is not one this API issued':
    '{field} 不是本接口给出的翻页游标，请使用上一页返回的 nextCursor',
  '{field} must be a sequence number (1, 2, …)': '{field} 应为序号（1、2、……）',
  '{field} must be a sequence number': '{field} 应为序号（0、1、2、……）',
  '{field} must be a tree size (1, 2, …)': '{field} 应为树的大小（1、2、……）',
  '{field} must name a program of this institution': '{field} 应为本校的专业',
  '{field} must not exceed totalCredits': '{field} 不能超过 totalCredits（总学分）',
  '{field} must equal the birth date in the resident ID number':
    '{field} 应与居民身份证号码中的出生日期一致',
  '{field} must name an existing learner': '{field} 应为已存在的学习者',
  '{field} has a wrong check digit': '{field} 的校验位不正确，请核对身份证号码',
  'levels must be JUNIOR, INTERMEDIATE and SENIOR, each once':
    'levels 应包含初级（JUNIOR）、中级（INTERMEDIATE）、高级（SENIOR）各一次',
  'component codes must be unique within a level': '同一等级内的考核模块代码不能重复',
  'must be a UUID': '应为 UUID',
  'must be 1–128 visible ASCII characters': '应为 1–128 个可见 ASCII 字符',
  'duplicate target': '目标重复',
  'no such course': '没有这门课程',
  'no such program': '没有这个专业',
  'no such certificate scheme': '没有这个证书',
  'no such course in your institution': '本校没有这门课程',
  'must not be empty': '不能为空',
  'must be an object': '应为对象',
  'must be a list of conditions': '应为条件列表',
  'must be a non-empty id': '应为非空的 id',
  'must be a positive whole number': '应为正整数',
  'must be a number from 0 to 100': '应为 0 到 100 之间的数字',
  'must be a component code such as THEORY': '应为考核模块代码，例如 THEORY',
  "is not one of the rule's targets": '不是该规则的目标之一',
  "a new version must keep the rule's owner (the same institution or body)":
    '新版本必须保持规则的所属方不变（同一院校或同一评价组织）',
  'all targets must belong to one institution (or one certification body)':
    '所有目标必须属于同一所院校（或同一个评价组织）',
  'a CERT_TO_COURSE rule must name a certificate':
    '证书转课程（CERT_TO_COURSE）规则必须包含证书条件',
  'a COURSE_TO_EXAM rule must name a course credit or a diploma':
    '课程转考核（COURSE_TO_EXAM）规则必须包含课程成绩或毕业证书条件',
  'a COURSE_TO_COURSE rule must name a course credit':
    '课程转课程（COURSE_TO_COURSE）规则必须包含课程成绩条件',
  'cursor was issued for another kind filter: send it with the same kind, or none':
    '该游标是按另一种 kind 筛选得到的：请使用相同的 kind，或不带 kind',
};
