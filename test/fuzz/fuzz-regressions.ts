import { DATES, FORGED_CURSORS, PATH_SEGMENTS, RAW_BODIES, STRINGS } from './hostile-values';
import { Mutation } from './request-generator';

/**
 * Cases the fuzzer found, kept as fixed examples so that CI tries each one every time (a
 * seeded sample may not draw them again). `status` is the answer the product gives once right.
 */
export interface Regression {
  operationId: string;
  mutations: Mutation[];
  status: number;
}

const named = <T>(pool: { name: string; value: T }[], name: string) => {
  const found = pool.find((entry) => entry.name === name);
  if (!found) throw new Error(`no hostile value named ${name}`);
  return found;
};

export const REGRESSIONS: Regression[] = [
  // Each was a 500 until fixed (bootstrap guards, validation, cursors, scheme and course DTOs).
  {
    operationId: 'ConversionRules_create',
    mutations: [{ kind: 'set', path: ['creditsGranted'], value: { name: 'null', value: null } }],
    status: 201,
  },
  {
    operationId: 'ConversionRules_addVersion',
    mutations: [{ kind: 'set', path: ['creditsGranted'], value: { name: 'null', value: null } }],
    status: 201,
  },
  {
    operationId: 'Recording_reverse',
    mutations: [{ kind: 'raw', body: named(RAW_BODIES, 'nested 10,000 objects') }],
    status: 400,
  },
  {
    operationId: 'ConversionRules_create',
    mutations: [{ kind: 'raw', body: named(RAW_BODIES, 'condition nested 5,000 deep') }],
    status: 400,
  },
  {
    operationId: 'Recording_courseCredit',
    mutations: [
      { kind: 'pathParam', name: 'learnerId', segment: named(PATH_SEGMENTS, 'broken escape') },
    ],
    status: 400,
  },
  {
    operationId: 'Account_account',
    mutations: [
      { kind: 'pathParam', name: 'learnerId', segment: named(PATH_SEGMENTS, '4,000 characters') },
    ],
    status: 414,
  },
  {
    operationId: 'Institutions_list',
    mutations: [
      { kind: 'query', name: 'q', mode: 'unknown', value: named(STRINGS, '40,000 CJK characters') },
    ],
    status: 431,
  },
  {
    operationId: 'Auth_login',
    mutations: [{ kind: 'set', path: ['username'], value: named(STRINGS, 'NUL') }],
    status: 422,
  },
  {
    operationId: 'ConversionRules_create',
    mutations: [{ kind: 'set', path: ['name'], value: named(STRINGS, 'NUL') }],
    status: 422,
  },
  {
    operationId: 'Recording_courseCredit',
    mutations: [{ kind: 'set', path: ['score'], value: { name: '1e-7', value: 1e-7 } }],
    status: 422,
  },
  {
    operationId: 'Account_entries',
    mutations: [
      {
        kind: 'query',
        name: 'cursor',
        mode: 'set',
        value: named(FORGED_CURSORS, 'base64url of "s:" and 19 nines (past bigint)'),
      },
    ],
    status: 422,
  },
  {
    operationId: 'ExemptionApplications_inbox',
    mutations: [
      {
        kind: 'query',
        name: 'cursor',
        mode: 'set',
        value: named(FORGED_CURSORS, 'base64url of an impossible time and a dashes-only id'),
      },
    ],
    status: 422,
  },
  {
    operationId: 'CertificateSchemes_create',
    mutations: [{ kind: 'set', path: ['levels', 0], value: { name: 'empty array', value: [] } }],
    status: 422,
  },
  {
    operationId: 'Courses_create',
    mutations: [{ kind: 'set', path: ['programId'], value: { name: 'null', value: null } }],
    status: 422,
  },
  // A lone surrogate reached jsonb (the audit payload) as a 500, or a text column as U+FFFD.
  ...(
    [
      ['Recording_reverse', 'reason'],
      ['Recording_revoke', 'reason'],
      ['ExemptionApplications_decide', 'reason'],
      ['Institutions_create', 'name'],
      ['Learners_open', 'name'],
    ] as const
  ).map(([operationId, field]) => ({
    operationId,
    mutations: [{ kind: 'set' as const, path: [field], value: named(STRINGS, 'lone surrogate') }],
    status: 422,
  })),
  // Invisible and text-direction characters were stored in names, numbers and reasons.
  ...(
    [
      ['Institutions_create', 'name', 'zero-width space'],
      ['Learners_open', 'name', 'zero-width joiner inside a name'],
      ['ConversionRules_create', 'name', 'word joiner'],
      ['CertificationBodies_create', 'name', 'first strong isolate'],
      ['Recording_certificate', 'certificateNo', 'soft hyphen'],
      ['Auth_login', 'username', 'zero-width space'],
      ['Recording_reverse', 'reason', 'right-to-left override'],
      ['ExemptionApplications_decide', 'reason', 'first strong isolate'],
    ] as const
  ).map(([operationId, field, value]) => ({
    operationId,
    mutations: [{ kind: 'set' as const, path: [field], value: named(STRINGS, value) }],
    status: 422,
  })),
  // Impossible dates: in date fields (refused by the DTOs) and in a cursor, where the date
  // reached PostgreSQL.
  ...(
    [
      ['Recording_courseCredit', 'completedAt'],
      ['Recording_certificate', 'issuedAt'],
      ['ConversionRules_create', 'effectiveFrom'],
    ] as const
  ).map(([operationId, field]) => ({
    operationId,
    mutations: [{ kind: 'set' as const, path: [field], value: named(DATES, '29 February 2025') }],
    status: 422,
  })),
  {
    operationId: 'ExemptionApplications_inbox',
    mutations: [
      {
        kind: 'query',
        name: 'cursor',
        mode: 'set',
        value: named(FORGED_CURSORS, 'base64url of 29 February 2025 (a common year) and a real id'),
      },
    ],
    status: 422,
  },
];
