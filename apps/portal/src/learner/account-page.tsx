import { get } from '../api';
import type { Account } from '../api-types';
import {
  AccountTotals,
  CertificateList,
  CreditsByTerm,
  DiplomaList,
  ExemptionList,
} from '../account';
import { fill, useT } from '../i18n/i18n';
import { useLoad } from '../ui/load';
import { Loading, Page, Section } from '../ui/page';
import './learner.css';

/** The learner's home: their account, its totals explained, and every section of it. */
export function AccountPage() {
  const t = useT();
  const loaded = useLoad((signal) => get<Account>('/v1/me/account', undefined, signal), []);
  return (
    <Page title={t.learner.title}>
      <p class="lead">{t.learner.home.intro}</p>
      <Loading loaded={loaded}>
        {(account) => {
          const id = account.learner.id;
          return (
            <>
              <AccountTotals account={account} />
              <CreditsByTerm
                learnerId={id}
                entries={account.courseCredits}
                section={account.sections.courseCredits}
              />
              <CertificateList
                learnerId={id}
                entries={account.certificates}
                section={account.sections.certificates}
              />
              <ExemptionList
                learnerId={id}
                entries={account.exemptions}
                section={account.sections.exemptions}
              />
              <DiplomaList
                learnerId={id}
                entries={account.diplomas}
                section={account.sections.diplomas}
              />
              <Section title={t.learner.home.applicationsTitle} id="account-applications">
                <p>
                  {fill(t.learner.home.applicationsSummary, {
                    total: account.sections.applications.total,
                  })}
                </p>
                <p class="actions">
                  <a href="/applications">{t.learner.home.applicationsLink}</a>
                  <a href="/eligibility">{t.learner.home.eligibilityLink}</a>
                </p>
              </Section>
            </>
          );
        }}
      </Loading>
    </Page>
  );
}
