import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { get } from '../api';
import type { Application, ApplicationStatus, CursorPage } from '../api-types';
import { targetName } from '../account';
import { fill, useT } from '../i18n/i18n';
import { useMe } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText, NumberText } from '../ui/text';
import './learner.css';

const STATUS_TONE: Record<ApplicationStatus, 'good' | 'bad' | 'wait' | 'plain'> = {
  SUBMITTED: 'wait',
  APPROVED: 'good',
  REJECTED: 'bad',
  CLOSED: 'plain',
};

function StatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <Badge tone={STATUS_TONE[status]}>{t.enums.applicationStatus[status]}</Badge>;
}

/** Who decides: the school or body that owns the target. */
function decidingSide(application: Application): string {
  return application.ownerInstitution?.name ?? application.ownerCertificationBody?.name ?? '';
}

/** The learner's applications, newest first, with their status and decision. */
export function ApplicationsPage() {
  const t = useT();
  const p = t.learner.applications;
  const learnerId = useMe().learnerId!;
  const [pages, setPages] = useState<Application[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [moreError, setMoreError] = useState<unknown>(null);
  const loaded = useLoad(
    async (signal) => {
      const page = await get<CursorPage<Application>>(
        `/v1/learners/${learnerId}/exemption-applications`,
        undefined,
        signal,
      );
      setPages([]);
      setCursor(page.nextCursor);
      return page.items;
    },
    [learnerId],
  );

  function more() {
    if (!cursor) return;
    setMoreError(null);
    get<CursorPage<Application>>(`/v1/learners/${learnerId}/exemption-applications`, {
      cursor,
    }).then(
      (page) => {
        setPages((previous) => [...previous, ...page.items]);
        setCursor(page.nextCursor);
      },
      (error: unknown) => setMoreError(error),
    );
  }

  return (
    <Page title={t.nav.applications}>
      <p class="lead">{p.intro}</p>
      <Loading loaded={loaded}>
        {(first) => {
          const items = [...first, ...pages];
          return (
            <>
              {items.length === 0 && (
                <Empty>
                  {p.none} <a href="/eligibility">{t.learner.home.eligibilityLink}</a>
                </Empty>
              )}
              <ul class="cards learner-list">
                {items.map((application) => (
                  <li key={application.id} class="card">
                    <div class="learner-card-head">
                      <h2 class="learner-card-title">
                        <a href={`/applications/${application.id}`}>
                          {targetName(t, application.target)}
                        </a>
                      </h2>
                      <StatusBadge status={application.status} />
                    </div>
                    <ApplicationFacts application={application} />
                  </li>
                ))}
              </ul>
              <ProblemNotice error={moreError} />
              {cursor && (
                <button type="button" class="button-secondary" onClick={more}>
                  {t.app.more}
                </button>
              )}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

function ApplicationFacts({ application }: { application: Application }) {
  const t = useT();
  const p = t.learner.applications;
  return (
    <dl class="facts">
      <dt>{t.learner.eligibility.rule}</dt>
      <dd>
        {application.rule
          ? fill(t.learner.account.ruleVersion, {
              name: application.rule.name,
              version: application.rule.version,
            })
          : ''}
      </dd>
      <dt>{p.decidingSide}</dt>
      <dd>{decidingSide(application)}</dd>
      <dt>{p.submittedAt}</dt>
      <dd>
        <DateText value={application.submittedAt} withTime />
      </dd>
      {application.decidedAt && (
        <>
          <dt>{p.decidedAt}</dt>
          <dd>
            <DateText value={application.decidedAt} withTime />
          </dd>
        </>
      )}
      {application.decider && (
        <>
          <dt>{p.decider}</dt>
          <dd>{application.decider.name}</dd>
        </>
      )}
      {application.decisionReason && (
        <>
          <dt>{p.reason}</dt>
          <dd>{application.decisionReason}</dd>
        </>
      )}
    </dl>
  );
}

/** One application: its steps (submitted → decided) and the evaluation as recorded. */
export function ApplicationPage() {
  const t = useT();
  const p = t.learner.applications;
  const { params } = useRoute();
  const id = params.id;
  const loaded = useLoad(
    (signal) => get<Application>(`/v1/exemption-applications/${id}`, undefined, signal),
    [id],
  );
  return (
    <Page title={p.detailTitle}>
      <p>
        <a href="/applications">{p.back}</a>
      </p>
      <Loading loaded={loaded}>
        {(application) => (
          <>
            <Section title={targetName(t, application.target)} id="application-summary">
              <p>
                <StatusBadge status={application.status} />
              </p>
              <ApplicationFacts application={application} />
            </Section>
            <Section title={p.stepsTitle} id="application-steps">
              <ol class="learner-steps">
                <li class="learner-step-done">
                  <span>{fill(p.stepSubmitted, { name: application.submitter.name })}</span>{' '}
                  <DateText value={application.submittedAt} withTime />
                </li>
                <DecisionStep application={application} />
              </ol>
            </Section>
            <Section title={p.evaluationTitle} id="application-evaluation">
              <p>
                {application.evaluation.eligible ? (
                  <Badge tone="good">{p.eligible}</Badge>
                ) : (
                  <Badge tone="bad">{p.notEligible}</Badge>
                )}
              </p>
              <dl class="facts">
                <dt>{p.evaluationAt}</dt>
                <dd>
                  <DateText value={application.evaluation.at} withTime />
                </dd>
                {application.target.course && (
                  <>
                    <dt>{t.learner.eligibility.creditsGranted}</dt>
                    <dd>
                      <NumberText value={application.evaluation.creditsGranted} />
                    </dd>
                  </>
                )}
                {application.evidence.length > 0 && (
                  <>
                    <dt>{t.learner.eligibility.evidence}</dt>
                    <dd>
                      <ul class="learner-plain-list">
                        {application.evidence.map((e) => (
                          <li key={e.id}>{e.label}</li>
                        ))}
                      </ul>
                    </dd>
                  </>
                )}
                {application.exemptionEntry && (
                  <>
                    <dt>{p.exemptionEntry}</dt>
                    <dd>{application.exemptionEntry.label}</dd>
                  </>
                )}
              </dl>
              {application.evaluation.reasons.length > 0 && (
                <>
                  <h3>{t.learner.eligibility.reasons}</h3>
                  <ul class="learner-reasons">
                    {application.evaluation.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </>
              )}
              {application.evaluation.explanation.length > 0 && (
                <>
                  <h3>{t.learner.eligibility.explanation}</h3>
                  <ul>
                    {application.evaluation.explanation.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </>
              )}
            </Section>
          </>
        )}
      </Loading>
    </Page>
  );
}

function DecisionStep({ application }: { application: Application }) {
  const t = useT();
  const p = t.learner.applications;
  const name = application.decider?.name ?? '';
  switch (application.status) {
    case 'SUBMITTED':
      return (
        <li class="learner-step-waiting">
          {fill(p.stepWaiting, { side: decidingSide(application) })}
        </li>
      );
    case 'APPROVED':
    case 'REJECTED':
      return (
        <li class="learner-step-done">
          <span>
            {fill(application.status === 'APPROVED' ? p.stepApproved : p.stepRejected, { name })}
          </span>{' '}
          <DateText value={application.decidedAt} withTime />
          {application.decisionReason && (
            <span class="learner-step-reason">{application.decisionReason}</span>
          )}
        </li>
      );
    case 'CLOSED':
      return (
        <li class="learner-step-done">
          <span>{p.stepClosed}</span> <DateText value={application.decidedAt} withTime />
          {application.decisionReason && (
            <span class="learner-step-reason">{application.decisionReason}</span>
          )}
        </li>
      );
  }
}
