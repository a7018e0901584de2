import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { get, post } from '../api';
import { fill, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Empty, Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { NumberText } from '../ui/text';
import { changes, onFields, patch, useAction, useIdempotencyKey, within } from './common';
import { COURSE_CATEGORIES, type Course, type Institution, type List, type Program } from './types';

interface Catalog {
  institution: Institution;
  programs: Program[];
  courses: Course[];
}

function useCategoryOptions() {
  const t = useT();
  return COURSE_CATEGORIES.map((c) => ({ value: c, label: t.enums.courseCategory[c] }));
}

function programOptions(programs: Program[]) {
  return programs.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }));
}

function CreateProgram({ institutionId, onCreated }: { institutionId: string; onCreated(): void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [totalCredits, setTotalCredits] = useState('');
  const [maxExemptCredits, setMaxExemptCredits] = useState('');
  const [created, setCreated] = useState<Program | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setCreated(null);
    const program = await run(() =>
      post<Program>(
        `/v1/institutions/${institutionId}/programs`,
        {
          code: code.trim(),
          name: name.trim(),
          totalCredits: totalCredits.trim(),
          maxExemptCredits: maxExemptCredits.trim(),
        },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!program) return;
    idempotency.used();
    setCode('');
    setName('');
    setTotalCredits('');
    setMaxExemptCredits('');
    setCreated(program);
    onCreated();
  }

  const p = 'program';
  const shown = within(error, p);
  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {created && (
        <p class="notice notice-good" role="status">
          {fill(t.admin.institution.programCreated, { name: created.name })}
        </p>
      )}
      <Field
        name={`${p}.code`}
        label={t.admin.common.code}
        hint={t.admin.common.codeHint}
        error={shown}
      >
        {(a) => <TextInput {...a} value={code} onValue={setCode} autocomplete="off" required />}
      </Field>
      <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} value={name} onValue={setName} required />}
      </Field>
      <Field name={`${p}.totalCredits`} label={t.admin.institution.totalCredits} error={shown}>
        {(a) => (
          <TextInput
            {...a}
            value={totalCredits}
            onValue={setTotalCredits}
            inputMode="decimal"
            required
          />
        )}
      </Field>
      <Field
        name={`${p}.maxExemptCredits`}
        label={t.admin.institution.maxExemptCredits}
        hint={t.admin.institution.maxExemptHint}
        error={shown}
      >
        {(a) => (
          <TextInput
            {...a}
            value={maxExemptCredits}
            onValue={setMaxExemptCredits}
            inputMode="decimal"
            required
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.institution.createProgram}
        </button>
      </div>
    </form>
  );
}

function EditProgram({ program, onSaved }: { program: Program; onSaved(): void }) {
  const t = useT();
  const { busy, error, run } = useAction();
  const [name, setName] = useState(program.name);
  const [totalCredits, setTotalCredits] = useState(program.totalCredits);
  const [maxExemptCredits, setMaxExemptCredits] = useState(program.maxExemptCredits);
  const [saved, setSaved] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const body = changes(program, {
      name: name.trim(),
      totalCredits: totalCredits.trim(),
      maxExemptCredits: maxExemptCredits.trim(),
    });
    const answer = await run(() =>
      patch<Program>(`/v1/institutions/${program.institutionId}/programs/${program.id}`, body),
    );
    if (!answer) return;
    setSaved(true);
    onSaved();
  }

  const p = `program-${program.code}`;
  const shown = within(
    onFields(error, 'CATALOG.PROGRAM_CAP_BELOW_EXEMPTED', ['maxExemptCredits']),
    p,
  );
  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {saved && (
        <p class="notice notice-good" role="status">
          {t.app.saved}
        </p>
      )}
      <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} value={name} onValue={setName} required />}
      </Field>
      <Field name={`${p}.totalCredits`} label={t.admin.institution.totalCredits} error={shown}>
        {(a) => (
          <TextInput {...a} value={totalCredits} onValue={setTotalCredits} inputMode="decimal" />
        )}
      </Field>
      <Field
        name={`${p}.maxExemptCredits`}
        label={t.admin.institution.maxExemptCredits}
        error={shown}
      >
        {(a) => (
          <TextInput
            {...a}
            value={maxExemptCredits}
            onValue={setMaxExemptCredits}
            inputMode="decimal"
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.app.save}
        </button>
      </div>
    </form>
  );
}

interface CourseDraft {
  code: string;
  name: string;
  credits: string;
  hours: string;
  category: string;
  programId: string;
}

const EMPTY_COURSE: CourseDraft = {
  code: '',
  name: '',
  credits: '',
  hours: '',
  category: '',
  programId: '',
};

/** Hours as typed: a whole number is sent as one; anything else as typed, for the API to refuse. */
function hoursValue(hours: string): number | string | undefined {
  const trimmed = hours.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function CreateCourse({
  institutionId,
  programs,
  onCreated,
}: {
  institutionId: string;
  programs: Program[];
  onCreated(): void;
}) {
  const t = useT();
  const categories = useCategoryOptions();
  const { busy, error, run } = useAction();
  const idempotency = useIdempotencyKey();
  const [draft, setDraft] = useState<CourseDraft>(EMPTY_COURSE);
  const [created, setCreated] = useState<Course | null>(null);
  const set = (key: keyof CourseDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    setCreated(null);
    const course = await run(() =>
      post<Course>(
        `/v1/institutions/${institutionId}/courses`,
        {
          code: draft.code.trim(),
          name: draft.name.trim(),
          credits: draft.credits.trim(),
          hours: hoursValue(draft.hours),
          category: draft.category || undefined,
          programId: draft.programId || undefined,
        },
        { idempotencyKey: idempotency.key() },
      ),
    );
    if (!course) return;
    idempotency.used();
    setDraft(EMPTY_COURSE);
    setCreated(course);
    onCreated();
  }

  const p = 'course';
  const shown = within(error, p);
  return (
    <form class="form form-narrow" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {created && (
        <p class="notice notice-good" role="status">
          {fill(t.admin.institution.courseCreated, { name: created.name })}
        </p>
      )}
      <Field
        name={`${p}.code`}
        label={t.admin.common.code}
        hint={t.admin.common.codeHint}
        error={shown}
      >
        {(a) => (
          <TextInput {...a} value={draft.code} onValue={set('code')} autocomplete="off" required />
        )}
      </Field>
      <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} value={draft.name} onValue={set('name')} required />}
      </Field>
      <Field name={`${p}.credits`} label={t.admin.institution.credits} error={shown}>
        {(a) => (
          <TextInput
            {...a}
            value={draft.credits}
            onValue={set('credits')}
            inputMode="decimal"
            required
          />
        )}
      </Field>
      <Field name={`${p}.hours`} label={t.admin.institution.hours} error={shown}>
        {(a) => (
          <TextInput
            {...a}
            value={draft.hours}
            onValue={set('hours')}
            inputMode="numeric"
            required
          />
        )}
      </Field>
      <Field name={`${p}.category`} label={t.admin.institution.category} error={shown}>
        {(a) => (
          <Select
            {...a}
            value={draft.category}
            onValue={set('category')}
            options={categories}
            placeholder={t.admin.common.choose}
            required
          />
        )}
      </Field>
      <Field name={`${p}.programId`} label={t.admin.institution.program} optional error={shown}>
        {(a) => (
          <Select
            {...a}
            value={draft.programId}
            onValue={set('programId')}
            options={programOptions(programs)}
            placeholder={t.admin.institution.noProgram}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.admin.institution.createCourse}
        </button>
      </div>
    </form>
  );
}

function EditCourse({
  course,
  programs,
  onSaved,
}: {
  course: Course;
  programs: Program[];
  onSaved(): void;
}) {
  const t = useT();
  const categories = useCategoryOptions();
  const { busy, error, run } = useAction();
  const [draft, setDraft] = useState<CourseDraft>({
    code: course.code,
    name: course.name,
    credits: course.credits,
    hours: String(course.hours),
    category: course.category,
    programId: course.programId ?? '',
  });
  const [sent, setSent] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof CourseDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const body = changes(course, {
      name: draft.name.trim(),
      credits: draft.credits.trim(),
      hours: hoursValue(draft.hours),
      category: draft.category,
      programId: draft.programId || null,
    });
    setSent(Object.keys(body));
    const answer = await run(() =>
      patch<Course>(`/v1/institutions/${course.institutionId}/courses/${course.id}`, body),
    );
    if (!answer) return;
    setSaved(true);
    onSaved();
  }

  const p = `course-${course.code}`;
  // Credits and program are frozen once recorded: the API's words go next to what was changed.
  const frozen = sent.filter((field) => field === 'credits' || field === 'programId');
  const shown = within(onFields(error, 'CATALOG.COURSE_CREDITS_RECORDED', frozen), p);
  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={shown} fields={[p]} />
      {saved && (
        <p class="notice notice-good" role="status">
          {t.app.saved}
        </p>
      )}
      <Field name={`${p}.name`} label={t.admin.common.name} error={shown}>
        {(a) => <TextInput {...a} value={draft.name} onValue={set('name')} required />}
      </Field>
      <Field name={`${p}.credits`} label={t.admin.institution.credits} error={shown}>
        {(a) => (
          <TextInput {...a} value={draft.credits} onValue={set('credits')} inputMode="decimal" />
        )}
      </Field>
      <Field name={`${p}.hours`} label={t.admin.institution.hours} error={shown}>
        {(a) => <TextInput {...a} value={draft.hours} onValue={set('hours')} inputMode="numeric" />}
      </Field>
      <Field name={`${p}.category`} label={t.admin.institution.category} error={shown}>
        {(a) => (
          <Select {...a} value={draft.category} onValue={set('category')} options={categories} />
        )}
      </Field>
      <Field name={`${p}.programId`} label={t.admin.institution.program} optional error={shown}>
        {(a) => (
          <Select
            {...a}
            value={draft.programId}
            onValue={set('programId')}
            options={programOptions(programs)}
            placeholder={t.admin.institution.noProgram}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.app.save}
        </button>
      </div>
    </form>
  );
}

function Programs({ catalog, reload }: { catalog: Catalog; reload(): void }) {
  const t = useT();
  return (
    <>
      {catalog.programs.length === 0 ? (
        <Empty>{t.admin.institution.noPrograms}</Empty>
      ) : (
        <ul class="cards admin-list">
          {catalog.programs.map((program) => (
            <li key={program.id} class="card admin-card">
              <p class="card-title">{program.name}</p>
              <p class="card-meta admin-mono">{program.code}</p>
              <dl class="facts">
                <dt>{t.admin.institution.totalCredits}</dt>
                <dd>
                  <NumberText value={program.totalCredits} />
                </dd>
                <dt>{t.admin.institution.maxExemptCredits}</dt>
                <dd>
                  <NumberText value={program.maxExemptCredits} />
                </dd>
              </dl>
              <details class="admin-edit">
                <summary>{t.admin.common.edit}</summary>
                <EditProgram program={program} onSaved={reload} />
              </details>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.admin.institution.createProgram}</h3>
      <CreateProgram institutionId={catalog.institution.id} onCreated={reload} />
    </>
  );
}

function Courses({ catalog, reload }: { catalog: Catalog; reload(): void }) {
  const t = useT();
  const programName = (id: string | null) =>
    catalog.programs.find((p) => p.id === id)?.name ?? t.admin.institution.noProgram;
  return (
    <>
      {catalog.courses.length === 0 ? (
        <Empty>{t.admin.institution.noCourses}</Empty>
      ) : (
        <ul class="cards admin-list">
          {catalog.courses.map((course) => (
            <li key={course.id} class="card admin-card">
              <p class="card-title">{course.name}</p>
              <p class="card-meta">
                <span class="admin-mono">{course.code}</span>
                {' · '}
                {t.enums.courseCategory[course.category]}
              </p>
              <dl class="facts">
                <dt>{t.admin.institution.credits}</dt>
                <dd>
                  <NumberText value={course.credits} />
                </dd>
                <dt>{t.admin.institution.hours}</dt>
                <dd>
                  <NumberText value={course.hours} />
                </dd>
                <dt>{t.admin.institution.program}</dt>
                <dd>{programName(course.programId)}</dd>
              </dl>
              <details class="admin-edit">
                <summary>{t.admin.common.edit}</summary>
                <EditCourse course={course} programs={catalog.programs} onSaved={reload} />
              </details>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.admin.institution.createCourse}</h3>
      <CreateCourse
        institutionId={catalog.institution.id}
        programs={catalog.programs}
        onCreated={reload}
      />
    </>
  );
}

/** `/institutions/:id`: one school's programs and courses, with forms to add and correct them. */
export function InstitutionPage() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id;
  const loaded = useLoad(
    async (signal): Promise<Catalog> => {
      const [institution, programs, courses] = await Promise.all([
        get<Institution>(`/v1/institutions/${id}`, undefined, signal),
        get<List<Program>>(`/v1/institutions/${id}/programs`, undefined, signal),
        get<List<Course>>(`/v1/institutions/${id}/courses`, undefined, signal),
      ]);
      return { institution, programs: programs.items, courses: courses.items };
    },
    [id],
  );
  return (
    <Page title={loaded.data?.institution.name ?? t.admin.institutions.title}>
      <p>
        <a href="/institutions">{t.admin.institution.back}</a>
      </p>
      <Loading loaded={loaded}>
        {(catalog) => (
          <>
            <p class="lead">
              <span class="admin-mono">{catalog.institution.code}</span>
              {' · '}
              {t.enums.institutionKind[catalog.institution.kind]}
            </p>
            <Section title={t.admin.institution.programs} id="programs">
              <Programs catalog={catalog} reload={loaded.reload} />
            </Section>
            <Section title={t.admin.institution.courses} id="courses">
              <Courses catalog={catalog} reload={loaded.reload} />
            </Section>
          </>
        )}
      </Loading>
    </Page>
  );
}
