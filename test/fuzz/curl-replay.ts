import { execFile } from 'node:child_process';
import { createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { FuzzContext, toCurl } from './fuzz-runner';
import { FuzzRequest } from './request-generator';

export interface Captured {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Runs the curl command printed for `request` (in bash, with the tokens and fixture ids set as
 * the printout says) against an echo server, and returns what arrived: a failing case is only
 * reproducible if these are the same bytes the fuzzer sent.
 */
export async function replayThroughCurl(
  request: FuzzRequest,
  context: Pick<FuzzContext, 'variables' | 'tokenFor'>,
): Promise<Captured> {
  const received: Captured[] = [];
  const echo = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      received.push({
        method: incoming.method,
        url: incoming.url,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      });
      answer.end('{}');
    });
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  try {
    // Asynchronously: the echo server answers on this same event loop.
    await promisify(execFile)('bash', ['-c', `${toCurl(request, context)} > /dev/null`], {
      timeout: 20_000,
      env: {
        PATH: process.env.PATH,
        BASE_URL: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
        [`${request.caller.toUpperCase()}_TOKEN`]: context.tokenFor(request.caller),
        ...context.variables,
      },
    });
  } finally {
    echo.close();
  }
  if (received.length !== 1) throw new Error(`curl delivered ${received.length} requests`);
  return received[0];
}
