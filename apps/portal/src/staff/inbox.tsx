import { useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ApiProblem, get, newIdempotencyKey, post } from '../api';
import type { Application, ApplicationStatus, CursorPage, EntryRef } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { Field, Select, TextArea } from '../ui/fields';
import { useLoad } from '../ui/load';
import { MoreButton, useMorePages } from '../ui/more';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice, useProblemText } from '../ui/problem';
import { Badge, DateText, NumberText } from '../ui/text';
import type { DecisionResult, InboxItem } from './types';
import { namedTargetWords } from './words';
import './staff.css';

const STATUSES: ApplicationStatus[] = ['SUBMITTED', 'APPROVED', 'REJECTED', 'CLOSED'];

export function statusTone(status: ApplicationStatus): 'good' | 'bad' | 'wait' | 'plain' {
  return status === 'APPROVED'
    ? 'good'
    : status === 'REJECTED'
      ? 'bad'
      : status === 'SUBMITTED'
        ? 'wait'
        : 'plain';
}

function learnerWords(t: ReturnType<typeof useT>, application: Application): string {
  const { name, studentNo } = application.learner;
  return studentNo ? fill(t.staff.learnerWithNo, { name, studentNo }) : name;
}

function ruleWords(t: ReturnType<typeof useT>, application: Application): string {
  return application.rule
    ? fill(t.staff.ruleWithVersion, {
        name: application.rule.name,
        version: application.rule.version,
      })
    : t.staff.unknownItem;
}

function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}

/** How the application stands now (the inbox's re-evaluation under the active version). */
function Standing({ item }: { item: InboxItem }) {
  const t = useT();
  if (item.status !== 'SUBMITTED') return null;
  const reasons = item.approvable ? [] : [...item.blockedBecause];
  for (const reason of item.currentEvaluation?.reasons ?? [])
    if (!reasons.includes(reason)) reasons.push(reason);
  return (
    <div>
      <p class="card-meta">
        {t.staff.standsNow}{' '}
        {item.approvable ? (
          <Badge tone="good">{t.staff.eligibleNow}</Badge>
        ) : (
          <Badge tone="bad">{t.staff.notEligibleNow}</Badge>
        )}
      </p>
      <Reasons reasons={reasons} />
    </div>
  );
}

export function InboxPage() {
  const t = useT();
  const { query, route } = useLocation();
  const status = (STATUSES as string[]).includes(query.status ?? '')
    ? (query.status as ApplicationStatus)
    : 'SUBMITTED';
  const loaded = useLoad(
    (signal) => get<CursorPage<InboxItem>>('/v1/exemption-applications', { status }, signal),
    [status],
  );
  const more = useMorePages(
    (cursor) => get<CursorPage<InboxItem>>('/v1/exemption-applications', { status, cursor }),
    [status],
  );
  return (
    <Page title={t.staff.inboxTitle}>
      <div class="filters">
        <Field name="status" label={t.staff.filterStatus}>
          {(a) => (
            <Select
              {...a}
              value={status}
              onValue={(value) => route(`/inbox?status=${value}`)}
              options={STATUSES.map((s) => ({ value: s, label: t.enums.applicationStatus[s] }))}
            />
          )}
        </Field>
      </div>
      <Loading loaded={loaded}>
        {(page) => {
          const items = [...page.items, ...more.items];
          if (items.length === 0)
            return (
              <Empty>
                {fill(t.staff.inboxEmpty, { status: t.enums.applicationStatus[status] })}
              </Empty>
            );
          return (
            <>
              <ul class="cards cards-2" aria-label={t.staff.inboxListLabel}>
                {items.map((item) => (
                  <li key={item.id} class="card">
                    <div class="card-head">
                      <p class="card-title">
                        <a href={`/inbox/${item.id}`}>{learnerWords(t, item)}</a>
                      </p>
                      <Badge tone={statusTone(item.status)}>
                        {t.enums.applicationStatus[item.status]}
                      </Badge>
                    </div>
                    <p>{namedTargetWords(t, item.target)}</p>
                    <p class="card-meta">
                      {item.rule ? t.enums.ruleKind[item.rule.kind] : ''} · {ruleWords(t, item)}
                    </p>
                    <p class="card-meta">
                      {t.staff.submittedAt} <DateText value={item.submittedAt} withTime />
                    </p>
                    <Standing item={item} />
                  </li>
                ))}
              </ul>
              <MoreButton more={more} first={page} />
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

interface EligibilityItem {
  ruleId: string;
  target: { courseId?: string; schemeId?: string; level?: string; component?: string };
  eligible: boolean;
  creditsGranted: string;
  evidence: EntryRef[];
  reasons: string[];
}

function sameTarget(application: Application, item: EligibilityItem): boolean {
  const a = application.target;
  const b = item.target;
  return a.courseId
    ? a.courseId === b.courseId
    : a.schemeId === b.schemeId && a.level === b.level && a.component === b.component;
}

/** The application, its evidence, how it stands today, and the decision. */
export function ApplicationPage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.applicationId;
  const loaded = useLoad(
    async (signal) => {
      const application = await get<Application>(`/v1/exemption-applications/${id}`, {}, signal);
      // Today's judgement, as an approval would make it: the learner's eligibility under the rule.
      const now =
        application.status === 'SUBMITTED'
          ? await get<{ items: EligibilityItem[] }>(
              `/v1/learners/${application.learnerId}/eligibility`,
              {},
              signal,
            ).then(
              (eligibility) =>
                eligibility.items.find(
                  (item) => item.ruleId === application.ruleId && sameTarget(application, item),
                ) ?? null,
            )
          : null;
      return { application, now };
    },
    [id],
  );
  return (
    <Page title={t.staff.applicationTitle}>
      <p>
        <a href="/inbox">{t.staff.backToInbox}</a>
      </p>
      <Loading loaded={loaded}>
        {({ application, now }) => (
          <ApplicationView application={application} now={now} reload={loaded.reload} />
        )}
      </Loading>
    </Page>
  );
}

function ApplicationView({
  application,
  now,
  reload,
}: {
  application: Application;
  now: EligibilityItem | null;
  reload(): void;
}) {
  const t = useT();
  return (
    <>
      <Section title={t.staff.applicationFacts}>
        <dl class="facts">
          <dt>{t.staff.learner}</dt>
          <dd>{learnerWords(t, application)}</dd>
          <dt>{t.staff.target}</dt>
          <dd>{namedTargetWords(t, application.target)}</dd>
          <dt>{t.staff.rule}</dt>
          <dd>
            {application.rule && `${t.enums.ruleKind[application.rule.kind]} · `}
            {ruleWords(t, application)}
          </dd>
          <dt>{t.staff.status}</dt>
          <dd>
            <Badge tone={statusTone(application.status)}>
              {t.enums.applicationStatus[application.status]}
            </Badge>
          </dd>
          <dt>{t.staff.submittedAt}</dt>
          <dd>
            <DateText value={application.submittedAt} withTime />
          </dd>
          <dt>{t.staff.submitter}</dt>
          <dd>{application.submitter.name}</dd>
          {application.decider && (
            <>
              <dt>{t.staff.decider}</dt>
              <dd>{application.decider.name}</dd>
              <dt>{t.staff.decidedAt}</dt>
              <dd>
                <DateText value={application.decidedAt} withTime />
              </dd>
            </>
          )}
          {application.decisionReason && (
            <>
              <dt>{t.staff.decisionReason}</dt>
              <dd>{application.decisionReason}</dd>
            </>
          )}
          {application.exemptionEntry && (
            <>
              <dt>{t.staff.exemptionWritten}</dt>
              <dd>{application.exemptionEntry.label}</dd>
            </>
          )}
        </dl>
      </Section>
      <Section title={t.staff.evidenceTitle}>
        {application.evidence.length === 0 ? (
          <Empty>{t.staff.noEvidence}</Empty>
        ) : (
          <ul>
            {application.evidence.map((entry) => (
              <li key={entry.id}>{entry.label}</li>
            ))}
          </ul>
        )}
      </Section>
      {application.status === 'SUBMITTED' && (
        <Section title={t.staff.standingTitle}>
          {now ? (
            <>
              <p>
                {now.eligible ? (
                  <Badge tone="good">{t.staff.eligibleNow}</Badge>
                ) : (
                  <Badge tone="bad">{t.staff.notEligibleNow}</Badge>
                )}{' '}
                {now.eligible && fill(t.staff.wouldGrant, { credits: now.creditsGranted })}
              </p>
              <Reasons reasons={now.reasons} />
              {now.evidence.length > 0 && (
                <>
                  <p class="card-meta">{t.staff.provenBy}</p>
                  <ul>
                    {now.evidence.map((entry) => (
                      <li key={entry.id}>{entry.label}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          ) : (
            <p>
              <Badge tone="bad">{t.staff.notEligibleNow}</Badge> {t.staff.noLongerEvaluated}
            </p>
          )}
        </Section>
      )}
      {application.status === 'SUBMITTED' && (
        <DecisionForm application={application} done={reload} />
      )}
    </>
  );
}

function DecisionForm({ application, done }: { application: Application; done(): void }) {
  const t = useT();
  const text = useProblemText();
  const [decision, setDecision] = useState<'APPROVE' | 'REJECT'>('APPROVE');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<DecisionResult | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per intended decision: a retry of the same one is answered once.
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const body = { decision, reason };
    const signature = JSON.stringify(body);
    if (idempotency.current?.body !== signature)
      idempotency.current = { body: signature, key: newIdempotencyKey() };
    setBusy(true);
    setError(null);
    try {
      setResult(
        await post<DecisionResult>(`/v1/exemption-applications/${application.id}/decision`, body, {
          idempotencyKey: idempotency.current.key,
        }),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (result)
    return (
      <Section title={t.staff.decisionTitle}>
        <div class="notice notice-good" role="status">
          <p>
            {result.application.status === 'APPROVED'
              ? t.staff.approvedNotice
              : t.staff.rejectedNotice}
          </p>
          {result.exemption && (
            <p>
              {fill(t.staff.exemptionNotice, {
                kind: t.enums.entryKind[result.exemption.kind],
                target: namedTargetWords(t, application.target),
              })}{' '}
              {result.exemption.credits !== undefined && (
                <>
                  <NumberText value={result.exemption.credits} /> {t.staff.creditsUnit} ·{' '}
                </>
              )}
              <DateText value={result.exemption.recordedAt} withTime />
            </p>
          )}
        </div>
        <button type="button" class="button-secondary" onClick={done}>
          {t.staff.showDecided}
        </button>
      </Section>
    );

  const refused = error instanceof ApiProblem && (error.status === 409 || error.status === 422);
  const refusalReasons =
    error instanceof ApiProblem && Array.isArray(error.body.reasons)
      ? (error.body.reasons as string[])
      : [];
  return (
    <Section title={t.staff.decisionTitle}>
      <form class="form" onSubmit={(e) => void submit(e)} noValidate>
        {refused && error.code !== 'VALIDATION_FAILED' ? (
          <div class="notice notice-error" role="alert">
            <p>
              {error.code === 'CONVERSION.NOT_ELIGIBLE'
                ? t.staff.refusedNotEligible
                : error.code === 'CONVERSION.APPLICATION_ALREADY_DECIDED'
                  ? t.staff.refusedDecided
                  : text(error)}
            </p>
            <Reasons reasons={refusalReasons} />
          </div>
        ) : (
          <ProblemNotice error={error} fields={['decision', 'reason']} />
        )}
        <Field name="decision" label={t.staff.decision} error={error}>
          {(a) => (
            <Select
              {...a}
              value={decision}
              onValue={(value) => setDecision(value === 'REJECT' ? 'REJECT' : 'APPROVE')}
              options={[
                { value: 'APPROVE', label: t.enums.decision.APPROVE },
                { value: 'REJECT', label: t.enums.decision.REJECT },
              ]}
            />
          )}
        </Field>
        <Field name="reason" label={t.staff.reason} hint={t.staff.reasonHint} error={error}>
          {(a) => <TextArea {...a} value={reason} onValue={setReason} maxLength={500} />}
        </Field>
        <div class="actions">
          <button
            type="submit"
            disabled={busy}
            class={decision === 'REJECT' ? 'button-danger' : undefined}
          >
            {decision === 'REJECT' ? t.staff.submitReject : t.staff.submitApprove}
          </button>
        </div>
      </form>
    </Section>
  );
}
