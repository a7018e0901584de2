import { useState } from 'preact/hooks';
import { ApiProblem, get, post } from '../api';
import { fill, useT } from '../i18n/i18n';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { Badge, DateText, NumberText } from '../ui/text';
import { Hash, useAction } from './common';
import type { AuditKeys, AuditVerification, TreeHead } from './types';

function Verification({ result }: { result: AuditVerification }) {
  const t = useT();
  const a = t.admin.audit;
  const kinds = a.tableKinds as Record<string, string>;
  return (
    <>
      <p class="admin-verdict">
        {result.valid ? (
          <Badge tone="good">{a.valid}</Badge>
        ) : (
          <Badge tone="bad">{a.invalid}</Badge>
        )}
        <span>{result.valid ? a.validSummary : a.invalidSummary}</span>
      </p>
      <dl class="facts">
        <dt>{a.checked}</dt>
        <dd>
          <NumberText value={result.checked} />
        </dd>
        <dt>{a.headSeq}</dt>
        <dd>
          <NumberText value={result.headSeq} />
        </dd>
        <dt>{a.headHash}</dt>
        <dd>
          <Hash value={result.headHash} />
        </dd>
        <dt>{a.treeRoot}</dt>
        <dd>
          {fill(a.treeOf, { size: result.tree.size })} <Hash value={result.tree.rootHash} />
        </dd>
        <dt>{a.headsChecked}</dt>
        <dd>
          {fill(a.headsSummary, {
            stored: result.treeHeads.stored,
            verified: result.treeHeads.verified,
            unchecked: result.treeHeads.unchecked,
          })}
        </dd>
        {result.trustedHead && (
          <>
            <dt>{a.trustedHead}</dt>
            <dd>
              {result.trustedHead.matches === null
                ? a.trustedUnchecked
                : result.trustedHead.matches
                  ? fill(a.trustedMatches, { size: result.trustedHead.treeSize })
                  : fill(a.trustedDiffers, { size: result.trustedHead.treeSize })}
            </dd>
          </>
        )}
        {result.firstInvalidSeq !== undefined && (
          <>
            <dt>{a.firstInvalidSeq}</dt>
            <dd>
              <NumberText value={result.firstInvalidSeq} />
            </dd>
          </>
        )}
        <dt>{a.verifiedAt}</dt>
        <dd>
          <DateText value={result.verifiedAt} withTime />{' '}
          {fill(a.duration, { ms: result.durationMs })}
        </dd>
      </dl>
      {result.problems.length > 0 && (
        <>
          <h3>{a.problems}</h3>
          <ul>
            {result.problems.map((problem, i) => (
              <li key={i}>
                <span class="admin-mono">{problem.code}</span>
                {problem.seq !== undefined && ` · ${fill(a.atSeq, { seq: problem.seq })}`}
                {' · '}
                {problem.detail}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{a.tables}</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{a.table}</th>
              <th scope="col" class="number">
                {a.rows}
              </th>
              <th scope="col" class="number">
                {a.audited}
              </th>
              <th scope="col" class="number">
                {a.pending}
              </th>
              <th scope="col" class="number">
                {a.tableProblems}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.tables.map((table) => (
              <tr key={table.kind}>
                <th scope="row">{kinds[table.kind] ?? table.kind}</th>
                <td class="number">
                  <NumberText value={table.rows} />
                </td>
                <td class="number">
                  <NumberText value={table.audited} />
                </td>
                <td class="number">
                  <NumberText value={table.pending} />
                </td>
                <td class="number">
                  {table.problems > 0 ? (
                    <Badge tone="bad">{String(table.problems)}</Badge>
                  ) : (
                    <NumberText value={0} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The latest signed tree head, or null while none has been signed (the API answers 404). */
async function latestHead(signal: AbortSignal): Promise<TreeHead | null> {
  try {
    return await get<TreeHead>('/v1/audit/tree-heads/latest', undefined, signal);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) return null;
    throw error;
  }
}

function LatestHead({ head, keys }: { head: TreeHead | null; keys: AuditKeys }) {
  const t = useT();
  const a = t.admin.audit;
  if (!head) return <Empty>{a.noHead}</Empty>;
  const key = keys.items.find((k) => k.fingerprint === head.keyFingerprint);
  return (
    <dl class="facts">
      <dt>{a.treeSize}</dt>
      <dd>
        <NumberText value={head.treeSize} />
      </dd>
      <dt>{a.rootHash}</dt>
      <dd>
        <Hash value={head.rootHash} />
      </dd>
      <dt>{a.signedAt}</dt>
      <dd>
        <DateText value={head.timestamp} withTime />
      </dd>
      <dt>{a.signingKey}</dt>
      <dd>
        {key ? (
          <Badge tone={key.status === 'current' ? 'good' : 'plain'}>
            {key.status === 'current' ? a.keyCurrent : a.keyRetired}
          </Badge>
        ) : (
          <Badge tone="bad">{a.keyUnknown}</Badge>
        )}{' '}
        <Hash value={head.keyFingerprint} />
      </dd>
      <dt>{a.origin}</dt>
      <dd>
        <span class="admin-mono">{head.origin}</span>
      </dd>
    </dl>
  );
}

/** `/audit`: is the log whole, what was signed last, with which keys; sign a head now. */
export function AuditPage() {
  const t = useT();
  const a = t.admin.audit;
  const verification = useLoad(
    (signal) => get<AuditVerification>('/v1/audit/verify', undefined, signal),
    [],
  );
  const heads = useLoad(async (signal) => {
    const [head, keys] = await Promise.all([
      latestHead(signal),
      get<AuditKeys>('/v1/audit/keys', undefined, signal),
    ]);
    return { head, keys };
  }, []);
  const { busy, error, run } = useAction();
  const [signed, setSigned] = useState<TreeHead | null>(null);

  async function sign() {
    const head = await run(() => post<TreeHead>('/v1/audit/tree-heads'));
    if (!head) return;
    setSigned(head);
    heads.reload();
    verification.reload();
  }

  return (
    <Page title={a.title}>
      <p class="lead">{a.intro}</p>
      <Section title={a.verifyTitle} id="verify">
        <Loading loaded={verification}>{(result) => <Verification result={result} />}</Loading>
        <div class="actions">
          <button
            type="button"
            class="button-secondary"
            disabled={verification.loading}
            onClick={verification.reload}
          >
            {verification.loading ? a.verifying : a.verifyAgain}
          </button>
        </div>
      </Section>
      <Section title={a.headTitle} id="tree-head">
        <Loading loaded={heads}>
          {(data) => <LatestHead head={data.head} keys={data.keys} />}
        </Loading>
        <ProblemNotice error={error} />
        {signed && (
          <p class="notice notice-good" role="status">
            {fill(a.signed, { size: signed.treeSize })}
          </p>
        )}
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => void sign()}>
            {a.signNow}
          </button>
        </div>
        <p class="field-hint">{a.signHint}</p>
      </Section>
      <Section title={a.keysTitle} id="keys">
        <Loading loaded={heads}>
          {({ keys }) => (
            <ul class="admin-list cards">
              {keys.items.map((key) => (
                <li key={key.fingerprint} class="card admin-card">
                  <p class="admin-badges">
                    <Badge tone={key.status === 'current' ? 'good' : 'plain'}>
                      {key.status === 'current' ? a.keyCurrent : a.keyRetired}
                    </Badge>
                    <span>{key.algorithm}</span>
                  </p>
                  <dl class="facts">
                    <dt>{a.fingerprint}</dt>
                    <dd>
                      <Hash value={key.fingerprint} />
                    </dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </Loading>
      </Section>
    </Page>
  );
}
