import { get, post } from '../api';
import type { Entry } from '../api-types';
import { CorrectionPanel } from '../desk/correction';
import type { CorrectionResult, RevocationPreview } from '../desk/types';
import { entryLabel, exemptionWords } from '../desk/words';
import { fill, useT } from '../i18n/i18n';
import { useLoad } from '../ui/load';
import { Loading } from '../ui/page';
import '../desk/desk.css';

/** What revoking would do, in words, as the API worked it out (a rolled-back revocation). */
function Preview({ preview, learner }: { preview: RevocationPreview; learner: string }) {
  const t = useT();
  const s = t.examiner.candidate;
  const repointedIds = new Set(preview.repointed.map((r) => r.reversed.id));
  const cascaded = preview.cascaded.filter((entry) => !repointedIds.has(entry.id));
  return (
    <div class="notice" data-preview>
      <h3>{s.previewTitle}</h3>
      {cascaded.length === 0 && preview.repointed.length === 0 && <p>{s.previewNone}</p>}
      {cascaded.length > 0 && (
        <>
          <p>{s.previewCascaded}</p>
          <ul class="desk-list">
            {cascaded.map((entry) => (
              <li key={entry.id}>{exemptionWords(t, s.previewItem, learner, entry)}</li>
            ))}
          </ul>
        </>
      )}
      {preview.repointed.length > 0 && (
        <>
          <p>{s.previewRepointed}</p>
          <ul class="desk-list">
            {preview.repointed.map((r) => (
              <li key={r.reversed.id}>
                {exemptionWords(t, s.previewItem, learner, r.reversed)}
                {r.replacement.evidence?.length ? (
                  <span class="desk-sub">
                    {fill(s.previewReplacement, {
                      evidence: r.replacement.evidence.map((e) => e.label).join('；'),
                    })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Revoking a certificate: first what it would cascade to (GET …/revocation-preview), then the
 * reason and the confirming button (POST …/revocation). `onDone` gets the answer and the named
 * exemptions of the preview, which name the answer's ids.
 */
export function RevokePanel({
  certificate,
  learner,
  onDone,
  onCancel,
}: {
  certificate: Entry;
  learner: string;
  onDone(result: CorrectionResult, known: Entry[]): void;
  onCancel(): void;
}) {
  const t = useT();
  const s = t.examiner.candidate;
  const preview = useLoad(
    (signal) =>
      get<RevocationPreview>(
        `/v1/certificates/${certificate.id}/revocation-preview`,
        undefined,
        signal,
      ),
    [certificate.id],
  );
  return (
    <CorrectionPanel
      title={fill(s.revokeNamed, { entry: entryLabel(t, certificate) })}
      reasonLabel={s.reason}
      reasonHint={s.reasonHint}
      confirmLabel={s.confirm}
      send={(reason, idempotencyKey) =>
        post<CorrectionResult>(
          `/v1/certificates/${certificate.id}/revocation`,
          { reason },
          { idempotencyKey },
        )
      }
      onCancel={onCancel}
      ready={preview.data !== undefined}
      onDone={(result) =>
        onDone(result, [
          ...(preview.data?.cascaded ?? []),
          ...(preview.data?.repointed.map((r) => r.reversed) ?? []),
        ])
      }
    >
      <Loading loaded={preview}>{(data) => <Preview preview={data} learner={learner} />}</Loading>
    </CorrectionPanel>
  );
}
