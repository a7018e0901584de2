import { apiLanguage } from './i18n/i18n';

/** One field's problem in a 422 answer: its path (`targets.0.courseId`), stable code and message. */
export interface FieldError {
  field: string;
  code?: string;
  message: string;
}

/** An error answer of the API (RFC 9457 problem+json), or the network failing (`status` 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
    readonly requestId: string | undefined,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  /** The message for one field (its own path or a path inside it), if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

const TOKEN_KEY = 'credit-bank.token';
const ROLE_KEY = 'credit-bank.role';
let onSessionEnded: () => void = () => undefined;

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ROLE_KEY);
  },
  /** The signed-in role as last seen, so a reload can fetch its pages while it asks who is in. */
  role: () => sessionStorage.getItem(ROLE_KEY),
  setRole: (role: string) => sessionStorage.setItem(ROLE_KEY, role),
};

/** What to do when the API says the token no longer works (expired, signed out elsewhere). */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** For writes that create entries: the same key on a retry gives the same answer, one effect. */
  idempotencyKey?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): the status is all there is.
  }
  return new ApiProblem(
    response.status,
    typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    typeof body.title === 'string' ? body.title : response.statusText,
    typeof body.detail === 'string' ? body.detail : undefined,
    Array.isArray(body.errors) ? (body.errors as FieldError[]) : [],
    typeof body.requestId === 'string' ? body.requestId : requestId,
    body,
  );
}

/** Calls the API (same origin), in the portal's language, with the signed-in user's token. */
export async function api<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': apiLanguage() };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblem(0, 'NETWORK', '', undefined, [], undefined);
  }
  if (response.status === 401 && token) {
    tokenStore.clear();
    onSessionEnded();
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
  api<T>('GET', path, { query, signal });

export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('POST', path, { ...options, body: body ?? {} });

/** A fresh Idempotency-Key for one user action (kept across that action's retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
