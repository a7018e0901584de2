import { mod11_2CheckChar } from '@app/accounts';
import { Role } from '@app/core';

/**
 * Demo logins (deterministic, printed at start), learners and the outcomes on their accounts.
 * Dates lie in the past and numbers are valid but invented: GB 11643 check digits are computed.
 */
export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  /** How views name the person who recorded or decided something. */
  displayName: string;
  /** What the login is scoped to: a school key, a body code or a learner key. */
  scope?: { school?: 'higher' | 'secondary'; body?: string; learner?: DemoLearnerKey };
  description: string;
}

export type DemoLearnerKey = 'zhangWei' | 'liNa' | 'wangFang' | 'chenSiyuan';

export const DEMO_LOGINS: DemoLogin[] = [
  {
    username: 'demo-admin',
    displayName: '学分银行运营 赵磊',
    password: 'Demo-Admin-2026!',
    role: Role.ADMIN,
    description: 'credit-bank operator',
  },
  {
    username: 'demo-registrar-hvc',
    displayName: '教务处 刘敏',
    password: 'Demo-Registrar-2026!',
    role: Role.REGISTRAR,
    scope: { school: 'higher' },
    description: '教务, 湖南示范信息职业技术学院',
  },
  {
    username: 'demo-registrar-svs',
    displayName: '教务科 周静',
    password: 'Demo-Registrar-2026!',
    role: Role.REGISTRAR,
    scope: { school: 'secondary' },
    description: '教务, 长沙市示范中等职业学校',
  },
  {
    username: 'demo-examiner-miit',
    displayName: '考务 陈刚',
    password: 'Demo-Examiner-2026!',
    role: Role.EXAMINER,
    scope: { body: 'MIIT-CEEC' },
    description: '工业和信息化部教育与考试中心 (Web前端开发)',
  },
  {
    username: 'demo-learner-1',
    displayName: '张伟',
    password: 'Demo-Learner-2026!',
    role: Role.LEARNER,
    scope: { learner: 'zhangWei' },
    description: '张伟, 软件技术, 湖南示范信息职业技术学院',
  },
  {
    username: 'demo-learner-2',
    displayName: '王芳',
    password: 'Demo-Learner-2026!',
    role: Role.LEARNER,
    scope: { learner: 'wangFang' },
    description: '王芳, 计算机应用, 长沙市示范中等职业学校',
  },
];

function residentId(region: string, birthDate: string, sequence: string): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + mod11_2CheckChar(first17);
}

export interface DemoLearner {
  key: DemoLearnerKey;
  name: string;
  idType: 'RESIDENT_ID' | 'PASSPORT';
  idNumber: string;
  birthDate?: string;
  /** The school whose registrar opens the account; ADMIN opens it otherwise. */
  openedBy?: 'higher' | 'secondary';
  /** 学籍: where the learner studies (or studied), made by that school's registrar. */
  enrolment: {
    school: 'higher' | 'secondary';
    program: string;
    studentNo: string;
    category: 'FULL_TIME' | 'SOCIAL_LEARNER';
    startedAt: string;
    graduatedAt?: string;
  };
}

export const DEMO_LEARNERS: DemoLearner[] = [
  {
    key: 'zhangWei',
    name: '张伟',
    idType: 'RESIDENT_ID',
    idNumber: residentId('430102', '2004-03-15', '137'),
    openedBy: 'higher',
    enrolment: {
      school: 'higher',
      program: '510203',
      studentNo: '2023510203137',
      category: 'FULL_TIME',
      startedAt: '2023-09-01',
    },
  },
  {
    key: 'liNa',
    name: '李娜',
    idType: 'RESIDENT_ID',
    idNumber: residentId('430104', '2003-07-21', '246'),
    openedBy: 'higher',
    enrolment: {
      school: 'higher',
      program: '510203',
      studentNo: '2022510203246',
      category: 'FULL_TIME',
      startedAt: '2022-09-01',
      graduatedAt: '2025-06-30',
    },
  },
  {
    key: 'wangFang',
    name: '王芳',
    idType: 'RESIDENT_ID',
    idNumber: residentId('430602', '2008-09-12', '068'),
    openedBy: 'secondary',
    enrolment: {
      school: 'secondary',
      program: '710201',
      studentNo: '2024710201068',
      category: 'FULL_TIME',
      startedAt: '2024-09-01',
    },
  },
  {
    key: 'chenSiyuan',
    name: '陈思远',
    idType: 'PASSPORT',
    idNumber: 'E90817263',
    birthDate: '1996-04-02',
    // A working adult in the college's continuing education: a 社会学习者 (social learner).
    enrolment: {
      school: 'higher',
      program: '530701',
      studentNo: 'SL2024530701912',
      category: 'SOCIAL_LEARNER',
      startedAt: '2024-09-01',
    },
  },
];

export type DemoOutcome =
  | {
      kind: 'credit';
      learner: DemoLearnerKey;
      course: string;
      term: string;
      score: number;
      completedAt: string;
    }
  | {
      kind: 'certificate';
      learner: DemoLearnerKey;
      scheme: string;
      level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';
      certificateNo: string;
      issuedAt: string;
      validUntil?: string;
    }
  | {
      kind: 'diploma';
      learner: DemoLearnerKey;
      program: string;
      diplomaNo: string;
      graduatedAt: string;
    };

const credit = (
  learner: DemoLearnerKey,
  course: string,
  term: string,
  score: number,
  completedAt: string,
): DemoOutcome => ({
  kind: 'credit',
  learner,
  course,
  term,
  score,
  completedAt,
});

/** In recording order; each is recorded once, under the Idempotency-Key `demo-seed-<index>`. */
export const DEMO_OUTCOMES: DemoOutcome[] = [
  credit('zhangWei', 'HV-GE101', '2023-2024-1', 88, '2024-01-12'),
  credit('zhangWei', 'HV-SE101', '2023-2024-1', 76, '2024-01-15'),
  credit('zhangWei', 'HV-WEB101', '2023-2024-1', 92, '2024-01-16'),
  credit('zhangWei', 'HV-WEB102', '2023-2024-2', 85, '2024-06-28'),
  // A failed attempt, then the retake.
  credit('zhangWei', 'HV-SE102', '2023-2024-2', 52, '2024-06-27'),
  credit('zhangWei', 'HV-SE102', '2024-2025-1', 71, '2025-01-10'),
  credit('zhangWei', 'HV-WEB201', '2024-2025-1', 81, '2025-01-14'),
  {
    kind: 'certificate',
    learner: 'zhangWei',
    scheme: 'X-WEB-FE',
    level: 'INTERMEDIATE',
    certificateNo: 'WEBFE-M-2025-000137',
    issuedAt: '2025-06-20',
    validUntil: '2029-06-19',
  },
  credit('liNa', 'HV-GE102', '2022-2023-1', 79, '2023-01-10'),
  credit('liNa', 'HV-WEB101', '2022-2023-1', 90, '2023-01-12'),
  credit('liNa', 'HV-WEB201', '2023-2024-1', 87, '2024-01-11'),
  {
    kind: 'certificate',
    learner: 'liNa',
    scheme: 'X-WEB-FE',
    level: 'JUNIOR',
    certificateNo: 'WEBFE-J-2023-000246',
    issuedAt: '2023-06-18',
  },
  {
    kind: 'diploma',
    learner: 'liNa',
    program: '510203',
    diplomaNo: '135811202506000246',
    graduatedAt: '2025-06-30',
  },
  credit('wangFang', 'SV-GE101', '2024-2025-1', 85, '2025-01-08'),
  credit('wangFang', 'SV-IT101', '2024-2025-1', 78, '2025-01-09'),
  credit('wangFang', 'SV-WEB101', '2024-2025-2', 90, '2025-06-25'),
  {
    kind: 'certificate',
    learner: 'wangFang',
    scheme: 'X-WEB-FE',
    level: 'JUNIOR',
    certificateNo: 'WEBFE-J-2025-000068',
    issuedAt: '2025-07-05',
    validUntil: '2029-07-04',
  },
  {
    kind: 'certificate',
    learner: 'chenSiyuan',
    scheme: 'X-WEB-FE',
    level: 'SENIOR',
    certificateNo: 'WEBFE-S-2024-000912',
    issuedAt: '2024-11-30',
    validUntil: '2028-11-29',
  },
];
