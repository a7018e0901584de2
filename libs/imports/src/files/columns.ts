/**
 * The columns of each import kind, as a registrar's or examiner's sheet names them. Headers are
 * matched in Chinese or English (header.ts); `example` fills the template's one example row, so
 * it must pass the validators: a rare character in the name (䶮, U+4DAE, lost by GBK), a resident
 * ID with a true GB 11643 check digit, real calendar dates.
 */

export const IMPORT_KINDS = ['COURSE_CREDITS', 'CERTIFICATES', 'DIPLOMAS', 'ENROLMENTS'] as const;

export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === 'string' && (IMPORT_KINDS as readonly string[]).includes(value);
}

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  /** The column must be in the file. Identity columns are never required one by one. */
  required: boolean;
  example: string;
  /**
   * A number that identifies a learner: Excel keeps only 15 significant digits of a number and
   * drops leading zeros, so such a cell stored as a number is refused, never guessed at.
   */
  identity?: boolean;
}

const NAME: ImportColumn = { key: 'name', zh: '姓名', en: 'Name', required: true, example: '李䶮' };
const ID_TYPE: ImportColumn = {
  key: 'idType',
  zh: '证件类型',
  en: 'ID type',
  required: false,
  example: 'RESIDENT_ID',
};
/** 430102 (长沙市芙蓉区), born 1990-01-01, sequence 123, MOD 11-2 check character 8. */
const ID_NUMBER: ImportColumn = {
  key: 'idNumber',
  zh: '证件号码',
  en: 'ID number',
  required: false,
  example: '430102199001011238',
  identity: true,
};
const STUDENT_NO: ImportColumn = {
  key: 'studentNo',
  zh: '学号',
  en: 'Student number',
  required: false,
  example: '2025010001',
  identity: true,
};
const PROGRAM_CODE: ImportColumn = {
  key: 'programCode',
  zh: '专业代码',
  en: 'Program code',
  required: true,
  example: '510203',
};

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  COURSE_CREDITS: [
    NAME,
    ID_TYPE,
    ID_NUMBER,
    STUDENT_NO,
    { key: 'courseCode', zh: '课程代码', en: 'Course code', required: true, example: 'WEB-201' },
    { key: 'term', zh: '学期', en: 'Term', required: true, example: '2025-2026-1' },
    { key: 'score', zh: '成绩', en: 'Score', required: true, example: '85' },
    {
      key: 'completedAt',
      zh: '完成日期',
      en: 'Completed on',
      required: true,
      example: '2026-01-15',
    },
  ],
  CERTIFICATES: [
    NAME,
    ID_TYPE,
    ID_NUMBER,
    {
      key: 'schemeCode',
      zh: '证书代码',
      en: 'Certificate code',
      required: true,
      example: 'X-WEB-FE',
    },
    { key: 'level', zh: '等级', en: 'Level', required: true, example: 'INTERMEDIATE' },
    {
      key: 'certificateNo',
      zh: '证书编号',
      en: 'Certificate number',
      required: true,
      example: 'ZS-2026-000123',
    },
    { key: 'issuedAt', zh: '发证日期', en: 'Issued on', required: true, example: '2026-01-20' },
    {
      key: 'validUntil',
      zh: '有效期至',
      en: 'Valid until',
      required: false,
      example: '2029-01-19',
    },
  ],
  DIPLOMAS: [
    NAME,
    ID_TYPE,
    ID_NUMBER,
    STUDENT_NO,
    PROGRAM_CODE,
    {
      key: 'diplomaNo',
      zh: '毕业证书编号',
      en: 'Diploma number',
      required: true,
      example: '105702026000123',
    },
    {
      key: 'graduatedAt',
      zh: '毕业日期',
      en: 'Graduated on',
      required: true,
      example: '2026-06-30',
    },
  ],
  ENROLMENTS: [
    NAME,
    ID_TYPE,
    ID_NUMBER,
    { key: 'birthDate', zh: '出生日期', en: 'Birth date', required: false, example: '1990-01-01' },
    { ...STUDENT_NO, required: true },
    PROGRAM_CODE,
    { key: 'category', zh: '类别', en: 'Category', required: true, example: 'SOCIAL_LEARNER' },
    { key: 'startedAt', zh: '入学日期', en: 'Started on', required: true, example: '2025-09-01' },
  ],
};

/**
 * The ways a row can name its learner, each a set of columns that must all be present:
 * 证件类型+证件号码, or 学号 at the registrar's school (examiners have no students). A blank
 * 证件类型 cell is a resident ID card (rows/row-rules.ts).
 */
export const IDENTITY_WAYS: Record<ImportKind, readonly (readonly string[])[]> = {
  COURSE_CREDITS: [['idType', 'idNumber'], ['studentNo']],
  CERTIFICATES: [['idType', 'idNumber']],
  DIPLOMAS: [['idType', 'idNumber'], ['studentNo']],
  // A new student is enrolled by identity: the account may have to be opened.
  ENROLMENTS: [['idType', 'idNumber']],
};
