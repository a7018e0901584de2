import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiProblem, get, post } from '../api';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice, useProblemText } from '../ui/problem';
import { Badge, DateText, NumberText } from '../ui/text';
import { loadCatalog, type Catalog } from './catalog';
import { lifecycleTone } from './rules';
import type {
  Activation,
  OverlapEntry,
  OverlapPreview,
  Retirement,
  Rule,
  RuleVersion,
  ScanJob,
} from './types';
import {
  conditionLines,
  newestVersion,
  overlapWords,
  ownerWords,
  targetWords,
  type ConditionLine,
} from './words';
import './staff.css';

/** May the signed-in user change this rule (activate, retire, scan)? The owner's side, or ADMIN. */
function owns(me: ReturnType<typeof useMe>, rule: Rule): boolean {
  if (me.role === 'ADMIN') return true;
  if (me.role === 'REGISTRAR') return rule.ownerInstitutionId === me.institutionId;
  if (me.role === 'EXAMINER') return rule.ownerCertificationBodyId === me.certificationBodyId;
  return false;
}

function Lines({ line }: { line: ConditionLine }) {
  return (
    <li>
      {line.text}
      {line.parts && (
        <ul>
          {line.parts.map((part, index) => (
            <Lines key={index} line={part} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ConditionWords({ catalog, version }: { catalog: Catalog; version: RuleVersion }) {
  const t = useT();
  return (
    <ul class="condition-words">
      <Lines line={conditionLines(t, catalog, version.condition)} />
    </ul>
  );
}

function VersionCard({
  catalog,
  version,
  exam,
}: {
  catalog: Catalog;
  version: RuleVersion;
  exam: boolean;
}) {
  const t = useT();
  return (
    <li class="card">
      <div class="card-head">
        <p class="card-title">
          {fill(t.staff.versionLabel, { version: version.version })} · {version.name}
        </p>
        <Badge tone={lifecycleTone(version.status)}>{t.enums.ruleStatus[version.status]}</Badge>
      </div>
      <p class="card-meta">{t.staff.conditionTitle}</p>
      <ConditionWords catalog={catalog} version={version} />
      <p class="card-meta">{t.staff.targetsTitle}</p>
      <ul class="reasons">
        {version.targets.map((target, index) => (
          <li key={index}>{targetWords(t, catalog, target)}</li>
        ))}
      </ul>
      <dl class="facts">
        <dt>{t.staff.creditsGranted}</dt>
        <dd>
          {version.creditsGranted === null ? (
            exam ? (
              t.staff.creditsDefaultExam
            ) : (
              t.staff.creditsDefault
            )
          ) : (
            <NumberText value={version.creditsGranted} />
          )}
        </dd>
        {version.maxCreditsPerEvidence !== null && (
          <>
            <dt>{t.staff.maxCreditsPerEvidence}</dt>
            <dd>
              <NumberText value={version.maxCreditsPerEvidence} />
            </dd>
          </>
        )}
        <dt>{t.staff.effective}</dt>
        <dd>
          <DateText value={version.effectiveFrom} />
          {' – '}
          {version.effectiveTo ? <DateText value={version.effectiveTo} /> : t.staff.openEnded}
        </dd>
        {version.activatedAt && (
          <>
            <dt>{t.staff.activatedAt}</dt>
            <dd>
              <DateText value={version.activatedAt} withTime />
            </dd>
          </>
        )}
        {version.endedAt && (
          <>
            <dt>{t.staff.endedAt}</dt>
            <dd>
              <DateText value={version.endedAt} withTime />
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

function OverlapList({ catalog, overlaps }: { catalog: Catalog; overlaps: OverlapEntry[] }) {
  const t = useT();
  if (overlaps.length === 0) return <p>{t.staff.noOverlaps}</p>;
  return (
    <ul class="reasons">
      {overlaps.map((entry, index) => (
        <li key={index}>{overlapWords(t, catalog, entry)}</li>
      ))}
    </ul>
  );
}

export function RuleDetailPage() {
  const t = useT();
  const { params } = useRoute();
  const loaded = useLoad(
    async (signal) => {
      const [catalog, rule] = await Promise.all([
        loadCatalog(),
        get<Rule>(`/v1/conversion-rules/${params.ruleId}`, {}, signal),
      ]);
      return { catalog, rule };
    },
    [params.ruleId],
  );
  const title = loaded.data
    ? (newestVersion(loaded.data.rule)?.name ?? t.staff.ruleTitle)
    : t.staff.ruleTitle;
  return (
    <Page title={title}>
      <p>
        <a href="/rules">{t.staff.backToRules}</a>
      </p>
      <Loading loaded={loaded}>
        {({ catalog, rule }) => <RuleView catalog={catalog} rule={rule} reload={loaded.reload} />}
      </Loading>
    </Page>
  );
}

function RuleView({ catalog, rule, reload }: { catalog: Catalog; rule: Rule; reload(): void }) {
  const t = useT();
  const me = useMe();
  const mayChange = owns(me, rule);
  const draft = rule.versions?.find((v) => v.status === 'DRAFT');
  const [activation, setActivation] = useState<Activation | null>(null);
  const [retirement, setRetirement] = useState<Retirement | null>(null);
  return (
    <>
      <Section title={t.staff.ruleFacts}>
        <dl class="facts">
          <dt>{t.staff.kind}</dt>
          <dd>{t.enums.ruleKind[rule.kind]}</dd>
          <dt>{t.staff.status}</dt>
          <dd>
            <Badge tone={lifecycleTone(rule.status)}>{t.enums.ruleStatus[rule.status]}</Badge>
          </dd>
          <dt>{t.staff.activeVersion}</dt>
          <dd>
            {rule.activeVersion
              ? fill(t.staff.versionLabel, { version: rule.activeVersion.version })
              : t.staff.noActiveVersion}
          </dd>
          <dt>{t.staff.owner}</dt>
          <dd>{ownerWords(t, catalog, rule)}</dd>
          <dt>{t.staff.createdAt}</dt>
          <dd>
            <DateText value={rule.createdAt} withTime />
          </dd>
        </dl>
      </Section>
      {activation && (
        <div class="notice notice-good" role="status">
          <p>
            {fill(t.staff.activatedNotice, { version: activation.activeVersion?.version ?? '' })}
          </p>
          {activation.overlaps.length > 0 && (
            <OverlapList catalog={catalog} overlaps={activation.overlaps} />
          )}
        </div>
      )}
      {retirement && (
        <div class="notice notice-good" role="status">
          <p>{fill(t.staff.retiredNotice, { count: retirement.closedApplicationIds.length })}</p>
        </div>
      )}
      {mayChange && draft && (
        <ActivateSection
          catalog={catalog}
          rule={rule}
          draft={draft}
          done={(result) => {
            setActivation(result);
            setRetirement(null);
            reload();
          }}
        />
      )}
      {mayChange && rule.status === 'ACTIVE' && <ScanSection rule={rule} catalog={catalog} />}
      {mayChange && rule.status === 'ACTIVE' && (
        <RetireSection
          rule={rule}
          done={(result) => {
            setRetirement(result);
            setActivation(null);
            reload();
          }}
        />
      )}
      <Section title={t.staff.versionsTitle}>
        <ul class="cards cards-1">
          {(rule.versions ?? []).map((version) => (
            <VersionCard
              key={version.id}
              catalog={catalog}
              version={version}
              exam={rule.kind === 'COURSE_TO_EXAM'}
            />
          ))}
        </ul>
      </Section>
    </>
  );
}

function ActivateSection({
  catalog,
  rule,
  draft,
  done,
}: {
  catalog: Catalog;
  rule: Rule;
  draft: RuleVersion;
  done(result: Activation): void;
}) {
  const t = useT();
  const report = useLoad(
    (signal) =>
      get<OverlapPreview>(
        `/v1/conversion-rules/${rule.id}/overlaps`,
        { version: draft.version },
        signal,
      ),
    [rule.id, draft.version],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function activate() {
    setBusy(true);
    setError(null);
    try {
      done(
        await post<Activation>(`/v1/conversion-rules/${rule.id}/activate`, {
          version: draft.version,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={fill(t.staff.activateTitle, { version: draft.version })}>
      <p>{rule.activeVersion ? t.staff.activateSupersedes : t.staff.activateFirst}</p>
      <h3>{t.staff.overlapTitle}</h3>
      <Loading loaded={report}>
        {(preview) => (
          <>
            <OverlapList catalog={catalog} overlaps={preview.overlaps} />
            <ProblemNotice error={error} />
            <div class="actions">
              <button type="button" disabled={busy} onClick={() => void activate()}>
                {fill(t.staff.activate, { version: draft.version })}
              </button>
            </div>
          </>
        )}
      </Loading>
    </Section>
  );
}

function RetireSection({ rule, done }: { rule: Rule; done(result: Retirement): void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function retire() {
    setBusy(true);
    setError(null);
    try {
      done(await post<Retirement>(`/v1/conversion-rules/${rule.id}/retire`, {}));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Section title={t.staff.retireTitle}>
      <p>{t.staff.retireHint}</p>
      <ProblemNotice error={error} />
      <div class="actions">
        {confirming ? (
          <>
            <button
              type="button"
              class="button-danger"
              disabled={busy}
              onClick={() => void retire()}
            >
              {t.staff.retireConfirm}
            </button>
            <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
              {t.app.cancel}
            </button>
          </>
        ) : (
          <button type="button" class="button-secondary" onClick={() => setConfirming(true)}>
            {t.staff.retire}
          </button>
        )}
      </div>
    </Section>
  );
}

const FINISHED = ['completed', 'failed'];

function percent(progress: ScanJob['progress']): number {
  return typeof progress === 'number' ? Math.max(0, Math.min(100, progress)) : 0;
}

/** Queues an eligibility scan and follows it (GET /v1/jobs/{id} every second) to its result. */
function ScanSection({ rule, catalog }: { rule: Rule; catalog: Catalog }) {
  const t = useT();
  const text = useProblemText();
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ScanJob | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!jobId) return undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const read = await get<ScanJob>(`/v1/jobs/${jobId}`);
        if (stopped) return;
        setJob(read);
        if (!FINISHED.includes(read.state))
          timer.current = window.setTimeout(() => void poll(), 1000);
      } catch (caught) {
        if (stopped) return;
        setError(
          caught instanceof ApiProblem && caught.status === 404 ? t.staff.scanNotYours : caught,
        );
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer.current);
    };
  }, [jobId]);

  async function start() {
    setBusy(true);
    setError(null);
    setNotice(null);
    setJob(null);
    try {
      const accepted = await post<{ jobId: string }>(
        `/v1/conversion-rules/${rule.id}/eligibility-scan`,
        {},
      );
      setJobId(accepted.jobId);
    } catch (caught) {
      if (
        caught instanceof ApiProblem &&
        caught.code === 'CONVERSION.SCAN_ALREADY_QUEUED' &&
        typeof caught.body.jobId === 'string'
      ) {
        // One scan per rule at a time: follow the one already under way.
        setNotice(t.staff.scanAlreadyRunning);
        setJobId(caught.body.jobId);
      } else if (caught instanceof ApiProblem && caught.status === 429) {
        setError(fill(t.staff.scanRateLimited, { message: text(caught) }));
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  }

  const running = job !== null && !FINISHED.includes(job.state);
  const value = job?.state === 'completed' ? 100 : percent(job?.progress ?? 0);
  const result = job?.result;
  return (
    <Section title={t.staff.scanTitle}>
      <p>{t.staff.scanHint}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {typeof error === 'string' ? (
        <div class="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : (
        <ProblemNotice error={error} />
      )}
      {jobId && !job && !error && (
        <p class="loading" role="status">
          {t.staff.scanQueued}
        </p>
      )}
      {job && (
        <div role="status" aria-live="polite">
          <label for="scan-progress">
            {job.state === 'completed'
              ? t.staff.scanCompleted
              : job.state === 'failed'
                ? t.staff.scanFailed
                : fill(t.staff.scanRunning, { percent: value })}
          </label>
          <progress id="scan-progress" max={100} value={value}>
            {`${value}%`}
          </progress>
        </div>
      )}
      {job?.state === 'failed' && job.failedReason && <p class="field-error">{job.failedReason}</p>}
      {result && (
        <div class="notice notice-good">
          <p>
            {fill(t.staff.scanResult, {
              scanned: result.scanned,
              eligible: result.eligibleCount,
              version: result.version,
            })}
          </p>
          {result.byTarget.length > 0 && (
            <ul class="reasons">
              {result.byTarget.map((row, index) => (
                <li key={index}>
                  {fill(t.staff.scanByTarget, {
                    target: targetWords(t, catalog, row.target),
                    count: row.eligibleCount,
                  })}
                </li>
              ))}
            </ul>
          )}
          <p class="card-meta">
            {t.staff.scanEvaluatedAt} <DateText value={result.evaluatedAt} withTime />
          </p>
        </div>
      )}
      {!result && job?.state === 'completed' && <Empty>{t.staff.scanNoResult}</Empty>}
      <div class="actions">
        <button type="button" disabled={busy || running} onClick={() => void start()}>
          {t.staff.scanStart}
        </button>
      </div>
    </Section>
  );
}
