import { getMetadataStorage, ValidationError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { FieldError } from '../errors/domain-error';
import { invisibleCharacterIn } from '../validation/text-validators';
import { fieldError } from './messages';
import type { FieldMessageKey } from './messages.en';

type Described = { key: FieldMessageKey; params?: Record<string, unknown> };

/** What a constraint says about the value's type: when one fails, only it is reported. */
const TYPE_CONSTRAINTS: Record<string, FieldMessageKey> = {
  isString: 'WRONG_TYPE.string',
  isNumber: 'WRONG_TYPE.number',
  isInt: 'WRONG_TYPE.integer',
  isBoolean: 'WRONG_TYPE.boolean',
  isArray: 'WRONG_TYPE.array',
  isObject: 'WRONG_TYPE.object',
  nestedValidation: 'WRONG_TYPE.object',
};

/** Constraints about the field itself, not a value it lacks. */
const NOT_ABOUT_A_VALUE = new Set([
  'whitelistValidation',
  'unknownValue',
  'unvalidatable',
  // An absent id is right when its code is sent: the constraint says which of the two is missing.
  'isIdOrCode',
]);

/** Patterns the DTOs share, known by their source: a custom message gets a key of its own. */
const KNOWN_PATTERNS: Record<string, FieldMessageKey> = {
  '\\S': 'NOT_BLANK',
  '^\\P{Cc}+$': 'CONTROL_CHARACTER',
};

/**
 * The message key and parameters for one failed constraint, from its name and its arguments
 * (class-validator's own messages name the first constraint, not the one that matters).
 */
function describe(
  name: string,
  constraints: unknown[],
  value: unknown,
  custom: string | undefined,
  object?: Record<string, unknown>,
): Described | null {
  const [first, second] = constraints as [unknown, unknown];
  const bounds = (first ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'isDefined':
      return { key: 'REQUIRED' };
    case 'whitelistValidation':
      return { key: 'UNKNOWN_FIELD' };
    case 'unknownValue':
      return { key: 'UNKNOWN_VALUE' };
    case 'unvalidatable':
      return { key: 'UNVALIDATABLE' };
    case 'isNumber': {
      const places = bounds.maxDecimalPlaces;
      if (typeof value === 'number' && Number.isFinite(value) && typeof places === 'number')
        return decimalPlaces(places);
      return { key: 'WRONG_TYPE.number' };
    }
    case 'min':
      return { key: 'TOO_SMALL', params: { min: first } };
    case 'max':
      return { key: 'TOO_LARGE', params: { max: first } };
    case 'isLength':
      return second === undefined
        ? { key: 'TOO_SHORT', params: { min: first } }
        : { key: 'LENGTH', params: { min: first, max: second } };
    case 'minLength':
      return { key: 'TOO_SHORT', params: { min: first } };
    case 'maxLength':
      return { key: 'TOO_LONG', params: { max: first } };
    case 'arrayMinSize':
      return { key: 'TOO_FEW_ITEMS', params: { min: first } };
    case 'arrayMaxSize':
      return { key: 'TOO_MANY_ITEMS', params: { max: first } };
    case 'isIn':
      return { key: 'NOT_ALLOWED_VALUE', params: { allowed: first } };
    case 'isEnum':
      return { key: 'NOT_ALLOWED_VALUE', params: { allowed: second } };
    case 'isUuid':
    case 'isUUID':
      return { key: 'NOT_UUID' };
    case 'matches': {
      const known = first instanceof RegExp ? KNOWN_PATTERNS[first.source] : undefined;
      return known ? { key: known } : custom ? null : { key: 'INVALID_FORMAT' };
    }
    case 'isDecimalAmount':
      return describeDecimal(bounds, value);
    case 'isCalendarDate':
      return { key: bounds.notInFuture ? 'DATE_IN_FUTURE' : 'NOT_A_DATE' };
    case 'isIdOrCode': {
      const params = { codeField: first };
      if (value === undefined) return { key: 'REQUIRED.idOrCode', params };
      if (object?.[String(first)] !== undefined) return { key: 'INVALID.idAndCode', params };
      return { key: 'NOT_UUID' };
    }
    case 'isAfterDate':
      return { key: 'NOT_AFTER', params: { other: first } };
    case 'noInvisibleCharacters':
      return {
        key: bounds.freeText ? 'DIRECTION_CHARACTER' : 'INVISIBLE_CHARACTER',
        params: { found: invisibleCharacterIn(String(value), bounds.freeText === true) },
      };
    default:
      return TYPE_CONSTRAINTS[name] ? { key: TYPE_CONSTRAINTS[name] } : null;
  }
}

function decimalPlaces(max: number): Described {
  if (max === 0) return { key: 'TOO_MANY_DECIMALS.none' };
  if (max === 1) return { key: 'TOO_MANY_DECIMALS.one' };
  return { key: 'TOO_MANY_DECIMALS', params: { max } };
}

/** A credit amount: not a decimal, too many decimal places, or out of range — said apart. */
function describeDecimal(bounds: Record<string, unknown>, value: unknown): Described {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) return { key: 'NOT_DECIMAL' };
  const scale = Number(bounds.scale);
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > scale) return decimalPlaces(scale);
  return {
    key: bounds.exclusiveMin ? 'OUT_OF_RANGE.above' : 'OUT_OF_RANGE',
    params: { min: bounds.min, max: bounds.max },
  };
}

function metadataOf(error: ValidationError): ValidationMetadata[] {
  const target = error.target;
  if (!target || Array.isArray(target)) return [];
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .filter((metadata) => metadata.propertyName === error.property);
}

/**
 * One field's failed constraints as field errors with a stable code each. A missing value
 * (undefined or null) says only that it is missing; a value of the wrong type says only the
 * type it must have; everything else says each bound it breaks.
 */
export function fieldErrorsOf(error: ValidationError, field: string): FieldError[] {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (!names.length) return [];
  const metadata = metadataOf(error);
  const missing =
    (error.value === undefined || error.value === null) &&
    !names.some((name) => NOT_ABOUT_A_VALUE.has(name));
  if (missing || names.includes('isDefined')) return [fieldError(field, 'REQUIRED')];
  const described = names.map((name) => {
    const found = metadata.find((candidate) => candidate.name === name);
    const custom = typeof found?.message === 'string' ? found.message : undefined;
    const object = error.target as Record<string, unknown> | undefined;
    return { name, found: describe(name, found?.constraints ?? [], error.value, custom, object) };
  });
  const wrongType = described.find((each) => each.found?.key.startsWith('WRONG_TYPE.'));
  return (wrongType ? [wrongType] : described).map(({ name, found }) =>
    found
      ? fieldError(field, found.key, found.params)
      : // A DTO's own message for its own pattern, or a constraint this map does not know.
        {
          field,
          code: name === 'matches' ? 'INVALID_FORMAT' : 'INVALID',
          message: constraints[name],
        },
  );
}
