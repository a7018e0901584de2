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
  /** A multipart body (a file upload), sent as the browser encodes it, instead of `body`. */
  form?: FormData;
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

/** Sends one request (same origin), in the portal's language, with the signed-in user's token. */
async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': apiLanguage() };
  const token = tokenStore.get();
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body sets its own content type, with the multipart boundary.
  if (options.body !== undefined && !options.form) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
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
  return response;
}

/** Calls the API and reads its JSON answer. */
export async function api<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The file name a download answer gives (`filename*=UTF-8''…` first, then `filename="…"`). */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // A malformed name: the plain one, or the fallback.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * A file the API serves only with the token (a link cannot carry it): fetched as a blob and saved
 * under the name the answer gives.
 */
export async function download(
  path: string,
  query: RequestOptions['query'],
  fallbackName: string,
): Promise<void> {
  const response = await send('GET', path, { query });
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // Released once the browser has surely read it (revoking at once can cut a slow save short).
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const get = <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
  api<T>('GET', path, { query, signal });

export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('POST', path, { ...options, body: body ?? {} });

/** A multipart POST (a file with its fields, in the order appended). */
export const upload = <T>(path: string, form: FormData) => api<T>('POST', path, { form });

/** A fresh Idempotency-Key for one user action (kept across that action's retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
