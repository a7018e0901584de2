/**
 * An example body for every write (POST or PATCH with a body), by operationId, in one place so
 * DTO files stay about validation. Several named examples where the kinds differ (a rule of
 * each kind). The ids are placeholders a client replaces with its own; everything else is a
 * value the API accepts as it stands (test/e2e/openapi-and-boot.e2e-spec.ts posts each one).
 * A new write: add its operationId here, or that test names it.
 */
import { todayInChina } from '@app/core';

export interface RequestExample {
  summary: string;
  value: Record<string, unknown>;
}

/** Placeholders, named for what they stand for. */
const ID = {
  institution: '0b6f2d0e-2a1c-4a8e-9a51-5c1d6f7e8a90',
  certificationBody: '1c7e3f1f-3b2d-4b9f-8b62-6d2e7f8a9b01',
  scheme: '2d8f4a20-4c3e-4ca0-9c73-7e3f8a9bac12',
  program: '3e9a5b31-5d4f-4db1-8d84-8f4a9bacbd23',
  course: '4fab6c42-6e5a-4ec2-9e95-9a5bacbdce34',
  otherCourse: '5abc7d53-7f6b-4fd3-8fa6-ab6cbdcedf45',
  learner: '6bcd8e64-8a7c-4ae4-9ab7-bc7dcedfea56',
  rule: '7cde9f75-9b8d-4bf5-8bc8-cd8edfeafb67',
} as const;

/**
 * A share may run from today to a year ahead: its example ends three months after the day the
 * document is built, so it stays one the API accepts.
 */
function threeMonthsAhead(): string {
  const day = new Date(`${todayInChina()}T00:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + 3);
  return day.toISOString().slice(0, 10);
}

const certificateToCourse = {
  kind: 'CERT_TO_COURSE',
  name: 'Web前端开发职业技能等级证书（中级）免修《网页设计与制作》',
  condition: { certificate: { schemeId: ID.scheme, minLevel: 'INTERMEDIATE', maxAgeYears: 3 } },
  targets: [{ courseId: ID.course }],
  maxCreditsPerEvidence: '8',
  effectiveFrom: '2025-09-01',
};

const courseToExam = {
  kind: 'COURSE_TO_EXAM',
  name: '《网页设计与制作》80 分以上免考 Web 前端开发（初级）理论知识考试',
  condition: { courseCredit: { courseId: ID.course, minScore: 80 } },
  targets: [{ schemeId: ID.scheme, level: 'JUNIOR', component: 'THEORY' }],
  effectiveFrom: '2025-09-01',
};

const courseToCourse = {
  kind: 'COURSE_TO_COURSE',
  name: '兄弟院校《网页设计与制作》学分互认',
  condition: {
    atLeast: {
      n: 1,
      of: [{ courseCredit: { courseId: ID.otherCourse, minScore: 60 } }],
    },
  },
  targets: [{ courseId: ID.course }],
  creditsGranted: '4',
  effectiveFrom: '2025-09-01',
  effectiveTo: '2028-09-01',
};

const one = (summary: string, value: Record<string, unknown>) => ({ example: { summary, value } });

export const REQUEST_EXAMPLES: Record<string, Record<string, RequestExample>> = {
  Auth_login: one('Sign in', { username: 'registrar.hnit', password: 'correct-horse-battery' }),
  Users_create: one('A registrar of one school', {
    username: 'registrar.hnit',
    password: 'correct-horse-battery',
    role: 'REGISTRAR',
    institutionId: ID.institution,
  }),
  Recording_courseCredit: {
    byId: {
      summary: 'A passing score, the course by id',
      value: { courseId: ID.course, term: '2025-2026-1', score: 86.5, completedAt: '2026-01-10' },
    },
    byCode: {
      summary: 'The same, the course by its code at your school (courseCode instead of courseId)',
      value: { courseCode: 'WEB-101', term: '2025-2026-1', score: 86.5, completedAt: '2026-01-10' },
    },
  },
  Recording_certificate: {
    byId: {
      summary: 'An intermediate certificate, the scheme by id',
      value: {
        schemeId: ID.scheme,
        level: 'INTERMEDIATE',
        certificateNo: 'X-WEB-2025-000123',
        issuedAt: '2025-06-30',
        validUntil: '2028-06-30',
      },
    },
    byCode: {
      summary: 'The same, the scheme by its code (schemeCode instead of schemeId)',
      value: {
        schemeCode: 'X-WEB-FE',
        level: 'INTERMEDIATE',
        certificateNo: 'X-WEB-2025-000124',
        issuedAt: '2025-06-30',
        validUntil: '2028-06-30',
      },
    },
  },
  Recording_diploma: {
    byId: {
      summary: 'A diploma, the program by id',
      value: { programId: ID.program, diplomaNo: '143211202506000123', graduatedAt: '2025-06-30' },
    },
    byCode: {
      summary:
        'The same, the program by its code at your school (programCode instead of programId)',
      value: { programCode: '510203', diplomaNo: '143211202506000124', graduatedAt: '2025-06-30' },
    },
  },
  Auth_changePassword: one('Choose your own password (after a reset, before anything else)', {
    currentPassword: 'Temporary-7Kq2-xW9p',
    newPassword: 'xiangjiang-river-morning-27',
  }),
  Users_update: {
    rename: { summary: 'Correct the name shown', value: { displayName: '王芳（教务处）' } },
    disable: {
      summary: 'Disable a login (its tokens stop at once)',
      value: { disabled: true },
    },
    moveScope: {
      summary: 'Make it a registrar of another school',
      value: { role: 'REGISTRAR', institutionId: ID.institution },
    },
  },
  Institutions_update: one('Correct the name', { name: '湖南示范信息职业技术学院（新校区）' }),
  Programs_update: one('Raise the cap on exempt credits', {
    totalCredits: '140',
    maxExemptCredits: '24',
  }),
  Courses_update: one('Correct the hours and category (credits stay once recorded)', {
    name: '网页设计与制作（HTML5）',
    hours: 72,
    category: 'PROFESSIONAL_CORE',
  }),
  Enrolments_enrol: one('Enrol a full-time student in a program', {
    programId: ID.program,
    studentNo: '2025510203001',
    category: 'FULL_TIME',
    startedAt: '2025-09-01',
  }),
  Enrolments_end: one('The student graduated', { status: 'GRADUATED', endedAt: '2026-06-30' }),
  Enrolments_register: one('Register for the intermediate exam of a session', {
    schemeId: ID.scheme,
    level: 'INTERMEDIATE',
    session: '2026-06',
  }),
  Shares_grant: {
    institution: {
      summary: 'Let a school read your account for three months',
      value: { institutionId: ID.institution, until: threeMonthsAhead() },
    },
    certificationBody: {
      summary: 'Let a certification body read it instead',
      value: { certificationBodyId: ID.certificationBody, until: threeMonthsAhead() },
    },
  },
  Recording_reverse: one('A credit recorded for the wrong learner', {
    reason: '成绩误登到其他学生名下，撤销后重新登记',
  }),
  Recording_revoke: one('A certificate withdrawn by its body', {
    reason: '评价组织通知：该证书因考试违纪被撤销',
  }),
  LearnerEligibility_submit: one('Apply under a rule for one of its targets', {
    ruleId: ID.rule,
    target: { courseId: ID.course },
  }),
  Institutions_create: one('A higher vocational college', {
    code: 'HNIT',
    name: '湖南示范信息职业技术学院',
    kind: 'HIGHER_VOCATIONAL',
  }),
  Programs_create: one('A program', {
    code: '510203',
    name: '软件技术',
    totalCredits: '140',
    maxExemptCredits: '20',
  }),
  Courses_create: one('A professional-core course', {
    code: 'WEB-101',
    name: '网页设计与制作',
    credits: '4',
    hours: 64,
    category: 'PROFESSIONAL_CORE',
    programId: ID.program,
  }),
  CertificationBodies_create: one('A certification body', {
    code: 'MIIT-ETC',
    name: '工业和信息化部教育与考试中心',
  }),
  CertificateSchemes_create: one('A 1+X certificate with its three levels', {
    code: 'X-WEB-FE',
    name: 'Web前端开发职业技能等级证书',
    certificationBodyId: ID.certificationBody,
    levels: (['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const).map((level, index) => ({
      level,
      recognisedCredits: String(2 + 2 * index),
      components: [
        { code: 'THEORY', name: '理论知识考试' },
        { code: 'PRACTICAL', name: '实操技能考核' },
      ],
    })),
  }),
  Learners_open: one('A learner with a passport', {
    name: '李明',
    idType: 'PASSPORT',
    idNumber: 'E12345678',
    birthDate: '2004-05-17',
  }),
  ConversionRules_create: {
    certificateToCourse: {
      summary: 'CERT_TO_COURSE 免修: a certificate exempts a course',
      value: certificateToCourse,
    },
    courseToExam: {
      summary: 'COURSE_TO_EXAM 免试: a course credit exempts an exam component',
      value: courseToExam,
    },
    courseToCourse: {
      summary: 'COURSE_TO_COURSE 学分互认: a course credit exempts another course',
      value: courseToCourse,
    },
  },
  ConversionRules_addVersion: one('A new version with a lower level required', {
    name: certificateToCourse.name,
    condition: { certificate: { schemeId: ID.scheme, minLevel: 'JUNIOR' } },
    targets: certificateToCourse.targets,
    maxCreditsPerEvidence: '8',
    effectiveFrom: '2026-02-01',
  }),
  ConversionRules_activate: one('Activate version 2', { version: 2 }),
  Imports_upload: one("A term's grades, as exported by the academic system (CSV or XLSX)", {
    kind: 'COURSE_CREDITS',
    file: '2025-2026-1成绩.csv',
  }),
  ExemptionApplications_decide: one('Approve', {
    decision: 'APPROVE',
    reason: '证书真实有效，等级符合规则，同意免修',
  }),
};
