import {
  IDEMPOTENCY_KEYS,
  PATH_SEGMENTS,
  RAW_BODIES,
  STRINGS,
  UNKNOWN_KEYS,
} from './hostile-values';
import { absentOptionalFields, positions, specAt, valueAt } from './json-paths';
import { OperationSpec } from './operations';
import { BaseRequest, Mutation } from './request-generator';
import { poolFor, queryStrings } from './value-pools';

/**
 * Every single mutation the generator can make of a valid request, each once: a sweep rather
 * than a sample (`npm run fuzz -- --sweep`). Rare values that sampling seldom reaches (a forged
 * cursor in one query parameter of one operation) are certain to be tried here.
 */
export function everySingleMutation(operation: OperationSpec, base: BaseRequest): Mutation[] {
  const mutations: Mutation[] = [];
  if (operation.method !== 'GET') {
    const body = base.body ?? {};
    const paths = positions(body);
    for (const path of [...paths, ...absentOptionalFields(operation.body, body)]) {
      for (const value of poolFor(specAt(operation.body, path), valueAt(body, path))) {
        mutations.push({ kind: 'set', path, value });
      }
    }
    for (const path of paths) mutations.push({ kind: 'delete', path });
    for (const key of UNKNOWN_KEYS)
      mutations.push({ kind: 'unknown', path: [], key, value: STRINGS[0] });
    for (const raw of RAW_BODIES) mutations.push({ kind: 'raw', body: raw });
    if (operation.acceptsIdempotencyKey) {
      for (const value of IDEMPOTENCY_KEYS) mutations.push({ kind: 'idempotencyKey', value });
    }
  }
  for (const name of operation.pathParams) {
    for (const segment of PATH_SEGMENTS) mutations.push({ kind: 'pathParam', name, segment });
  }
  for (const field of operation.query ?? []) {
    for (const value of queryStrings(poolFor(field, base.query?.[field.name]))) {
      mutations.push({ kind: 'query', name: field.name, mode: 'set', value });
    }
    mutations.push({
      kind: 'query',
      name: field.name,
      mode: 'repeat',
      value: { name: 'a second value', value: '1' },
    });
  }
  for (const caller of base.alsoAdmitted ?? []) mutations.push({ kind: 'caller', caller });
  return mutations;
}
