import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { bearer } from './factories';
import { LEVELS, RaceLearner, RaceWorld } from './race-world';
import { TestApp } from './test-app';

/**
 * What the race properties do to one learner, as a client would over HTTP. An
 * operation names its object by position (a rule's n-th target, the learner's n-th
 * certificate); the object is looked up when the operation's group starts, and every operation
 * of a group is then sent at once.
 */
export type RaceOperation =
  | { op: 'apply'; rule: number; target: number }
  | { op: 'approve'; course: number }
  | { op: 'reject'; course: number }
  | { op: 'revoke'; certificate: number }
  | { op: 'reverseCertificate'; certificate: number }
  | { op: 'reverseExemption'; course: number }
  | { op: 'recordCertificate'; scheme: number; level: number };

const course = fc.integer({ min: 0, max: 4 });
const certificate = fc.integer({ min: 0, max: 5 });

export const raceOperation: fc.Arbitrary<RaceOperation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('apply' as const),
      rule: fc.integer({ min: 0, max: 1 }),
      target: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('approve' as const), course }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), course }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('revoke' as const), certificate }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('reverseCertificate' as const), certificate }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverseExemption' as const), course }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('recordCertificate' as const),
      scheme: fc.integer({ min: 0, max: 1 }),
      level: fc.integer({ min: 0, max: 2 }),
    }),
  },
);

/**
 * A scenario: groups of operations; the groups run one after another, a group's operations at
 * once. The first group applies for all five courses (courses 2 and 3 under either rule), so that
 * the approvals that follow have applications to race over.
 */
export const raceScenario: fc.Arbitrary<RaceOperation[][]> = fc
  .tuple(
    fc.integer({ min: 0, max: 1 }),
    fc.integer({ min: 0, max: 1 }),
    fc.array(fc.array(raceOperation, { minLength: 1, maxLength: 5 }), {
      minLength: 4,
      maxLength: 9,
    }),
  )
  .map(([ruleFor2, ruleFor3, groups]) => [
    [
      { op: 'apply' as const, rule: 0, target: 0 },
      { op: 'apply' as const, rule: 0, target: 1 },
      { op: 'apply' as const, rule: ruleFor2, target: ruleFor2 === 0 ? 2 : 0 },
      { op: 'apply' as const, rule: ruleFor3, target: ruleFor3 === 0 ? 3 : 1 },
      { op: 'apply' as const, rule: 1, target: 2 },
    ],
    ...groups,
  ]);

/** The answers each operation may give; anything else (a 5xx above all) breaks the property. */
const ALLOWED: Record<RaceOperation['op'], readonly number[]> = {
  apply: [201, 409, 422], // 409: an application for that target is already open; 422: not eligible
  approve: [200, 409, 422], // 409: already decided, or the target is already exempted; 422: no longer eligible
  reject: [200, 409],
  revoke: [201, 409], // 409: already cancelled
  reverseCertificate: [201, 409],
  reverseExemption: [201, 409],
  recordCertificate: [201, 409], // 409: a certificate of that scheme and level already stands
};

export interface Sent {
  operation: RaceOperation;
  method: string;
  path: string;
  body: object;
  status: number;
  code?: string;
}

interface Request {
  operation: RaceOperation;
  path: string;
  token: string;
  body: object;
}

/** Sends one group at once; operations whose object does not exist yet are left out. */
export async function runGroup(
  t: TestApp,
  world: RaceWorld,
  learner: RaceLearner,
  group: RaceOperation[],
): Promise<Sent[]> {
  const requests: Request[] = [];
  for (const operation of group) {
    const request = await resolve(t, world, learner, operation);
    if (request) requests.push(request);
  }
  const answers = await Promise.all(
    requests.map((request) =>
      t.http().post(request.path).set(bearer(request.token)).send(request.body),
    ),
  );
  const sent = requests.map((request, index): Sent => {
    const body = answers[index].body as { code?: string; id?: string };
    return {
      operation: request.operation,
      method: 'POST',
      path: request.path,
      body: request.body,
      status: answers[index].status,
      code: body?.code,
    };
  });
  answers.forEach((answer, index) => {
    if (requests[index].operation.op === 'recordCertificate' && answer.status === 201)
      learner.certificates.push((answer.body as { id: string }).id);
  });
  return sent;
}

/** The answers that break the property: a 5xx, or a status the operation never gives. */
export function unexpectedAnswers(sent: readonly Sent[]): Sent[] {
  return sent.filter((answer) => !ALLOWED[answer.operation.op].includes(answer.status));
}

async function resolve(
  t: TestApp,
  world: RaceWorld,
  learner: RaceLearner,
  operation: RaceOperation,
): Promise<Request | undefined> {
  const reason = { reason: '并发演练：更正记录' };
  switch (operation.op) {
    case 'apply': {
      const rule = world.rules[operation.rule];
      const courseId = world.courses[rule.targets[operation.target % rule.targets.length]];
      return {
        operation,
        path: `/v1/learners/${learner.id}/exemption-applications`,
        token: learner.token,
        body: { ruleId: rule.id, target: { courseId } },
      };
    }
    case 'approve':
    case 'reject': {
      const applicationId = await latestApplication(t, learner.id, world.courses[operation.course]);
      if (!applicationId) return undefined;
      const decision = operation.op === 'approve' ? 'APPROVE' : 'REJECT';
      return {
        operation,
        path: `/v1/exemption-applications/${applicationId}/decision`,
        token: world.registrar,
        body: { decision, reason: '材料齐全' },
      };
    }
    case 'revoke':
    case 'reverseCertificate': {
      const entryId = learner.certificates[operation.certificate % learner.certificates.length];
      const path =
        operation.op === 'revoke'
          ? `/v1/certificates/${entryId}/revocation`
          : `/v1/entries/${entryId}/reversal`;
      return { operation, path, token: world.examiner, body: reason };
    }
    case 'reverseExemption': {
      const rows: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM ledger_entries WHERE learner_id = $1 AND course_id = $2 AND kind = 'COURSE_EXEMPTION'
          ORDER BY ledger_entry_stands(id) DESC, seq DESC LIMIT 1`,
        [learner.id, world.courses[operation.course]],
      );
      if (rows.length === 0) return undefined;
      return {
        operation,
        path: `/v1/entries/${rows[0].id}/reversal`,
        token: world.registrar,
        body: reason,
      };
    }
    case 'recordCertificate':
      return {
        operation,
        path: `/v1/learners/${learner.id}/certificates`,
        token: world.examiner,
        body: {
          schemeId: world.schemes[operation.scheme],
          level: LEVELS[operation.level],
          certificateNo: `RACE-${randomBytes(4).toString('hex').toUpperCase()}`,
          issuedAt: '2025-06-30',
        },
      };
  }
}

/** The learner's newest application for a course: open first, else the last decided one (a decision then answers 409). */
async function latestApplication(
  t: TestApp,
  learnerId: string,
  courseId: string,
): Promise<string | undefined> {
  const rows: { id: string }[] = await t.dataSource.query(
    `SELECT id FROM exemption_applications WHERE learner_id = $1 AND target->>'courseId' = $2
      ORDER BY (status = 'SUBMITTED') DESC, submitted_at DESC, id LIMIT 1`,
    [learnerId, courseId],
  );
  return rows[0]?.id;
}

/** One line per operation, for a failing case. */
export function describeSent(sent: readonly Sent[]): string {
  return sent
    .map(
      (answer) =>
        `${answer.method} ${answer.path} ${JSON.stringify(answer.body)} → ${answer.status}${answer.code ? ` ${answer.code}` : ''}`,
    )
    .join('\n');
}
