import { useState } from 'preact/hooks';
import { post } from '../api';
import type { Entry, Level } from '../api-types';
import { useIdempotencyKey } from '../desk/idempotency';
import type { Scheme } from '../desk/types';
import { todayInChina, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { ProblemNotice } from '../ui/problem';

const FIELDS = ['schemeCode', 'schemeId', 'level', 'certificateNo', 'issuedAt', 'validUntil'];

/** POST /v1/learners/{id}/certificates by scheme code, picked from the body's schemes. */
export function CertificateForm({
  learnerId,
  schemes,
  onRecorded,
}: {
  learnerId: string;
  schemes: Scheme[];
  onRecorded(entry: Entry, scheme: Scheme): void;
}) {
  const t = useT();
  const s = t.examiner.candidate;
  const [schemeCode, setSchemeCode] = useState(schemes.length === 1 ? schemes[0].code : '');
  const [level, setLevel] = useState('');
  const [certificateNo, setCertificateNo] = useState('');
  const [issuedAt, setIssuedAt] = useState(todayInChina());
  const [validUntil, setValidUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useIdempotencyKey();
  const scheme = schemes.find((candidate) => candidate.code === schemeCode);

  async function submit(event: Event) {
    event.preventDefault();
    const body = {
      schemeCode,
      level,
      certificateNo: certificateNo.trim(),
      issuedAt,
      ...(validUntil ? { validUntil } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const entry = await post<Entry>(`/v1/learners/${learnerId}/certificates`, body, {
        idempotencyKey: key.keyFor(body),
      });
      key.settle();
      setCertificateNo('');
      onRecorded(entry, scheme!);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  const levels: Level[] = scheme
    ? scheme.levels.map((l) => l.level)
    : ['JUNIOR', 'INTERMEDIATE', 'SENIOR'];
  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={error} fields={FIELDS} />
      <Field name="schemeCode" label={s.scheme} error={error}>
        {(a) => (
          <Select
            {...a}
            value={schemeCode}
            onValue={setSchemeCode}
            placeholder={s.chooseScheme}
            required
            options={schemes.map((item) => ({ value: item.code, label: item.name }))}
          />
        )}
      </Field>
      <Field name="level" label={s.level} error={error}>
        {(a) => (
          <Select
            {...a}
            value={level}
            onValue={setLevel}
            placeholder={s.chooseLevel}
            required
            options={levels.map((l) => ({ value: l, label: t.enums.level[l] }))}
          />
        )}
      </Field>
      <Field name="certificateNo" label={s.certificateNo} hint={s.certificateNoHint} error={error}>
        {(a) => (
          <TextInput
            {...a}
            value={certificateNo}
            onValue={setCertificateNo}
            maxLength={64}
            autocomplete="off"
            required
          />
        )}
      </Field>
      <Field name="issuedAt" label={s.issuedAt} error={error}>
        {(a) => <TextInput {...a} type="date" value={issuedAt} onValue={setIssuedAt} required />}
      </Field>
      <Field name="validUntil" label={s.validUntil} hint={s.validUntilHint} optional error={error}>
        {(a) => <TextInput {...a} type="date" value={validUntil} onValue={setValidUntil} />}
      </Field>
      <button type="submit" disabled={busy}>
        {s.submit}
      </button>
    </form>
  );
}
