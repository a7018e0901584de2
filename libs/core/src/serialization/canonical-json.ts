import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation, the byte form every audit hash,
 * tree head signature and idempotency request hash is computed over.
 *
 * `canonicalize` is the RFC's reference implementation, but it inherits JSON.stringify's
 * leniency: it drops `undefined` properties, turns `undefined` array items into `null`, calls
 * `toJSON` (Dates), and serialises Maps and class instances as `{}`. Any of those would make
 * two different events hash alike, or an event hash differently after a round trip through the
 * database, so the input is checked first and anything outside I-JSON (RFC 7493) is refused.
 */

export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot canonicalise ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

// With the `u` flag a well-formed surrogate pair is one code point, so this matches only lone
// surrogates, which I-JSON forbids and which would not survive a UTF-8 round trip.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The RFC 8785 canonical JSON text of `value`; throws CanonicalJsonError for non-JSON input. */
export function canonicalJson(value: unknown): string {
  assertJsonValue(value, '$', new Set());
  const text = canonicalize(value);
  // Unreachable after the checks above; kept so a library change cannot yield `undefined`.
  if (text === undefined) throw new CanonicalJsonError('$', 'produced no JSON text');
  return text;
}

function assertJsonValue(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(path, 'lone UTF-16 surrogate');
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not finite`);
      return;
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined (omit the property or use null)');
    case 'object':
      break;
    default:
      // bigint, symbol, function: JSON has no such value.
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw new CanonicalJsonError(path, 'circular reference');
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      // `index in value` catches holes in sparse arrays, which JSON.stringify turns into null.
      if (!(index in value)) throw new CanonicalJsonError(`${path}[${index}]`, 'array hole');
      assertJsonValue(value[index], `${path}[${index}]`, ancestors);
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(path, `${name} is not a plain object (convert it first)`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new CanonicalJsonError(path, 'symbol-keyed property');
    }
    for (const [key, item] of Object.entries(value)) {
      const itemPath = `${path}${JSON.stringify([key])}`;
      if (LONE_SURROGATE.test(key)) throw new CanonicalJsonError(itemPath, 'lone surrogate in key');
      assertJsonValue(item, itemPath, ancestors);
    }
  }
  ancestors.delete(value);
}
