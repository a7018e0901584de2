import { spawnSync } from 'node:child_process';
import { replayThroughCurl } from '../fuzz/curl-replay';
import { validRequests } from '../fuzz/fuzz-bases';
import {
  describeFailure,
  FuzzContext,
  fuzzOperation,
  OperationRun,
  sendAndCheck,
} from '../fuzz/fuzz-runner';
import { REGRESSIONS } from '../fuzz/fuzz-regressions';
import { RAW_BODIES } from '../fuzz/hostile-values';
import { OperationSpec, operationsOf } from '../fuzz/operations';
import { BaseRequest, buildRequest, Mutation } from '../fuzz/request-generator';
import { everySingleMutation } from '../fuzz/single-mutations';
import { aSecurityWorld, SecurityWorld } from '../support/fuzz-world';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Every operation of the app's OpenAPI document, fed hostile requests made
 * from a valid one (see test/fuzz/). Never a 5xx, a 4xx is always problem+json, and a rejected
 * request writes nothing. CI runs a fixed seed and a bounded count; `npm run fuzz -- --seed N
 * --runs M [--only OperationId] [--sweep]` runs longer (it sets the variables read here).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const ONLY = process.env.FUZZ_ONLY?.split(',').filter(Boolean) ?? [];
const SHRINK = process.env.FUZZ_SHRINK === 'true';
const SWEEP = process.env.FUZZ_SWEEP === 'true';

// Static, so that Jest lists one test per operation; the first test checks it against the document.
const OPERATION_IDS = Object.keys(
  validRequests({ learner: {}, victim: {}, tokens: {} } as unknown as SecurityWorld),
).sort();

describe(`fuzzing every operation of the OpenAPI document (seed ${SEED}, ${RUNS} requests each)`, () => {
  let t: TestApp;
  let world: SecurityWorld;
  let operations: Map<string, OperationSpec>;
  let bases: Record<string, BaseRequest>;
  let context: FuzzContext;
  const runs: OperationRun[] = [];

  beforeAll(async () => {
    t = await createTestApp('fuzz openapi');
    world = await aSecurityWorld(t);
    bases = validRequests(world);
    operations = new Map(
      operationsOf(t.app).map((operation) => [operation.operationId, operation]),
    );
    await t.app.listen(0, '127.0.0.1');
    const tokens: Record<string, string> = world.tokens;
    context = {
      baseUrl: (await t.app.getUrl()).replace('[::1]', '127.0.0.1'),
      dataSource: t.superuser,
      tokenFor: (caller) => tokens[caller],
      variables: {
        SCHOOL_A: world.schoolA,
        SCHOOL_B: world.schoolB,
        PROGRAM_A: world.programA,
        COURSE_A: world.courseA,
        BODY_X: world.bodyX,
        SCHEME_X: world.schemeX,
        LEARNER: world.learner.id,
        CREDIT_ENTRY: world.learner.creditEntry,
        CERTIFICATE_ENTRY: world.learner.certificateEntry,
        APPLICATION: world.learner.applicationId,
        RULE: world.ruleA,
      },
      rerun: (operationId) =>
        `npm run fuzz -- --seed ${SEED} --runs ${RUNS} --only ${operationId}${SWEEP ? ' --sweep' : ''}`,
    };
  }, 180_000);

  afterAll(async () => {
    if (runs.length && process.env.FUZZ_REPORT === 'true') {
      const lines = runs.map(
        (run) =>
          `  ${run.operationId.padEnd(36)} ${String(run.requests).padStart(5)}  ${JSON.stringify(run.statuses)}`,
      );
      process.stdout.write(
        `\nfuzz seed ${SEED}, ${RUNS} runs per operation\n${lines.join('\n')}\n`,
      );
    }
    await t?.close();
  }, 60_000);

  it('has a valid request for every operation of the document, and nothing else', () => {
    expect([...operations.keys()].sort()).toEqual(OPERATION_IDS);
  });

  it('admits each valid request (no 401/403) and answers it without a 5xx', async () => {
    const refused: string[] = [];
    for (const operationId of OPERATION_IDS) {
      const operation = operations.get(operationId);
      if (!operation) continue;
      const request = buildRequest(operation, bases[operationId], [], context.tokenFor);
      const { reply, problems } = await sendAndCheck(context, request);
      if ((operation.access !== 'public' && [401, 403].includes(reply.status)) || problems.length) {
        refused.push(
          `${operationId}: ${reply.status} ${problems.join('; ')} ${reply.text.slice(0, 200)}`,
        );
      }
    }
    expect(refused).toEqual([]);
  }, 60_000);

  const hasCurl = spawnSync('curl', ['--version']).status === 0;
  (hasCurl ? it : it.skip)(
    'prints a case as a curl command that replays it byte for byte',
    async () => {
      const cases: Mutation[][] = [
        [
          {
            kind: 'set',
            path: ['term'],
            value: {
              name: 'shell-hostile',
              value: 'a\'b"c $HOME `id` \\ \u0007 \u202E学 \uD800 🙂',
            },
          },
        ],
        [
          {
            kind: 'raw',
            body:
              RAW_BODIES.find((entry) => entry.name === 'nested 10,000 objects') ?? RAW_BODIES[0],
          },
        ],
        [
          {
            kind: 'pathParam',
            name: 'learnerId',
            segment: { name: 'SQL', value: encodeURIComponent("1' OR '1'='1") },
          },
          { kind: 'idempotencyKey', value: { name: 'Latin-1 bytes', value: '\u00e9\u00ff' } },
          {
            kind: 'query',
            name: 'x',
            mode: 'unknown',
            value: { name: 'lone surrogate', value: 'a\uD800b' },
          },
        ],
      ];
      const operation = operations.get('Recording_courseCredit') as OperationSpec;
      for (const mutations of cases) {
        const sent = buildRequest(
          operation,
          bases.Recording_courseCredit,
          mutations,
          context.tokenFor,
        );
        const replayed = await replayThroughCurl(sent, context);
        const latin1 = (value: unknown) => Buffer.from(String(value), 'latin1').toString('hex');
        expect({
          method: replayed.method,
          url: replayed.url,
          body: replayed.body.toString('hex'),
          headers: Object.keys(sent.headers).map((name) => [name, latin1(replayed.headers[name])]),
        }).toEqual({
          method: sent.method,
          url: sent.url,
          body: (sent.body ?? Buffer.alloc(0)).toString('hex'),
          headers: Object.entries(sent.headers).map(([name, value]) => [name, latin1(value)]),
        });
      }
    },
  );

  it.each(
    REGRESSIONS.map(
      (regression) =>
        [
          `${regression.operationId}: ${regression.mutations.map((m) => JSON.stringify(m).slice(0, 80)).join(', ')}`,
          regression,
        ] as const,
    ),
  )('found by fuzzing, tried every time: %s', async (_, regression) => {
    const operation = operations.get(regression.operationId) as OperationSpec;
    const request = buildRequest(
      operation,
      bases[regression.operationId],
      regression.mutations,
      context.tokenFor,
    );
    const { reply, problems } = await sendAndCheck(context, request);
    const outcome = { status: reply.status, problems };
    expect(outcome).toEqual({ status: regression.status, problems: [] });
  });

  (SWEEP ? it : it.skip)(
    'sweep: every single mutation of every valid request, each once (npm run fuzz -- --sweep)',
    async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const operationId of OPERATION_IDS.filter((id) => !ONLY.length || ONLY.includes(id))) {
        const operation = operations.get(operationId) as OperationSpec;
        for (const mutation of everySingleMutation(operation, bases[operationId])) {
          const request = buildRequest(operation, bases[operationId], [mutation], context.tokenFor);
          const { reply, problems } = await sendAndCheck(context, request);
          sent += 1;
          if (problems.length) failures.push(describeFailure(request, reply, problems, context));
        }
      }
      process.stdout.write(`sweep: ${sent} requests, ${failures.length} failing\n`);
      // Thrown, not compared, so that the curl commands print unescaped.
      if (failures.length) throw new Error(failures.slice(0, 20).join('\n\n'));
    },
    1_800_000,
  );

  it.each(OPERATION_IDS.filter((id) => ONLY.length === 0 || ONLY.includes(id)))(
    '%s: hostile requests never answer 5xx, 4xx are problem+json, rejected ones write nothing',
    async (operationId) => {
      const operation = operations.get(operationId);
      if (!operation) throw new Error(`${operationId} is not in the OpenAPI document`);
      runs.push(
        await fuzzOperation(context, operation, bases[operationId], {
          seed: SEED,
          runs: RUNS,
          shrink: SHRINK,
        }),
      );
    },
    600_000,
  );
});
