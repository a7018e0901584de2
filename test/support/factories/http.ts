import { TestApp } from '../test-app';

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * POSTs as the token's holder and insists on the status, naming the call when it differs:
 * set-up that fails must fail loudly, not leave a test asserting on a world that is not there.
 */
export async function postExpecting(
  t: TestApp,
  options: { token: string; path: string; body: object; status?: number },
): Promise<Record<string, unknown>> {
  const status = options.status ?? 201;
  const response = await t.http().post(options.path).set(bearer(options.token)).send(options.body);
  if (response.status !== status)
    throw new Error(`POST ${options.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}
