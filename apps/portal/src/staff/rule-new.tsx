import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiProblem, post } from '../api';
import type { Level, RuleKind } from '../api-types';
import { todayInChina, useT } from '../i18n/i18n';
import { useMe, type Me } from '../session';
import { Field, Select, TextInput } from '../ui/fields';
import { useLoad } from '../ui/load';
import { Loading, Page, Section } from '../ui/page';
import { ProblemNotice } from '../ui/problem';
import { loadCatalog, type Catalog } from './catalog';
import {
  ConditionNode,
  newGroup,
  newLeaf,
  toCondition,
  type Draft,
  type LeafType,
} from './condition-builder';
import type { Rule, RuleTarget } from './types';

/** Who may own which kind: a school's registrar the course targets, a body's examiner the exams. */
export function kindsFor(me: Me): RuleKind[] {
  if (me.role === 'REGISTRAR') return ['CERT_TO_COURSE', 'COURSE_TO_COURSE'];
  if (me.role === 'EXAMINER') return ['COURSE_TO_EXAM'];
  return ['CERT_TO_COURSE', 'COURSE_TO_COURSE', 'COURSE_TO_EXAM'];
}

const FIRST_LEAF: Record<RuleKind, LeafType> = {
  CERT_TO_COURSE: 'certificate',
  COURSE_TO_COURSE: 'courseCredit',
  COURSE_TO_EXAM: 'courseCredit',
};

const FIELDS = [
  'kind',
  'name',
  'condition',
  'targets',
  'creditsGranted',
  'maxCreditsPerEvidence',
  'effectiveFrom',
  'effectiveTo',
];

interface ExamTarget {
  schemeId: string;
  level: Level | '';
  component: string;
}

export function NewRulePage() {
  const t = useT();
  const catalog = useLoad(() => loadCatalog(), []);
  return (
    <Page title={t.staff.newRuleTitle}>
      <Loading loaded={catalog}>{(data) => <RuleForm catalog={data} />}</Loading>
    </Page>
  );
}

function RuleForm({ catalog }: { catalog: Catalog }) {
  const t = useT();
  const me = useMe();
  const { route } = useLocation();
  const kinds = kindsFor(me);
  const homeSchool = me.institutionId ?? catalog.institutions[0]?.id ?? '';
  const [kind, setKind] = useState<RuleKind>(kinds[0]);
  const [name, setName] = useState('');
  const [condition, setCondition] = useState<Draft>(() =>
    newGroup('all', [newLeaf(FIRST_LEAF[kinds[0]], homeSchool)]),
  );
  const [courseTargets, setCourseTargets] = useState<string[]>([]);
  const [examTargets, setExamTargets] = useState<ExamTarget[]>([
    { schemeId: '', level: '', component: '' },
  ]);
  const [creditsGranted, setCreditsGranted] = useState('');
  const [maxPerEvidence, setMaxPerEvidence] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(todayInChina());
  const [effectiveTo, setEffectiveTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const exam = kind === 'COURSE_TO_EXAM';
  // A registrar's targets are their own school's courses; an examiner's, their body's exams.
  const ownCourses = catalog.coursesOf.get(me.institutionId ?? homeSchool) ?? [];
  const ownSchemes = catalog.schemes.filter(
    (s) => !me.certificationBodyId || s.certificationBodyId === me.certificationBodyId,
  );
  const targets: RuleTarget[] = exam
    ? examTargets.map((e) => ({
        schemeId: e.schemeId,
        level: e.level as Level,
        component: e.component,
      }))
    : courseTargets.map((courseId) => ({ courseId }));
  const targetMessages =
    error instanceof ApiProblem
      ? error.errors.filter((e) => e.field === 'targets' || e.field.startsWith('targets'))
      : [];

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const rule = await post<Rule>('/v1/conversion-rules', {
        kind,
        name,
        condition: toCondition(condition),
        targets,
        ...(creditsGranted.trim() ? { creditsGranted: creditsGranted.trim() } : {}),
        ...(maxPerEvidence.trim() ? { maxCreditsPerEvidence: maxPerEvidence.trim() } : {}),
        effectiveFrom,
        ...(effectiveTo ? { effectiveTo } : {}),
      });
      route(`/rules/${rule.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={(e) => void submit(e)} noValidate>
      <ProblemNotice error={error} fields={FIELDS} />
      <Section title={t.staff.ruleBasics}>
        <Field name="kind" label={t.staff.kind} error={error}>
          {(a) => (
            <Select
              {...a}
              value={kind}
              onValue={(value) => setKind(value as RuleKind)}
              options={kinds.map((k) => ({ value: k, label: t.enums.ruleKind[k] }))}
            />
          )}
        </Field>
        <Field name="name" label={t.staff.ruleName} hint={t.staff.ruleNameHint} error={error}>
          {(a) => <TextInput {...a} value={name} onValue={setName} maxLength={200} />}
        </Field>
      </Section>
      <Section title={t.staff.conditionTitle}>
        <p class="field-hint">{t.staff.conditionHint}</p>
        <ConditionNode
          node={condition}
          path="condition"
          depth={1}
          position={1}
          catalog={catalog}
          error={error}
          onChange={setCondition}
          defaultInstitutionId={homeSchool}
        />
      </Section>
      <Section title={t.staff.targetsTitle}>
        {exam ? (
          <ol class="cond-children">
            {examTargets.map((target, index) => {
              const scheme = catalog.scheme.get(target.schemeId);
              const level = scheme?.levels.find((l) => l.level === target.level);
              const set = (patch: Partial<ExamTarget>) =>
                setExamTargets(examTargets.map((e, i) => (i === index ? { ...e, ...patch } : e)));
              return (
                <li key={index}>
                  <fieldset class="cond-leaf">
                    <legend>{`${t.staff.examTarget} ${index + 1}`}</legend>
                    <Field name={`targets[${index}].schemeId`} label={t.staff.scheme} error={error}>
                      {(a) => (
                        <Select
                          {...a}
                          value={target.schemeId}
                          placeholder={t.staff.choose}
                          onValue={(schemeId) => set({ schemeId, level: '', component: '' })}
                          options={ownSchemes.map((s) => ({
                            value: s.id,
                            label: `${s.name}（${s.code}）`,
                          }))}
                        />
                      )}
                    </Field>
                    <div class="form-row">
                      <Field name={`targets[${index}].level`} label={t.staff.level} error={error}>
                        {(a) => (
                          <Select
                            {...a}
                            value={target.level}
                            placeholder={t.staff.choose}
                            onValue={(value) => set({ level: value as Level | '', component: '' })}
                            options={(scheme?.levels ?? []).map((l) => ({
                              value: l.level,
                              label: t.enums.level[l.level],
                            }))}
                          />
                        )}
                      </Field>
                      <Field
                        name={`targets[${index}].component`}
                        label={t.staff.component}
                        error={error}
                      >
                        {(a) => (
                          <Select
                            {...a}
                            value={target.component}
                            placeholder={t.staff.choose}
                            onValue={(component) => set({ component })}
                            options={(level?.components ?? []).map((c) => ({
                              value: c.code,
                              label: c.name,
                            }))}
                          />
                        )}
                      </Field>
                    </div>
                    {examTargets.length > 1 && (
                      <button
                        type="button"
                        class="button-link"
                        onClick={() => setExamTargets(examTargets.filter((_, i) => i !== index))}
                      >
                        {`${t.staff.removeTarget} ${index + 1}`}
                      </button>
                    )}
                  </fieldset>
                </li>
              );
            })}
            <li>
              <button
                type="button"
                class="button-secondary"
                onClick={() =>
                  setExamTargets([...examTargets, { schemeId: '', level: '', component: '' }])
                }
              >
                {t.staff.addTarget}
              </button>
            </li>
          </ol>
        ) : (
          <fieldset class={targetMessages.length ? 'cond-leaf field-invalid' : 'cond-leaf'}>
            <legend>{t.staff.targetCourses}</legend>
            <ul class="check-list">
              {ownCourses.map((course) => (
                <li key={course.id}>
                  <label>
                    <input
                      type="checkbox"
                      name="targets"
                      checked={courseTargets.includes(course.id)}
                      onChange={(e) =>
                        setCourseTargets(
                          e.currentTarget.checked
                            ? [...courseTargets, course.id]
                            : courseTargets.filter((id) => id !== course.id),
                        )
                      }
                    />
                    {`${course.name}（${course.code}）· ${course.credits} ${t.staff.creditsUnit}`}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {targetMessages.map((message) => (
          <p key={message.field} class="field-error">
            {message.message}
          </p>
        ))}
      </Section>
      <Section title={t.staff.grantTitle}>
        <div class="form-row">
          <Field
            name="creditsGranted"
            label={t.staff.creditsGranted}
            hint={exam ? t.staff.creditsGrantedExamHint : t.staff.creditsGrantedHint}
            error={error}
            optional
          >
            {(a) => (
              <TextInput
                {...a}
                inputMode="decimal"
                value={creditsGranted}
                onValue={setCreditsGranted}
              />
            )}
          </Field>
          <Field
            name="maxCreditsPerEvidence"
            label={t.staff.maxCreditsPerEvidence}
            hint={t.staff.maxCreditsPerEvidenceHint}
            error={error}
            optional
          >
            {(a) => (
              <TextInput
                {...a}
                inputMode="decimal"
                value={maxPerEvidence}
                onValue={setMaxPerEvidence}
              />
            )}
          </Field>
        </div>
        <div class="form-row">
          <Field name="effectiveFrom" label={t.staff.effectiveFrom} error={error}>
            {(a) => (
              <TextInput {...a} type="date" value={effectiveFrom} onValue={setEffectiveFrom} />
            )}
          </Field>
          <Field
            name="effectiveTo"
            label={t.staff.effectiveTo}
            hint={t.staff.effectiveToHint}
            error={error}
            optional
          >
            {(a) => <TextInput {...a} type="date" value={effectiveTo} onValue={setEffectiveTo} />}
          </Field>
        </div>
      </Section>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t.staff.createRule}
        </button>
        <a href="/rules">{t.app.cancel}</a>
      </div>
    </form>
  );
}
