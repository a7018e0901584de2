import { useState } from 'preact/hooks';
import { post } from '../api';
import type { Entry } from '../api-types';
import { useIdempotencyKey } from '../desk/idempotency';
import type { Course } from '../desk/types';
import { fill, todayInChina, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { ProblemNotice } from '../ui/problem';

const FIELDS = ['courseCode', 'courseId', 'term', 'score', 'completedAt'];

/** A number when the text is one; otherwise the text itself, so the API names what is wrong. */
function scoreOf(text: string): number | string {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/**
 * POST /v1/learners/{id}/course-credits by course code, picked from the school's courses (those
 * the learner already passed say so). A 422 shows next to its field; a conflict above the form.
 */
export function CreditForm({
  learnerId,
  courses,
  passed,
  onRecorded,
}: {
  learnerId: string;
  courses: Course[];
  /** Course ids with a standing passing credit on the account. */
  passed: Set<string>;
  onRecorded(entry: Entry, course: Course): void;
}) {
  const t = useT();
  const s = t.registrar.student;
  const [courseCode, setCourseCode] = useState('');
  const [term, setTerm] = useState('');
  const [score, setScore] = useState('');
  const [completedAt, setCompletedAt] = useState(todayInChina());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useIdempotencyKey();

  async function submit(event: Event) {
    event.preventDefault();
    const body = { courseCode, term: term.trim(), score: scoreOf(score), completedAt };
    setBusy(true);
    setError(null);
    try {
      const entry = await post<Entry>(`/v1/learners/${learnerId}/course-credits`, body, {
        idempotencyKey: key.keyFor(body),
      });
      key.settle();
      const course = courses.find((c) => c.code === courseCode)!;
      setCourseCode('');
      setScore('');
      onRecorded(entry, course);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={error} fields={FIELDS} />
      <Field name="courseCode" label={s.course} error={error}>
        {(a) => (
          <Select
            {...a}
            value={courseCode}
            onValue={setCourseCode}
            placeholder={s.chooseCourse}
            required
            options={courses.map((c) => ({
              value: c.code,
              label: fill(passed.has(c.id) ? s.courseOptionHeld : s.courseOption, {
                code: c.code,
                name: c.name,
                credits: c.credits,
              }),
            }))}
          />
        )}
      </Field>
      <Field name="term" label={s.term} hint={s.termHint} error={error}>
        {(a) => <TextInput {...a} value={term} onValue={setTerm} maxLength={16} required />}
      </Field>
      <Field name="score" label={s.score} hint={s.scoreHint} error={error}>
        {(a) => <TextInput {...a} value={score} onValue={setScore} inputMode="decimal" required />}
      </Field>
      <Field name="completedAt" label={s.completedAt} error={error}>
        {(a) => (
          <TextInput {...a} type="date" value={completedAt} onValue={setCompletedAt} required />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {s.submit}
      </button>
    </form>
  );
}
