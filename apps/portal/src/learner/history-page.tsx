import { useState } from 'preact/hooks';
import { get } from '../api';
import type { Application, CursorPage, Entry } from '../api-types';
import { entryLabel, targetName } from '../account';
import type { Dictionary } from '../i18n/zh-CN';
import { fill, useT } from '../i18n/i18n';
import { useMe, type Me } from '../session';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { DateText } from '../ui/text';
import type { AccessLogEntry, AuditEvent, Organisation, Share } from './types';
import './learner.css';

/** What the history names events and people with: the account's records, people, organisations. */
interface Names {
  entries: Map<string, Entry>;
  applications: Map<string, Application>;
  shares: Map<string, Share>;
  people: Map<string, string>;
  organisations: Map<string, string>;
}

async function loadNames(me: Me, signal: AbortSignal): Promise<Names> {
  const learnerId = me.learnerId!;
  const [entries, applications, shares, institutions, bodies] = await Promise.all([
    get<CursorPage<Entry>>(`/v1/learners/${learnerId}/entries`, { limit: 200 }, signal),
    get<CursorPage<Application>>(
      `/v1/learners/${learnerId}/exemption-applications`,
      { limit: 200 },
      signal,
    ),
    get<{ items: Share[] }>('/v1/me/shares', undefined, signal),
    get<{ items: Organisation[] }>('/v1/institutions', undefined, signal),
    get<{ items: Organisation[] }>('/v1/certification-bodies', undefined, signal),
  ]);
  const people = new Map<string, string>([[me.userId, me.displayName]]);
  for (const entry of entries.items) {
    people.set(entry.recorder.id, entry.recorder.name);
    if (entry.cancelledBy)
      people.set(entry.cancelledBy.recorder.id, entry.cancelledBy.recorder.name);
  }
  for (const application of applications.items) {
    people.set(application.submitter.id, application.submitter.name);
    if (application.decider) people.set(application.decider.id, application.decider.name);
  }
  return {
    entries: new Map(entries.items.map((e) => [e.id, e])),
    applications: new Map(applications.items.map((a) => [a.id, a])),
    shares: new Map(shares.items.map((s) => [s.id, s])),
    people,
    organisations: new Map([...institutions.items, ...bodies.items].map((o) => [o.id, o.name])),
  };
}

/** What an event did, in words, naming the record it touched. */
function eventText(t: Dictionary, event: AuditEvent, names: Names): string {
  const texts: Record<string, string> = t.learner.history.events;
  let subject = '';
  for (const change of event.changes) {
    const entry = names.entries.get(change.id);
    const application = names.applications.get(change.id);
    const share = names.shares.get(change.id);
    if (entry) subject = entryLabel(t, entry);
    else if (application) subject = targetName(t, application.target);
    else if (share) subject = share.grantee.name;
    else if (change.kind === 'ledger_entry' && typeof change.state.kind === 'string')
      subject = t.enums.entryKind[change.state.kind as Entry['kind']] ?? '';
    if (subject) break;
  }
  return fill(texts[event.type] ?? texts.other, { subject });
}

function actorText(
  t: Dictionary,
  actor: { userId: string | null; username: string | null; role: string | null },
  organisation: string | null,
  displayName: string | null,
  names: Names,
): string {
  const h = t.learner.history;
  const name =
    displayName ?? (actor.userId ? names.people.get(actor.userId) : undefined) ?? actor.username;
  const roles: Record<string, string> = t.roles;
  // The system's own work (the seed, the cascade) has no person or role of the portal's.
  if (!name || !actor.role || !(actor.role in roles)) return h.system;
  const role = roles[actor.role];
  return organisation
    ? fill(h.actor, { name, role, organisation })
    : fill(h.actorNoScope, { name, role });
}

/** Who changed my record (the audit log) and who on the staff side read it (the access log). */
export function HistoryPage() {
  const t = useT();
  const h = t.learner.history;
  const me = useMe();
  const loaded = useLoad(
    async (signal) => {
      const [names, events, views] = await Promise.all([
        loadNames(me, signal),
        get<CursorPage<AuditEvent>>(
          '/v1/audit/events',
          { learnerId: me.learnerId, limit: 200 },
          signal,
        ),
        get<CursorPage<AccessLogEntry>>('/v1/me/access-log', { limit: 50 }, signal),
      ]);
      return { names, events, views };
    },
    [me.learnerId],
  );
  return (
    <Page title={t.nav.history}>
      <p class="lead">{h.intro}</p>
      <Loading loaded={loaded}>
        {({ names, events, views }) => (
          <>
            <Changes first={events} names={names} learnerId={me.learnerId!} />
            <Views first={views} names={names} />
          </>
        )}
      </Loading>
    </Page>
  );
}

function Changes({
  first,
  names,
  learnerId,
}: {
  first: CursorPage<AuditEvent>;
  names: Names;
  learnerId: string;
}) {
  const t = useT();
  const h = t.learner.history;
  const [extra, setExtra] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [error, setError] = useState<unknown>(null);
  // Reading an account changes nothing: those records are the views below.
  const items = [...first.items, ...extra].filter((e) => e.type !== 'learner.account.viewed');
  function more() {
    if (!cursor) return;
    get<CursorPage<AuditEvent>>('/v1/audit/events', {
      learnerId,
      afterSeq: cursor,
      limit: 200,
    }).then((page) => {
      setExtra((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    }, setError);
  }
  return (
    <Section title={h.changesTitle} id="history-changes">
      {items.length === 0 && <Empty>{h.noChanges}</Empty>}
      <ol class="learner-log">
        {items.map((event) => {
          const organisationId = event.actor?.institutionId ?? event.actor?.certificationBodyId;
          return (
            <li key={event.seq}>
              <p class="learner-log-what">{eventText(t, event, names)}</p>
              <p class="card-meta">
                {event.actor
                  ? actorText(
                      t,
                      event.actor,
                      organisationId ? (names.organisations.get(organisationId) ?? null) : null,
                      null,
                      names,
                    )
                  : h.system}
                {' · '}
                <DateText value={event.occurredAt ?? event.appendedAt} withTime />
              </p>
            </li>
          );
        })}
      </ol>
      <ProblemNotice error={error} />
      {cursor && (
        <button type="button" class="button-secondary" onClick={more}>
          {t.app.more}
        </button>
      )}
    </Section>
  );
}

function Views({ first, names }: { first: CursorPage<AccessLogEntry>; names: Names }) {
  const t = useT();
  const h = t.learner.history;
  const views: Record<string, string> = h.views;
  const [extra, setExtra] = useState<AccessLogEntry[]>([]);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [error, setError] = useState<unknown>(null);
  const items = [...first.items, ...extra];
  function more() {
    if (!cursor) return;
    get<CursorPage<AccessLogEntry>>('/v1/me/access-log', { cursor, limit: 50 }).then((page) => {
      setExtra((previous) => [...previous, ...page.items]);
      setCursor(page.nextCursor);
    }, setError);
  }
  return (
    <Section title={h.viewsTitle} id="history-views">
      {items.length === 0 && <Empty>{h.noViews}</Empty>}
      <ol class="learner-log">
        {items.map((item) => (
          <li key={item.seq}>
            <p class="learner-log-what">
              {actorText(
                t,
                item.viewer,
                item.viewer.organisation?.name ?? null,
                item.viewer.displayName,
                names,
              )}
            </p>
            <p class="card-meta">
              {fill(h.viewed, { view: views[item.view] ?? item.view })}
              {' · '}
              <DateText value={item.at} withTime />
            </p>
          </li>
        ))}
      </ol>
      <ProblemNotice error={error} />
      {cursor && (
        <button type="button" class="button-secondary" onClick={more}>
          {t.app.more}
        </button>
      )}
    </Section>
  );
}
