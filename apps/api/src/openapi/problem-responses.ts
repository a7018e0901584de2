import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { EN, ProblemKey, problem } from '@app/core';
import type { RouteFacts } from './route-facts';

/** The problem+json body every error answers with (RFC 9457), as the filter writes it. */
const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  FieldError: {
    type: 'object',
    required: ['field', 'code', 'message'],
    properties: {
      field: { type: 'string', description: 'The field, by its path (`targets.0.courseId`).' },
      code: {
        type: 'string',
        description:
          'Stable per constraint: REQUIRED, UNKNOWN_FIELD, WRONG_TYPE, TOO_MANY_DECIMALS, NOT_DECIMAL, TOO_SMALL, TOO_LARGE, OUT_OF_RANGE, LENGTH, NOT_ALLOWED_VALUE, NOT_UUID, NOT_A_DATE, DATE_IN_FUTURE, INVALID_FORMAT, INVALID…',
      },
      message: {
        type: 'string',
        description: 'What is wrong and how to fix it, in the answer’s language.',
      },
    },
  },
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    description:
      'application/problem+json (RFC 9457). `title`, `detail` and each field message are in zh-CN or English by Accept-Language (zh-CN by default); Content-Language says which. Branch on `code`, never on the text.',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Stable: clients branch on it.' },
      instance: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        description: 'With VALIDATION_FAILED: one entry per field problem.',
        items: { $ref: '#/components/schemas/FieldError' },
      },
    },
  },
};

/** What a 404 on a path with this parameter says: the thing the id names was not found. */
const NOT_FOUND_BY_PARAMETER: Record<string, ProblemKey> = {
  learnerId: 'ACCOUNTS.LEARNER_NOT_FOUND',
  institutionId: 'CATALOG.INSTITUTION_NOT_FOUND',
  programId: 'CATALOG.PROGRAM_NOT_FOUND',
  courseId: 'CATALOG.COURSE_NOT_FOUND',
  schemeId: 'CATALOG.SCHEME_NOT_FOUND',
  certificationBodyId: 'CATALOG.CERTIFICATION_BODY_NOT_FOUND',
  bodyId: 'CATALOG.CERTIFICATION_BODY_NOT_FOUND',
  ruleId: 'CONVERSION.RULE_NOT_FOUND',
  applicationId: 'CONVERSION.APPLICATION_NOT_FOUND',
  jobId: 'JOBS.NOT_FOUND',
  entryId: 'LEDGER.ENTRY_NOT_FOUND',
  enrolmentId: 'RELATIONSHIPS.ENROLMENT_NOT_FOUND',
  shareId: 'RELATIONSHIPS.SHARE_NOT_FOUND',
  importId: 'IMPORTS.NOT_FOUND',
};

/** The codes a new password may be refused with (libs/users/src/passwords/password-policy.ts). */
const WEAK_PASSWORD = [
  'AUTH.PASSWORD_TOO_COMMON',
  'AUTH.PASSWORD_CONTAINS_USERNAME',
  'AUTH.PASSWORD_TOO_PREDICTABLE',
];

/**
 * Codes an operation answers beyond those its shape implies (conflicts of a create, domain
 * refusals), by operationId. A code not in the dictionaries is listed all the same.
 */
const OPERATION_CODES: Record<string, Partial<Record<number, string[]>>> = {
  Auth_login: { 401: ['AUTH.INVALID_CREDENTIALS', 'AUTH.ACCOUNT_DISABLED'] },
  Auth_changePassword: {
    422: ['AUTH.CURRENT_PASSWORD_WRONG', 'AUTH.PASSWORD_UNCHANGED', ...WEAK_PASSWORD],
  },
  Users_create: { 409: ['AUTH.USERNAME_TAKEN', 'AUTH.LEARNER_HAS_LOGIN'], 422: WEAK_PASSWORD },
  Users_get: { 404: ['USERS.NOT_FOUND'] },
  Users_update: { 404: ['USERS.NOT_FOUND'], 409: ['USERS.LAST_ADMIN', 'AUTH.LEARNER_HAS_LOGIN'] },
  Users_resetPassword: { 404: ['USERS.NOT_FOUND'] },
  Institutions_create: { 409: ['CATALOG.INSTITUTION_CODE_TAKEN'] },
  Programs_create: { 409: ['CATALOG.PROGRAM_CODE_TAKEN'] },
  Programs_update: { 409: ['CATALOG.PROGRAM_CAP_BELOW_EXEMPTED'] },
  Courses_create: { 409: ['CATALOG.COURSE_CODE_TAKEN'], 404: ['CATALOG.PROGRAM_NOT_FOUND'] },
  Courses_update: { 409: ['CATALOG.COURSE_CREDITS_RECORDED'] },
  CertificationBodies_create: { 409: ['CATALOG.CERTIFICATION_BODY_CODE_TAKEN'] },
  CertificateSchemes_create: {
    409: ['CATALOG.SCHEME_CODE_TAKEN'],
    404: ['CATALOG.CERTIFICATION_BODY_NOT_FOUND'],
  },
  Learners_open: { 409: ['ACCOUNTS.LEARNER_EXISTS'] },
  Imports_upload: {
    400: ['IMPORTS.UPLOAD_BROKEN'],
    409: ['IMPORTS.ALREADY_UPLOADED'],
    413: ['IMPORTS.FILE_TOO_LARGE'],
    415: ['IMPORTS.NOT_MULTIPART'],
    422: ['IMPORTS.EMPTY', 'IMPORTS.UNSUPPORTED_FORMAT'],
  },
  Imports_commit: {
    409: ['IMPORTS.NOT_VALIDATED', 'IMPORTS.ALREADY_COMMITTED', 'IMPORTS.NOTHING_TO_COMMIT'],
  },
  Recording_courseCredit: {
    409: ['LEDGER.CREDIT_ALREADY_RECORDED', 'LEDGER.COURSE_ALREADY_EXEMPTED'],
    404: ['CATALOG.COURSE_NOT_FOUND'],
    422: ['RELATIONSHIPS.NOT_ENROLLED'],
  },
  Recording_certificate: {
    409: ['LEDGER.CERTIFICATE_NUMBER_TAKEN', 'LEDGER.CERTIFICATE_LEVEL_ALREADY_HELD'],
    404: ['CATALOG.SCHEME_NOT_FOUND'],
    422: ['RELATIONSHIPS.NOT_REGISTERED'],
  },
  Recording_diploma: {
    409: ['LEDGER.DIPLOMA_NUMBER_TAKEN', 'LEDGER.DIPLOMA_ALREADY_RECORDED'],
    404: ['CATALOG.PROGRAM_NOT_FOUND'],
    422: ['RELATIONSHIPS.NOT_ENROLLED'],
  },
  Enrolments_enrol: {
    409: ['RELATIONSHIPS.STUDENT_NO_TAKEN', 'RELATIONSHIPS.ALREADY_ENROLLED'],
    404: ['CATALOG.PROGRAM_NOT_FOUND'],
  },
  Enrolments_end: { 409: ['RELATIONSHIPS.ENROLMENT_ENDED'] },
  Enrolments_register: {
    409: ['RELATIONSHIPS.ALREADY_REGISTERED'],
    404: ['CATALOG.SCHEME_NOT_FOUND'],
  },
  Shares_grant: { 404: ['CATALOG.INSTITUTION_NOT_FOUND', 'CATALOG.CERTIFICATION_BODY_NOT_FOUND'] },
  Shares_withdraw: { 409: ['RELATIONSHIPS.SHARE_WITHDRAWN'] },
  Recording_reverse: { 409: ['LEDGER.ALREADY_CANCELLED'], 422: ['LEDGER.NOT_CANCELLABLE'] },
  Recording_revoke: { 409: ['LEDGER.ALREADY_CANCELLED'], 422: ['LEDGER.NOT_CANCELLABLE'] },
  Recording_reversalPreview: { 409: ['LEDGER.ALREADY_CANCELLED'], 422: ['LEDGER.NOT_CANCELLABLE'] },
  Recording_revocationPreview: {
    409: ['LEDGER.ALREADY_CANCELLED'],
    422: ['LEDGER.NOT_CANCELLABLE'],
  },
  LearnerEligibility_submit: {
    409: [
      'CONVERSION.APPLICATION_ALREADY_OPEN',
      'CONVERSION.RULE_NOT_ACTIVE',
      'LEDGER.EXEMPTION_ALREADY_STANDS',
      'LEDGER.COURSE_ALREADY_CREDITED',
    ],
    422: ['CONVERSION.NOT_ELIGIBLE'],
  },
  ConversionRules_create: { 404: ['CATALOG.COURSE_NOT_FOUND'] },
  ConversionRules_addVersion: { 409: ['CONVERSION.NOTHING_TO_ACTIVATE'] },
  ConversionRules_activate: {
    409: ['CONVERSION.NOTHING_TO_ACTIVATE'],
    404: ['CONVERSION.RULE_VERSION_NOT_FOUND'],
  },
  ConversionRules_overlaps: {
    409: ['CONVERSION.NOTHING_TO_ACTIVATE'],
    404: ['CONVERSION.RULE_VERSION_NOT_FOUND'],
  },
  ConversionRules_scan: {
    409: ['CONVERSION.SCAN_ALREADY_QUEUED', 'CONVERSION.RULE_NOT_ACTIVE'],
    503: ['JOBS.QUEUE_UNAVAILABLE'],
  },
  ExemptionApplications_decide: {
    409: ['CONVERSION.APPLICATION_ALREADY_DECIDED'],
    422: ['CONVERSION.NOT_ELIGIBLE'],
  },
  Audit_signTreeHead: { 409: ['AUDIT.CHAIN_BROKEN'] },
  Audit_latestTreeHead: { 404: ['AUDIT.NO_TREE_HEAD'] },
  Audit_inclusionProof: { 404: ['AUDIT.TREE_SIZE_BEYOND_LOG'] },
  Audit_consistencyProof: { 404: ['AUDIT.TREE_SIZE_BEYOND_LOG'] },
};

const HEADINGS: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'No valid credentials',
  403: "The caller's role may not do this, or the login must first change its reset password",
  404: 'Not found, or not visible to the caller (the same answer, so existence does not leak)',
  409: 'Conflicts with what is recorded',
  413: 'The body is larger than the server accepts',
  415: 'The body is not application/json',
  422: 'Invalid input: `errors` names each field',
  429: 'Too many requests: wait for Retry-After',
  500: 'An unexpected fault; the body says nothing internal, the log has the request id',
  503: 'A service it needs is unavailable: retry later',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function exampleOf(status: number, code: string): Record<string, unknown> {
  const text = (EN.problems as Record<string, { title: string; detail: string } | undefined>)[code];
  const body = problem(status, code, text?.title ?? HEADINGS[status], text?.detail ?? '');
  if (code === 'VALIDATION_FAILED')
    body.errors = [
      { field: 'score', code: 'REQUIRED', message: 'score is required; send a value for it' },
    ];
  return body;
}

function response(status: number, codes: string[]): ResponseObject {
  const unique = [...new Set(codes)];
  if (!unique.length)
    return {
      description: `${HEADINGS[status]}.`,
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      },
    };
  return {
    description: `${HEADINGS[status]}. Codes: ${unique.join(', ')}.`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Problem' },
            { type: 'object', properties: { code: { type: 'string', enum: unique } } },
          ],
        },
        example: exampleOf(status, unique[0]),
      },
    },
  };
}

/** The error responses an operation may give, with their codes, from its shape and facts. */
function problemsOf(
  method: string,
  operation: OperationObject,
  facts: RouteFacts | undefined,
): Map<number, string[]> {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const hasQuery = parameters.some((parameter) => parameter.in === 'query');
  const idempotent = parameters.some((parameter) => parameter.name === 'Idempotency-Key');
  const hasBody = operation.requestBody !== undefined;
  const secured = facts ? !facts.isPublic : (operation.security ?? []).length > 0;
  const codes = new Map<number, string[]>();
  const add = (status: number, ...more: string[]) =>
    codes.set(status, [...(codes.get(status) ?? []), ...more]);
  if (hasBody) {
    add(400, 'REQUEST.MALFORMED_JSON', 'REQUEST.JSON_TOO_DEEP');
    add(413, 'REQUEST.BODY_TOO_LARGE');
    add(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  }
  const extra = OPERATION_CODES[operation.operationId ?? ''] ?? {};
  if (secured)
    add(
      401,
      'AUTH.UNAUTHENTICATED',
      'AUTH.INVALID_TOKEN',
      'AUTH.TOKEN_REVOKED',
      'AUTH.ACCOUNT_DISABLED',
    );
  if (secured && facts && facts.roles.length > 0 && facts.roles.length < 4)
    add(403, 'AUTH.FORBIDDEN');
  // A login whose password an administrator reset may only change it (and read itself) first.
  if (secured && facts && !facts.beforePasswordChange) add(403, 'AUTH.PASSWORD_CHANGE_REQUIRED');
  // A parameter the map does not know (`id`) says nothing when the operation names its 404.
  for (const parameter of inPath) {
    const named = NOT_FOUND_BY_PARAMETER[parameter.name];
    if (named || !extra[404]) add(404, named ?? 'NOT_FOUND');
  }
  if (hasBody || hasQuery || inPath.length > 0) add(422, 'VALIDATION_FAILED');
  if (idempotent) add(422, 'IDEMPOTENCY.KEY_REUSED');
  if (facts?.throttled) add(429, 'REQUEST.RATE_LIMITED');
  const creates = method === 'post' && operation.responses?.['201'] !== undefined;
  for (const [status, more] of Object.entries(extra)) add(Number(status), ...(more ?? []));
  // A create may meet a row already standing: the conflict is documented even before its code is.
  if (creates && !codes.has(409)) add(409);
  add(500, 'INTERNAL');
  return codes;
}

/**
 * Adds to every operation the problem+json responses it may answer (400/401/403/404/409/413/
 * 415/422/429 as its shape and roles imply, and 500 everywhere), each with the codes it may carry, and the Problem
 * schema they share. Responses a controller declares itself are kept.
 */
export function documentProblems(document: OpenAPIObject, facts: Map<string, RouteFacts>): void {
  document.components = document.components ?? {};
  document.components.schemas = { ...document.components.schemas, ...PROBLEM_SCHEMAS };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
      const found = problemsOf(method, operation, facts.get(operation.operationId ?? ''));
      for (const [status, codes] of [...found.entries()].sort(([a], [b]) => a - b))
        if (!responses[String(status)]) responses[String(status)] = response(status, codes);
      operation.responses = responses;
    }
  }
}
