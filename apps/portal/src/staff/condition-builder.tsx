import { ApiProblem } from '../api';
import type { Level } from '../api-types';
import { fill, useT } from '../i18n/i18n';
import { Field, Select, TextInput } from '../ui/fields';
import type { Catalog } from './catalog';
import type { ConditionTree } from './types';

/** The condition as the form holds it: ALL/ANY groups over leaves, each with a stable key. */
export type Draft = GroupDraft | CertificateDraft | CourseDraft | DiplomaDraft;

export interface GroupDraft {
  key: number;
  type: 'group';
  op: 'all' | 'any';
  children: Draft[];
}
export interface CertificateDraft {
  key: number;
  type: 'certificate';
  schemeId: string;
  minLevel: Level | '';
  maxLevel: Level | '';
  maxAgeYears: string;
}
export interface CourseDraft {
  key: number;
  type: 'courseCredit';
  institutionId: string;
  courseId: string;
  minScore: string;
}
export interface DiplomaDraft {
  key: number;
  type: 'diploma';
  institutionId: string;
  programId: string;
}

export type LeafType = 'certificate' | 'courseCredit' | 'diploma';

/** The API refuses deeper trees (MAX_CONDITION_DEPTH). */
const MAX_DEPTH = 8;
const LEVELS: Level[] = ['JUNIOR', 'INTERMEDIATE', 'SENIOR'];

let nextKey = 1;
const key = () => nextKey++;

export function newLeaf(type: LeafType, institutionId: string): Draft {
  if (type === 'certificate')
    return { key: key(), type, schemeId: '', minLevel: '', maxLevel: '', maxAgeYears: '' };
  if (type === 'courseCredit')
    return { key: key(), type, institutionId, courseId: '', minScore: '' };
  return { key: key(), type, institutionId, programId: '' };
}

export function newGroup(op: 'all' | 'any', children: Draft[]): GroupDraft {
  return { key: key(), type: 'group', op, children };
}

const number = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The tree the API takes; blanks are sent as they are, for the API to name their paths. */
export function toCondition(draft: Draft): ConditionTree {
  switch (draft.type) {
    case 'group':
      return draft.op === 'all'
        ? { all: draft.children.map(toCondition) }
        : { any: draft.children.map(toCondition) };
    case 'certificate': {
      const age = number(draft.maxAgeYears);
      return {
        certificate: {
          schemeId: draft.schemeId,
          minLevel: draft.minLevel as Level,
          ...(draft.maxLevel ? { maxLevel: draft.maxLevel } : {}),
          ...(age === undefined ? {} : { maxAgeYears: age }),
        },
      };
    }
    case 'courseCredit': {
      const score = number(draft.minScore);
      return {
        courseCredit: {
          courseId: draft.courseId,
          ...(score === undefined ? {} : { minScore: score }),
        },
      };
    }
    case 'diploma':
      return { diploma: { programId: draft.programId } };
  }
}

/** The error the API gave for exactly this path (not one of its children's). */
function ownMessage(error: unknown, paths: string[]): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.errors.find((e) => paths.includes(e.field))?.message;
}

interface NodeProps {
  node: Draft;
  path: string;
  depth: number;
  /** 1-based position in its group, for the legend. */
  position: number;
  catalog: Catalog;
  error: unknown;
  onChange(next: Draft): void;
  onRemove?: () => void;
  defaultInstitutionId: string;
}

/** One node of the condition: a group with its parts, or a leaf with its controls. */
export function ConditionNode(props: NodeProps) {
  return props.node.type === 'group' ? (
    <GroupNode {...props} node={props.node} />
  ) : (
    <LeafNode {...props} />
  );
}

function GroupNode(props: NodeProps & { node: GroupDraft }) {
  const t = useT();
  const { node, path, depth, error, onChange, onRemove } = props;
  const childPath = (index: number) => `${path}.${node.op}[${index}]`;
  const message = ownMessage(error, [path, `${path}.${node.op}`]);
  const setChildren = (children: Draft[]) => onChange({ ...node, children });
  const add = (draft: Draft) => setChildren([...node.children, draft]);
  const legend =
    depth === 1 ? t.staff.conditionRoot : fill(t.staff.groupLegend, { n: props.position });
  return (
    <fieldset class={message ? 'cond-group field-invalid' : 'cond-group'}>
      <legend>{legend}</legend>
      <Field name={`${path}.op`} label={t.staff.groupOp}>
        {(attributes) => (
          <Select
            {...attributes}
            value={node.op}
            onValue={(op) => onChange({ ...node, op: op === 'any' ? 'any' : 'all' })}
            options={[
              { value: 'all', label: t.staff.groupAll },
              { value: 'any', label: t.staff.groupAny },
            ]}
          />
        )}
      </Field>
      {message && (
        <p class="field-error" role="alert">
          {message}
        </p>
      )}
      {node.children.length === 0 && <p class="field-hint">{t.staff.groupEmpty}</p>}
      <ol class="cond-children">
        {node.children.map((child, index) => (
          <li key={child.key}>
            <ConditionNode
              {...props}
              node={child}
              path={childPath(index)}
              depth={depth + 1}
              position={index + 1}
              onChange={(next) =>
                setChildren(node.children.map((c, i) => (i === index ? next : c)))
              }
              onRemove={() => setChildren(node.children.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ol>
      <div class="cond-add">
        <button
          type="button"
          class="button-secondary"
          onClick={() => add(newLeaf('certificate', props.defaultInstitutionId))}
        >
          {t.staff.addCertificate}
        </button>
        <button
          type="button"
          class="button-secondary"
          onClick={() => add(newLeaf('courseCredit', props.defaultInstitutionId))}
        >
          {t.staff.addCourse}
        </button>
        <button
          type="button"
          class="button-secondary"
          onClick={() => add(newLeaf('diploma', props.defaultInstitutionId))}
        >
          {t.staff.addDiploma}
        </button>
        {depth < MAX_DEPTH - 1 && (
          <button
            type="button"
            class="button-secondary"
            onClick={() => add(newGroup(node.op === 'all' ? 'any' : 'all', []))}
          >
            {t.staff.addGroup}
          </button>
        )}
        {onRemove && (
          <button type="button" class="button-link" onClick={onRemove}>
            {fill(t.staff.removeGroup, { n: props.position })}
          </button>
        )}
      </div>
    </fieldset>
  );
}

function LeafNode({ node, path, position, catalog, error, onChange, onRemove }: NodeProps) {
  const t = useT();
  const legend = fill(t.staff.leafLegend, {
    n: position,
    kind:
      node.type === 'certificate'
        ? t.staff.leafCertificate
        : node.type === 'courseCredit'
          ? t.staff.leafCourse
          : t.staff.leafDiploma,
  });
  const schools = catalog.institutions.map((s) => ({ value: s.id, label: s.name }));
  let controls;
  if (node.type === 'certificate') {
    const base = `${path}.certificate`;
    const scheme = catalog.scheme.get(node.schemeId);
    const levels = (scheme?.levels.map((l) => l.level) ?? LEVELS).map((level) => ({
      value: level,
      label: t.enums.level[level],
    }));
    controls = (
      <>
        <Field name={`${base}.schemeId`} label={t.staff.scheme} error={error}>
          {(a) => (
            <Select
              {...a}
              value={node.schemeId}
              placeholder={t.staff.choose}
              onValue={(schemeId) => onChange({ ...node, schemeId })}
              options={catalog.schemes.map((s) => ({
                value: s.id,
                label: `${s.name}（${s.code}）`,
              }))}
            />
          )}
        </Field>
        <div class="form-row">
          <Field name={`${base}.minLevel`} label={t.staff.minLevel} error={error}>
            {(a) => (
              <Select
                {...a}
                value={node.minLevel}
                placeholder={t.staff.choose}
                onValue={(level) => onChange({ ...node, minLevel: level as Level | '' })}
                options={levels}
              />
            )}
          </Field>
          <Field name={`${base}.maxLevel`} label={t.staff.maxLevel} error={error} optional>
            {(a) => (
              <Select
                {...a}
                value={node.maxLevel}
                placeholder={t.staff.noLimit}
                onValue={(level) => onChange({ ...node, maxLevel: level as Level | '' })}
                options={levels}
              />
            )}
          </Field>
          <Field name={`${base}.maxAgeYears`} label={t.staff.maxAgeYears} error={error} optional>
            {(a) => (
              <TextInput
                {...a}
                type="number"
                inputMode="numeric"
                min="1"
                value={node.maxAgeYears}
                onValue={(maxAgeYears) => onChange({ ...node, maxAgeYears })}
              />
            )}
          </Field>
        </div>
      </>
    );
  } else if (node.type === 'courseCredit') {
    const base = `${path}.courseCredit`;
    const courses = catalog.coursesOf.get(node.institutionId) ?? [];
    controls = (
      <>
        <Field name={`${base}.institution`} label={t.staff.school}>
          {(a) => (
            <Select
              {...a}
              value={node.institutionId}
              onValue={(institutionId) => onChange({ ...node, institutionId, courseId: '' })}
              options={schools}
            />
          )}
        </Field>
        <Field name={`${base}.courseId`} label={t.staff.course} error={error}>
          {(a) => (
            <Select
              {...a}
              value={node.courseId}
              placeholder={t.staff.choose}
              onValue={(courseId) => onChange({ ...node, courseId })}
              options={courses.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }))}
            />
          )}
        </Field>
        <Field name={`${base}.minScore`} label={t.staff.minScore} error={error} optional>
          {(a) => (
            <TextInput
              {...a}
              type="number"
              inputMode="decimal"
              min="0"
              max="100"
              value={node.minScore}
              onValue={(minScore) => onChange({ ...node, minScore })}
            />
          )}
        </Field>
      </>
    );
  } else if (node.type === 'diploma') {
    const base = `${path}.diploma`;
    const programs = catalog.programsOf.get(node.institutionId) ?? [];
    controls = (
      <>
        <Field name={`${base}.institution`} label={t.staff.school}>
          {(a) => (
            <Select
              {...a}
              value={node.institutionId}
              onValue={(institutionId) => onChange({ ...node, institutionId, programId: '' })}
              options={schools}
            />
          )}
        </Field>
        <Field name={`${base}.programId`} label={t.staff.program} error={error}>
          {(a) => (
            <Select
              {...a}
              value={node.programId}
              placeholder={t.staff.choose}
              onValue={(programId) => onChange({ ...node, programId })}
              options={programs.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
            />
          )}
        </Field>
      </>
    );
  }
  const message = ownMessage(error, [path, `${path}.${node.type}`]);
  return (
    <fieldset class={message ? 'cond-leaf field-invalid' : 'cond-leaf'}>
      <legend>{legend}</legend>
      {message && <p class="field-error">{message}</p>}
      {controls}
      {onRemove && (
        <button type="button" class="button-link" onClick={onRemove}>
          {fill(t.staff.removeLeaf, { n: position })}
        </button>
      )}
    </fieldset>
  );
}
