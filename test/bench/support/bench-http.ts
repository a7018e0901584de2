/** A small JSON client for setting the benchmark's world up over the product's own API. */
import { randomBytes } from 'node:crypto';

export class BenchHttp {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string): BenchHttp {
    return new BenchHttp(this.baseUrl, token);
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    expected = [200, 201, 202],
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  async login(username: string, password: string): Promise<string> {
    const { accessToken } = await this.post<{ accessToken: string }>('/v1/auth/login', {
      username,
      password,
    });
    return accessToken;
  }

  /** Creates a login scoped as given (the caller must be ADMIN); its id and a token. */
  async staff(
    username: string,
    role: 'REGISTRAR' | 'EXAMINER' | 'LEARNER',
    scope: { institutionId?: string; certificationBodyId?: string; learnerId?: string },
  ): Promise<{ userId: string; token: string; http: BenchHttp }> {
    // Random: the API refuses a password that contains the username.
    const password = `bench-${randomBytes(8).toString('hex')}`;
    const user = await this.post<{ id: string }>('/v1/users', {
      username,
      password,
      role,
      ...scope,
    });
    const token = await new BenchHttp(this.baseUrl).login(username, password);
    return { userId: user.id, token, http: this.as(token) };
  }
}
