import { useRef, useState } from 'preact/hooks';
import { get, newIdempotencyKey, post } from '../api';
import type { Application } from '../api-types';
import { targetName } from '../account';
import { fill, formatDate, useI18n } from '../i18n/i18n';
import { useMe } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, NumberText } from '../ui/text';
import type { Eligibility, EligibilityItem } from './types';
import './learner.css';

/** The body of an application for an item: its rule, and its target as the rule names it. */
function applicationBody(item: EligibilityItem) {
  const { courseId, schemeId, level, component } = item.target;
  return {
    ruleId: item.ruleId,
    target: courseId ? { courseId } : { schemeId, level, component },
  };
}

function itemKey(item: EligibilityItem): string {
  const { courseId, schemeId, level, component } = item.target;
  return [item.ruleId, courseId, schemeId, level, component].join(':');
}

/** What the learner can act on first: eligible items, then those already applied for, then the rest. */
function byStanding(items: EligibilityItem[]): EligibilityItem[] {
  const rank = (item: EligibilityItem) =>
    item.eligible && !item.openApplication ? 0 : item.openApplication ? 1 : 2;
  return [...items].sort((a, b) => rank(a) - rank(b));
}

/** Every rule that touches the learner's record: eligible or not and why, and applying. */
export function EligibilityPage() {
  const { t, lang } = useI18n();
  const e = t.learner.eligibility;
  const me = useMe();
  const learnerId = me.learnerId!;
  const loaded = useLoad(
    (signal) => get<Eligibility>(`/v1/learners/${learnerId}/eligibility`, undefined, signal),
    [learnerId],
  );
  // One key per item, kept across retries of the same application.
  const keys = useRef(new Map<string, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ key: string; error: unknown } | null>(null);
  const [applied, setApplied] = useState<{ id: string; target: string } | null>(null);

  async function apply(item: EligibilityItem) {
    const key = itemKey(item);
    if (!keys.current.has(key)) keys.current.set(key, newIdempotencyKey());
    setBusy(key);
    setProblem(null);
    setApplied(null);
    try {
      const application = await post<Application>(
        `/v1/learners/${learnerId}/exemption-applications`,
        applicationBody(item),
        { idempotencyKey: keys.current.get(key) },
      );
      keys.current.delete(key);
      setApplied({ id: application.id, target: targetName(t, item.target) });
      loaded.reload();
    } catch (error) {
      setProblem({ key, error });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page title={t.nav.eligibility}>
      <p class="lead">{e.intro}</p>
      {applied && (
        <div class="notice notice-good" role="status">
          <p>
            {fill(e.applied, { target: applied.target })}{' '}
            <a href={`/applications/${applied.id}`}>{e.viewApplication}</a>
          </p>
        </div>
      )}
      <Loading loaded={loaded}>
        {(eligibility) => (
          <>
            <p class="card-meta">
              {fill(e.evaluatedAt, { at: formatDate(lang, eligibility.evaluatedAt) })}
            </p>
            {eligibility.items.length === 0 && <Empty>{e.none}</Empty>}
            <ul class="cards learner-list">
              {byStanding(eligibility.items).map((item) => {
                const key = itemKey(item);
                const target = targetName(t, item.target);
                return (
                  <li key={key} class="card">
                    <div class="learner-card-head">
                      <h2 class="learner-card-title">{target}</h2>
                      {item.eligible ? (
                        <Badge tone="good">{e.eligible}</Badge>
                      ) : (
                        <Badge tone="plain">{e.notEligible}</Badge>
                      )}
                    </div>
                    <dl class="facts">
                      <dt>{e.rule}</dt>
                      <dd>
                        {fill(t.learner.account.ruleVersion, {
                          name: item.rule.name,
                          version: item.rule.version,
                        })}
                        <span class="learner-muted"> · {t.enums.ruleKind[item.rule.kind]}</span>
                      </dd>
                      {item.target.course && (
                        <>
                          <dt>{e.creditsGranted}</dt>
                          <dd>
                            <NumberText value={item.creditsGranted} />
                          </dd>
                        </>
                      )}
                      {item.evidence.length > 0 && (
                        <>
                          <dt>{e.evidence}</dt>
                          <dd>
                            <ul class="learner-plain-list">
                              {item.evidence.map((ev) => (
                                <li key={ev.id}>{ev.label}</li>
                              ))}
                            </ul>
                          </dd>
                        </>
                      )}
                    </dl>
                    {item.reasons.length > 0 && (
                      <>
                        <h3>{e.reasons}</h3>
                        <ul class="learner-reasons">
                          {item.reasons.map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                        </ul>
                      </>
                    )}
                    {item.explanation.length > 0 && (
                      <details class="learner-details">
                        <summary>{e.explanation}</summary>
                        <ul>
                          {item.explanation.map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                    {problem?.key === key && <ProblemNotice error={problem.error} />}
                    {item.openApplication ? (
                      <p class="learner-open">
                        {fill(e.openApplication, {
                          at: formatDate(lang, item.openApplication.submittedAt, true),
                        })}{' '}
                        <a href={`/applications/${item.openApplication.id}`}>{e.viewApplication}</a>
                      </p>
                    ) : (
                      item.eligible && (
                        <div class="actions">
                          <button
                            type="button"
                            disabled={busy !== null}
                            aria-label={fill(e.applyFor, { target })}
                            onClick={() => void apply(item)}
                          >
                            {busy === key ? e.applying : e.apply}
                          </button>
                        </div>
                      )
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Loading>
    </Page>
  );
}
