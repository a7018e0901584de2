/**
 * Row: the eligibility scan. 100,000 learners, each holding one certificate and two passing
 * course credits; 200 ACTIVE rules (100 certificate → course 免修, 100 course → course 学分互认).
 * The product scans every rule as a user would ask for it (POST …/eligibility-scan, the worker's
 * BullMQ job, GET /v1/jobs/{id} until done); learners/s = the population covered by all 200
 * rules per second of wall time. The limit: one SELECT reading the same evidence rows (with the
 * cancellation and recognised-credit joins the engine's facts need), grouped per learner.
 */
import {
  bodySql,
  bulkLoad,
  learnersSql,
  schoolSql,
  sqlUuidOf,
  withClient,
} from './support/bench-data';
import { BenchHttp } from './support/bench-http';
import { settings } from './support/bench-settings';
import type { ProductProcess } from './support/product-process';
import { notMeasured, row, Row } from './support/report';

const SCAN = 'scan';
const PATH = `eligibility scan: ${settings.scanLearners.toLocaleString('en-US')} learners, ${settings.scanRules} active rules`;
const LIMIT = 'one SELECT over the same evidence rows';
const RECORDER = '00000000-0000-4000-8000-00000000be12';
const SCHEMES = 20;
const SOURCE_COURSES = 100;

export function scanData(learners: number) {
  const target = schoolSql(`${SCAN}-target`, settings.scanRules);
  const source = schoolSql(`${SCAN}-source`, SOURCE_COURSES);
  const body = bodySql(SCAN, SCHEMES);
  const learner = sqlUuidOf(`${SCAN}/learner`, 'i');
  const population = `generate_series(0, ${learners - 1}) i`;
  const credit = (course: string, key: string) => `
    INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, institution_id, course_id, program_id,
                                term, score, passed, credits, completed_at)
    SELECT ${sqlUuidOf(`${SCAN}/entry`, `i || '${key}'`)}, ${learner}, 'COURSE_CREDIT', '${RECORDER}', 'REGISTRAR',
           '${source.school.institutionId}', ${sqlUuidOf(`${SCAN}-source/course`, course)}, '${source.school.programId}',
           '2024-2025-2', 60 + i % 40, true, 3.00, DATE '2025-01-10'
    FROM ${population}`;
  return {
    target: target.school,
    source: source.school,
    body: body.body,
    statements: [
      ...target.statements,
      ...source.statements,
      ...body.statements,
      learnersSql(SCAN, 0, learners),
      `INSERT INTO ledger_entries (id, learner_id, kind, recorded_by, recorder_role, certification_body_id, scheme_id,
                                   level, certificate_no, issued_at)
       SELECT ${sqlUuidOf(`${SCAN}/entry`, `i || ':cert'`)}, ${learner}, 'CERTIFICATE', '${RECORDER}', 'EXAMINER',
              '${body.body.bodyId}', ${sqlUuidOf(`${SCAN}/scheme`, `i % ${SCHEMES}`)},
              (ARRAY['JUNIOR','INTERMEDIATE','SENIOR'])[1 + (i / ${SCHEMES}) % 3], 'S' || i, DATE '2024-06-30'
       FROM ${population}`,
      credit(`i % ${SOURCE_COURSES}`, ':a'),
      credit(`(7 * i + 3) % ${SOURCE_COURSES}`, ':b'),
    ],
  };
}

type World = ReturnType<typeof scanData>;

/** Rule r: even → a certificate (INTERMEDIATE+) exempts target course r; odd → a source course (≥ 70) counts for it. */
function ruleBody(world: World, r: number) {
  const targets = [{ courseId: world.target.courseIds[r] }];
  return r % 2 === 0
    ? {
        kind: 'CERT_TO_COURSE',
        name: `证书换课程 ${r}`,
        condition: {
          certificate: {
            schemeId: world.body.schemeIds[(r / 2) % SCHEMES],
            minLevel: 'INTERMEDIATE',
          },
        },
        targets,
        effectiveFrom: '2024-09-01',
      }
    : {
        kind: 'COURSE_TO_COURSE',
        name: `学分互认 ${r}`,
        condition: {
          courseCredit: {
            courseId: world.source.courseIds[((r - 1) / 2) % SOURCE_COURSES],
            minScore: 70,
          },
        },
        targets,
        effectiveFrom: '2024-09-01',
      };
}

async function inParallel<T>(
  count: number,
  width: number,
  work: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

interface JobView {
  state: string;
  result: { scanned: number; eligibleCount: number } | null;
  failedReason: string | null;
}

async function oneSelect(
  databaseUrl: string,
  world: World,
): Promise<{ ms: number; learners: number; rows: number }> {
  const sql = `
    SELECT count(*)::int AS learners, sum(n)::int AS rows FROM (
      SELECT e.learner_id, count(*) AS n, bool_or(c.id IS NOT NULL) AS any_cancelled, max(sl.recognised_credits) AS credits
      FROM ledger_entries e
      LEFT JOIN ledger_entries c ON c.cancels_entry_id = e.id AND c.learner_id = e.learner_id
      LEFT JOIN scheme_levels sl ON e.kind = 'CERTIFICATE' AND sl.scheme_id = e.scheme_id AND sl.level = e.level
      WHERE (e.kind = 'CERTIFICATE' AND e.scheme_id = ANY($1::uuid[]))
         OR (e.kind = 'COURSE_CREDIT' AND e.passed AND e.course_id = ANY($2::uuid[]))
      GROUP BY e.learner_id) per_learner`;
  return withClient(databaseUrl, async (client) => {
    const parameters = [world.body.schemeIds, world.source.courseIds];
    await client.query(sql, parameters); // warm the cache, as the product's scans find it
    const started = performance.now();
    const { rows } = await client.query<{ learners: number; rows: number }>(sql, parameters);
    return { ms: performance.now() - started, ...rows[0] };
  });
}

export async function scanRow(context: {
  databaseUrl: string;
  admin: BenchHttp;
  baseUrl: string;
  worker: ProductProcess;
}): Promise<Row[]> {
  if (
    !/eligibility-scan/.test(
      await fetch(`${context.baseUrl}/docs-json`).then((response) => response.text()),
    )
  ) {
    return [
      notMeasured(
        PATH,
        'server',
        LIMIT,
        'the API has no POST /v1/conversion-rules/{id}/eligibility-scan yet',
      ),
    ];
  }
  const learners = settings.scanLearners;
  const world = scanData(learners);
  const loadStarted = performance.now();
  await bulkLoad(context.databaseUrl, world.statements);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const owner = await context.admin.staff('bench-scan-registrar', 'REGISTRAR', {
    institutionId: world.target.institutionId,
  });
  const ruleIds = await inParallel(settings.scanRules, 4, async (r) => {
    const rule = await owner.http.post<{ id: string }>('/v1/conversion-rules', ruleBody(world, r));
    await owner.http.post(`/v1/conversion-rules/${rule.id}/activate`, {});
    return rule.id;
  });

  const started = performance.now();
  const deadline = started + settings.scanTimeoutSeconds * 1000;
  const jobIds: string[] = [];
  for (const ruleId of ruleIds) {
    jobIds.push(
      (await owner.http.post<{ jobId: string }>(`/v1/conversion-rules/${ruleId}/eligibility-scan`))
        .jobId,
    );
  }
  const results: JobView[] = [];
  for (const jobId of jobIds) {
    let job = await owner.http.get<JobView>(`/v1/jobs/${jobId}`);
    while (job.state !== 'completed' && job.state !== 'failed' && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await owner.http.get<JobView>(`/v1/jobs/${jobId}`);
    }
    if (job.state !== 'completed' && job.state !== 'failed') break;
    results.push(job);
  }
  const seconds = (performance.now() - started) / 1000;
  // Nothing more is needed from the queued remainder: stop the worker rather than let it run on.
  if (results.length < jobIds.length) await context.worker.stop();

  const completed = results.filter((job) => job.state === 'completed');
  const failed = results.length - completed.length;
  const evaluations = completed.reduce((sum, job) => sum + (job.result?.scanned ?? 0), 0);
  const eligible = completed.reduce((sum, job) => sum + (job.result?.eligibleCount ?? 0), 0);
  const covered = (learners * completed.length) / jobIds.length;
  const limit = await oneSelect(context.databaseUrl, world);
  const productRate = covered / seconds;
  return [
    row({
      path: PATH,
      mode: 'server',
      product: { rate: productRate, unit: 'learners/s', count: completed.length, failed, seconds },
      limitLabel: LIMIT,
      limit: {
        rate: limit.learners / (limit.ms / 1000),
        unit: 'learners/s',
        count: limit.learners,
        failed: 0,
        seconds: limit.ms / 1000,
      },
      goals: [{ text: '≥ 20,000 learners/s', met: productRate >= 20_000 }],
      note:
        `${completed.length} of ${jobIds.length} scans completed in ${seconds.toFixed(1)} s` +
        `${completed.length < jobIds.length ? ` (stopped at the ${settings.scanTimeoutSeconds} s limit; the rate counts the finished share of the population)` : ''}` +
        `${failed ? `, ${failed} failed` : ''}; ${evaluations.toLocaleString('en-US')} learner × rule evaluations ` +
        `(${Math.round(evaluations / seconds).toLocaleString('en-US')}/s), ${eligible.toLocaleString('en-US')} eligible. ` +
        `The SELECT read ${limit.rows.toLocaleString('en-US')} evidence rows of ${limit.learners.toLocaleString('en-US')} learners ` +
        `in ${Math.round(limit.ms)} ms. Data generated in ${loadSeconds.toFixed(1)} s.`,
    }),
  ];
}
