import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { ApiProblem } from '../api';
import { useT } from '../i18n/i18n';

interface FieldProps {
  /** The API's name for the field: its error (422 `errors[].field`) is shown under it. */
  name: string;
  label: string;
  error?: unknown;
  hint?: string;
  optional?: boolean;
  children: (attributes: FieldAttributes) => ComponentChildren;
}

export interface FieldAttributes {
  id: string;
  name: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

/** A labelled control with its hint and, when the API refused it, the message next to it. */
export function Field({ name, label, error, hint, optional, children }: FieldProps) {
  const t = useT();
  const id = `field-${name.replace(/[^\w-]/g, '-')}`;
  const message = error instanceof ApiProblem ? error.fieldMessage(name) : undefined;
  const described = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class={message ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {label}
        {optional && <span class="field-optional"> ({t.app.optional})</span>}
      </label>
      {children({
        id,
        name,
        ...(message ? { 'aria-invalid': 'true' as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {message && (
        <p class="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

interface ControlProps {
  id?: string;
  name?: string;
  disabled?: boolean;
  required?: boolean;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  value: string;
  onValue(value: string): void;
}

interface InputProps extends ControlProps {
  type?: 'text' | 'password' | 'date' | 'number' | 'search';
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'search';
  placeholder?: string;
  list?: string;
  min?: string;
  max?: string;
  step?: string;
  maxLength?: number;
}

/** A text input bound to a string. */
export function TextInput({ value, onValue, type = 'text', ...rest }: InputProps) {
  // Preact types each `type` as its own attribute set; a union of types needs the cast.
  const attributes = { ...rest, type } as InputHTMLAttributes<HTMLInputElement>;
  return <input {...attributes} value={value} onInput={(e) => onValue(e.currentTarget.value)} />;
}

interface SelectProps extends ControlProps {
  options: { value: string; label: string }[];
  /** A first, empty choice ("choose …"). */
  placeholder?: string;
}

export function Select({ value, onValue, options, placeholder, ...rest }: SelectProps) {
  return (
    <select {...rest} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

interface TextAreaProps extends ControlProps {
  rows?: number;
  maxLength?: number;
}

export function TextArea({ value, onValue, ...rest }: TextAreaProps) {
  return <textarea {...rest} value={value} onInput={(e) => onValue(e.currentTarget.value)} />;
}
