import { get, post } from '../api';
import type { Entry } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { useLoad } from '../ui/load';
import { Loading } from '../ui/page';
import { CorrectionPanel } from './correction';
import type { CorrectionResult, RevocationPreview } from './types';
import { exemptionWords } from './words';
import './desk.css';

/** What the correction would do, in words, as the API worked it out (a rolled-back run). */
function PreviewText({ preview }: { preview: RevocationPreview }) {
  const t = useT();
  const d = t.registrar.desk;
  const learner = preview.learner.name;
  const repointedIds = new Set(preview.repointed.map((r) => r.reversed.id));
  const cascaded = preview.cascaded.filter((entry) => !repointedIds.has(entry.id));
  return (
    <div class="notice desk-preview">
      <h3>{d.previewTitle}</h3>
      {cascaded.length === 0 && preview.repointed.length === 0 && <p>{d.previewNone}</p>}
      {cascaded.length > 0 && (
        <>
          <p>{d.previewCascaded}</p>
          <ul class="desk-list">
            {cascaded.map((entry) => (
              <li key={entry.id}>{exemptionWords(t, d.previewItem, learner, entry)}</li>
            ))}
          </ul>
        </>
      )}
      {preview.repointed.length > 0 && (
        <>
          <p>{d.previewRepointed}</p>
          <ul class="desk-list">
            {preview.repointed.map((r) => (
              <li key={r.reversed.id}>
                {exemptionWords(t, d.previewItem, learner, r.reversed)}
                {r.replacement.evidence?.length ? (
                  <span class="desk-sub">
                    {fill(d.previewReplacement, {
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
 * A reversal or revocation with its consequences shown first: the preview (GET `previewPath`),
 * then the reason and the confirming button, which waits for the preview (POST `path`). `onDone`
 * gets the answer and the named exemptions of the preview, which name the answer's ids.
 */
export function PreviewedCorrection({
  path,
  previewPath,
  title,
  lead,
  reasonLabel,
  reasonHint,
  confirmLabel,
  onDone,
  onCancel,
}: {
  path: string;
  previewPath: string;
  title: string;
  lead?: string;
  reasonLabel: string;
  reasonHint: string;
  confirmLabel: string;
  onDone(result: CorrectionResult, known: Entry[]): void;
  onCancel(): void;
}) {
  const preview = useLoad(
    (signal) => get<RevocationPreview>(previewPath, undefined, signal),
    [previewPath],
  );
  return (
    <CorrectionPanel
      title={title}
      lead={lead}
      reasonLabel={reasonLabel}
      reasonHint={reasonHint}
      confirmLabel={confirmLabel}
      ready={preview.data !== undefined}
      send={(reason, idempotencyKey) =>
        post<CorrectionResult>(path, { reason }, { idempotencyKey })
      }
      onCancel={onCancel}
      onDone={(result) =>
        onDone(result, [
          ...(preview.data?.cascaded ?? []),
          ...(preview.data?.repointed.map((r) => r.reversed) ?? []),
        ])
      }
    >
      <Loading loaded={preview}>{(data) => <PreviewText preview={data} />}</Loading>
    </CorrectionPanel>
  );
}
