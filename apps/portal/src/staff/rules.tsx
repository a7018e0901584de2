import { useLocation } from 'preact-iso';
import { get } from '../api';
import type { RuleKind } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import type { Dictionary } from '../i18n/zh-CN';
import { useMe } from '../session';
import { Field, Select } from '../ui/fields';
import { useLoad } from '../ui/load';
import { MoreButton, useMorePages } from '../ui/more';
import { Empty, Loading, Page } from '../ui/page';
import { Badge, DateText } from '../ui/text';
import { loadCatalog, type Catalog } from './catalog';
import type { Rule, RuleLifecycle, RuleVersionStatus } from './types';
import { ownerWords } from './words';
import './staff.css';

const KINDS: RuleKind[] = ['CERT_TO_COURSE', 'COURSE_TO_COURSE', 'COURSE_TO_EXAM'];
const LIFECYCLES: RuleLifecycle[] = ['ACTIVE', 'DRAFT', 'RETIRED'];

export function lifecycleTone(status: RuleLifecycle | RuleVersionStatus) {
  return status === 'ACTIVE' ? 'good' : status === 'DRAFT' ? 'wait' : 'plain';
}

type Page = { items: Rule[]; nextCursor: string | null };

/**
 * A list names a rule by its active version; one never activated has none, so its versions are
 * read to name it by its newest draft.
 */
async function withNames(page: Page, signal?: AbortSignal): Promise<Page> {
  const items = await Promise.all(
    page.items.map((rule) =>
      rule.activeVersion
        ? Promise.resolve(rule)
        : get<Rule>(`/v1/conversion-rules/${rule.id}`, {}, signal),
    ),
  );
  return { ...page, items };
}

/** Whose rules to list: the caller's own side by default, every owner on request. */
function ownerOptions(t: Dictionary, catalog: Catalog) {
  return [
    ...catalog.institutions.map((s) => ({ value: `i:${s.id}`, label: s.name })),
    ...catalog.bodies.map((b) => ({ value: `b:${b.id}`, label: b.name })),
  ].map((option) => ({ ...option, label: fill(t.staff.ownerOption, { name: option.label }) }));
}

export function RulesPage() {
  const t = useT();
  const me = useMe();
  const { query, route } = useLocation();
  const kind = (KINDS as string[]).includes(query.kind ?? '') ? query.kind : '';
  const status = (LIFECYCLES as string[]).includes(query.status ?? '') ? query.status : '';
  const mine = me.institutionId
    ? `i:${me.institutionId}`
    : me.certificationBodyId
      ? `b:${me.certificationBodyId}`
      : '';
  const owner = query.owner === 'all' ? '' : (query.owner ?? mine);
  const filters = {
    kind,
    status,
    ownerInstitutionId: owner.startsWith('i:') ? owner.slice(2) : undefined,
    ownerCertificationBodyId: owner.startsWith('b:') ? owner.slice(2) : undefined,
  };
  const loaded = useLoad(
    async (signal) => {
      const [catalog, page] = await Promise.all([
        loadCatalog(),
        get<Page>('/v1/conversion-rules', filters, signal).then((p) => withNames(p, signal)),
      ]);
      return { catalog, page };
    },
    [kind, status, owner],
  );
  const more = useMorePages(
    (cursor) => get<Page>('/v1/conversion-rules', { ...filters, cursor }).then((p) => withNames(p)),
    [kind, status, owner],
  );
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams({
      kind: kind ?? '',
      status: status ?? '',
      owner: owner || 'all',
      ...changes,
    });
    for (const [key, value] of [...next.entries()]) if (!value) next.delete(key);
    route(`/rules?${next.toString()}`);
  };
  return (
    <Page
      title={t.staff.rulesTitle}
      actions={
        <a class="button" href="/rules/new">
          {t.staff.newRule}
        </a>
      }
    >
      <Loading loaded={loaded}>
        {({ catalog, page }) => {
          const items = [...page.items, ...more.items];
          return (
            <>
              <div class="filters">
                <Field name="kind" label={t.staff.kind}>
                  {(a) => (
                    <Select
                      {...a}
                      value={kind ?? ''}
                      placeholder={t.staff.allKinds}
                      onValue={(value) => go({ kind: value })}
                      options={KINDS.map((k) => ({ value: k, label: t.enums.ruleKind[k] }))}
                    />
                  )}
                </Field>
                <Field name="status" label={t.staff.status}>
                  {(a) => (
                    <Select
                      {...a}
                      value={status ?? ''}
                      placeholder={t.staff.allStatuses}
                      onValue={(value) => go({ status: value })}
                      options={LIFECYCLES.map((s) => ({ value: s, label: t.enums.ruleStatus[s] }))}
                    />
                  )}
                </Field>
                <Field name="owner" label={t.staff.owner}>
                  {(a) => (
                    <Select
                      {...a}
                      value={owner}
                      placeholder={t.staff.allOwners}
                      onValue={(value) => go({ owner: value || 'all' })}
                      options={ownerOptions(t, catalog)}
                    />
                  )}
                </Field>
              </div>
              {items.length === 0 ? (
                <Empty>{t.staff.noRules}</Empty>
              ) : (
                <ul class="cards cards-2" aria-label={t.staff.rulesListLabel}>
                  {items.map((rule) => {
                    const version = rule.activeVersion;
                    return (
                      <li key={rule.id} class="card">
                        <div class="card-head">
                          <p class="card-title">
                            <a href={`/rules/${rule.id}`}>
                              {(version ?? rule.versions?.[0])?.name ?? t.staff.unknownItem}
                            </a>
                          </p>
                          <Badge tone={lifecycleTone(rule.status)}>
                            {t.enums.ruleStatus[rule.status]}
                          </Badge>
                        </div>
                        <p class="card-meta">{t.enums.ruleKind[rule.kind]}</p>
                        <p class="card-meta">
                          {t.staff.owner}: {ownerWords(t, catalog, rule)}
                        </p>
                        <p class="card-meta">
                          {version ? (
                            <>
                              {fill(t.staff.activeVersionIs, { version: version.version })} ·{' '}
                              {t.staff.effectiveFrom} <DateText value={version.effectiveFrom} />
                            </>
                          ) : (
                            t.staff.noActiveVersion
                          )}
                        </p>
                      </li>
                    );
                  })}
                </ul>
              )}
              <MoreButton more={more} first={page} />
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
