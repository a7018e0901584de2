import fc from 'fast-check';
import {
  IDEMPOTENCY_KEYS,
  NAN_LIKE,
  Named,
  PATH_SEGMENTS,
  RAW_BODIES,
  RawBody,
  STRINGS,
  UNKNOWN_KEYS,
  WRONG_TYPES,
} from './hostile-values';
import {
  absentOptionalFields,
  objectPositions,
  Path,
  positions,
  setAt,
  specAt,
  valueAt,
} from './json-paths';
import { OperationSpec } from './operations';
import { poolFor, queryStrings } from './value-pools';

/**
 * Turns one operation and a valid request for it into a fast-check arbitrary of hostile
 * requests: one to three mutations of the valid request (a field set to a wrong, huge, empty,
 * unicode, NaN-like, out-of-range, impossible or injected value; a field removed; an unknown
 * field added; the whole body replaced; a path segment or query parameter spoiled; a bad
 * Idempotency-Key; another method). Mutations are plain data, so a failing case prints as what
 * was done and shrinks towards fewer, simpler mutations.
 */
export type Caller = string;

export interface BaseRequest {
  /** A caller the route admits ('anonymous' for public routes). */
  caller: Caller;
  /** Other callers it admits, for variety (each within the scope of the base's resources). */
  alsoAdmitted?: Caller[];
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export type Mutation =
  | { kind: 'set'; path: Path; value: Named<unknown> }
  | { kind: 'delete'; path: Path }
  | { kind: 'unknown'; path: Path; key: Named<string>; value: Named<unknown> }
  | { kind: 'raw'; body: Named<RawBody> }
  | { kind: 'pathParam'; name: string; segment: Named<string> }
  | {
      kind: 'query';
      name: string;
      mode: 'set' | 'repeat' | 'bracket' | 'unknown';
      value: Named<string>;
    }
  | { kind: 'idempotencyKey'; value: Named<string> }
  | { kind: 'method'; method: 'PUT' | 'PATCH' | 'DELETE' }
  | { kind: 'caller'; caller: Caller };

export interface FuzzRequest {
  operationId: string;
  caller: Caller;
  method: string;
  /** Percent-encoded path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  mutations: string[];
}

function describe(mutation: Mutation): string {
  switch (mutation.kind) {
    case 'set':
      return `set ${mutation.path.join('.')} to ${mutation.value.name}`;
    case 'delete':
      return `remove ${mutation.path.join('.')}`;
    case 'unknown':
      return `add unknown field ${mutation.key.name} = ${mutation.value.name} at ${mutation.path.join('.') || 'the top'}`;
    case 'raw':
      return `replace the body by: ${mutation.body.name}`;
    case 'pathParam':
      return `path parameter ${mutation.name} = ${mutation.segment.name}`;
    case 'query':
      return `query ${mutation.name}: ${mutation.mode} ${mutation.value.name}`;
    case 'idempotencyKey':
      return `Idempotency-Key: ${mutation.value.name}`;
    case 'method':
      return `method ${mutation.method}`;
    case 'caller':
      return `as ${mutation.caller}`;
  }
}

const pick = <T>(items: readonly T[]): fc.Arbitrary<T> =>
  fc.integer({ min: 0, max: items.length - 1 }).map((index) => items[index]);

export function mutationArbitrary(
  operation: OperationSpec,
  base: BaseRequest,
): fc.Arbitrary<Mutation[]> {
  const options: fc.Arbitrary<Mutation>[] = [];
  const body = base.body;
  // Methods with a body (POST, PATCH) get the body's mutations.
  if (operation.method !== 'GET') {
    const paths = positions(body);
    const settable = [...paths, ...absentOptionalFields(operation.body, body)];
    if (settable.length) {
      options.push(
        pick(settable).chain((path) =>
          pick(poolFor(specAt(operation.body, path), valueAt(body, path))).map(
            (value): Mutation => ({ kind: 'set', path, value }),
          ),
        ),
      );
    }
    if (paths.length) options.push(pick(paths).map((path): Mutation => ({ kind: 'delete', path })));
    options.push(
      fc
        .tuple(
          pick(objectPositions(body ?? {}).concat([[]])),
          pick(UNKNOWN_KEYS),
          pick([...WRONG_TYPES, ...STRINGS.slice(0, 4)]),
        )
        .map(([path, key, value]): Mutation => ({ kind: 'unknown', path, key, value })),
      pick(RAW_BODIES).map((raw): Mutation => ({ kind: 'raw', body: raw })),
    );
    if (operation.acceptsIdempotencyKey)
      options.push(
        pick(IDEMPOTENCY_KEYS).map((value): Mutation => ({ kind: 'idempotencyKey', value })),
      );
  }
  if (operation.pathParams.length) {
    options.push(
      fc
        .tuple(pick(operation.pathParams), pick(PATH_SEGMENTS))
        .map(([name, segment]): Mutation => ({ kind: 'pathParam', name, segment })),
    );
  }
  const queryFields = operation.query ?? [];
  if (queryFields.length) {
    options.push(
      pick(queryFields).chain((field) =>
        fc
          .tuple(
            pick(['set', 'repeat', 'bracket'] as const),
            pick(queryStrings(poolFor(field, base.query?.[field.name]))),
          )
          .map(([mode, value]): Mutation => ({ kind: 'query', name: field.name, mode, value })),
      ),
    );
  }
  options.push(
    fc
      .tuple(
        pick(UNKNOWN_KEYS.slice(0, 6)),
        pick(queryStrings([...STRINGS.slice(0, 8), ...NAN_LIKE.slice(0, 4)])),
      )
      .map(([key, value]): Mutation => ({
        kind: 'query',
        name: key.value,
        mode: 'unknown',
        value,
      })),
  );
  if (base.alsoAdmitted?.length)
    options.push(pick(base.alsoAdmitted).map((caller): Mutation => ({ kind: 'caller', caller })));
  // Rarely: the same path with a method it does not have.
  const others = (['PUT', 'PATCH', 'DELETE'] as const).filter((verb) => verb !== operation.method);
  const method = pick(others).map((verb): Mutation => ({
    kind: 'method',
    method: verb,
  }));
  return fc.array(
    fc.oneof({ arbitrary: fc.oneof(...options), weight: 12 }, { arbitrary: method, weight: 1 }),
    { minLength: 1, maxLength: 3 },
  );
}

/** encodeURIComponent, except that a lone surrogate goes out as its (invalid) three UTF-8-style bytes. */
function percentEncode(text: string): string {
  let encoded = '';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const pair = unit >= 0xd800 && unit <= 0xdbff && /[\udc00-\udfff]/.test(text[index + 1] ?? '');
    if (pair) encoded += encodeURIComponent(text.slice(index, ++index + 1));
    else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else encoded += encodeURIComponent(text[index]);
  }
  return encoded;
}

function encodeQuery(pairs: [string, string][]): string {
  return pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
}

/** Applies the mutations to the valid request and renders the bytes to send. */
export function buildRequest(
  operation: OperationSpec,
  base: BaseRequest,
  mutations: Mutation[],
  tokenFor: (caller: Caller) => string | undefined,
): FuzzRequest {
  let caller = base.caller;
  let method: string = operation.method;
  let body: unknown =
    operation.method !== 'GET' && operation.method !== 'DELETE' ? (base.body ?? {}) : undefined;
  let raw: RawBody | undefined;
  const pathParams = Object.fromEntries(
    Object.entries(base.pathParams ?? {}).map(([name, value]): [string, string] => [
      name,
      percentEncode(value),
    ]),
  );
  const query: [string, string][] = Object.entries(base.query ?? {});
  let idempotencyKey: string | undefined;
  for (const mutation of mutations) {
    switch (mutation.kind) {
      case 'set':
        body = setAt(body, mutation.path, mutation.value.value);
        break;
      case 'delete':
        body = setAt(body, mutation.path, undefined, true);
        break;
      case 'unknown': {
        const target = valueAt(body, mutation.path);
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
          body = setAt(body, [...mutation.path, mutation.key.value], mutation.value.value);
        } else body = setAt(body, [mutation.key.value], mutation.value.value);
        break;
      }
      case 'raw':
        raw = mutation.body.value;
        break;
      case 'pathParam':
        pathParams[mutation.name] = mutation.segment.value;
        break;
      case 'query': {
        const index = query.findIndex(([key]) => key === mutation.name);
        if (mutation.mode === 'set' && index >= 0)
          query[index] = [mutation.name, mutation.value.value];
        else if (mutation.mode === 'bracket')
          query.push([`${mutation.name}[x]`, mutation.value.value]);
        else query.push([mutation.name, mutation.value.value]);
        break;
      }
      case 'idempotencyKey':
        idempotencyKey = mutation.value.value;
        break;
      case 'method':
        method = mutation.method;
        break;
      case 'caller':
        caller = mutation.caller;
        break;
    }
  }
  const path = operation.path.replace(
    /\{(\w+)\}/g,
    (_, name: string) => pathParams[name] ?? 'missing',
  );
  const search = encodeQuery(query);
  const headers: Record<string, string> = {};
  const token = tokenFor(caller);
  if (token) headers.authorization = `Bearer ${token}`;
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  let bytes: Buffer | undefined;
  if (raw) {
    bytes = Buffer.from(raw.text, raw.contentType?.includes('latin1') ? 'latin1' : 'utf8');
    if (raw.contentType !== '') headers['content-type'] = raw.contentType ?? 'application/json';
  } else if (body !== undefined && method !== 'GET') {
    bytes = Buffer.from(JSON.stringify(body) ?? '', 'utf8');
    headers['content-type'] = 'application/json';
  }
  return {
    operationId: operation.operationId,
    caller,
    method,
    url: search ? `${path}?${search}` : path,
    headers,
    body: bytes,
    mutations: mutations.map(describe),
  };
}
