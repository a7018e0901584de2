import { connect } from 'node:net';
import { Role } from '@app/core';
import { changedTables, tableCounts } from '../support/table-counts';
import { createTestApp, TestApp } from '../support/test-app';

interface LogLine {
  level: number;
  msg: string;
  req?: { id?: string };
  requestId?: string;
  res?: { statusCode?: number | null };
}

/**
 * A client that closes its connection before the answer is no fault of the server: it is logged
 * once, at info, as closed by the client with nginx's 499, and never as an error (it was an
 * "unhandled error" line and an error status).
 */
describe('a client that closes the connection before its answer', () => {
  let t: TestApp;
  let port: number;
  let admin: string;
  const output: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    capture();
    t = await createTestApp('client closed', { env: { LOG_LEVEL: 'info' } });
    admin = await t.tokenFor(Role.ADMIN);
    await t.app.listen(0, '127.0.0.1');
    port = Number(new URL(await t.app.getUrl()).port);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    restore.forEach((undo) => undo());
  }, 60_000);

  /** Writes the request line, headers and `body` on a raw socket, then closes it at once. */
  function sendAndClose(options: {
    path: string;
    requestId: string;
    token?: string;
    body: string;
    contentLength: number;
  }): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          [
            `POST ${options.path} HTTP/1.1`,
            'host: 127.0.0.1',
            'content-type: application/json',
            `content-length: ${options.contentLength}`,
            `x-request-id: ${options.requestId}`,
            ...(options.token ? [`authorization: Bearer ${options.token}`] : []),
            '',
            options.body,
          ].join('\r\n'),
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on('error', reject);
    });
  }

  /** The log lines of one request, once the first has come and the server has had time for more. */
  async function linesOf(requestId: string): Promise<Omit<LogLine, 'req' | 'requestId'>[]> {
    const mine = () =>
      output
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine)
        .filter((line) => line.req?.id === requestId || line.requestId === requestId);
    for (let waited = 0; mine().length === 0 && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 500));
    return mine().map((line) => ({
      level: line.level,
      msg: line.msg,
      status: line.res?.statusCode,
    }));
  }

  it('logs a client that leaves while sending its body as closed by the client (499, info), and writes nothing', async () => {
    const before = await tableCounts(t.superuser);
    const body = JSON.stringify({
      code: 'LEFT-EARLY',
      name: '湖南示范学院',
      kind: 'HIGHER_VOCATIONAL',
    });
    await sendAndClose({
      path: '/v1/institutions',
      requestId: 'closed-mid-body',
      token: admin,
      body: body.slice(0, 20),
      contentLength: Buffer.byteLength(body),
    });
    expect(await linesOf('closed-mid-body')).toEqual([
      { level: 30, msg: 'client closed the connection', status: 499 },
    ]);
    expect(changedTables(before, await tableCounts(t.superuser))).toEqual([]);
  });

  it('logs a client that leaves while its answer is being prepared the same way', async () => {
    const body = JSON.stringify({ username: 'nobody-here', password: 'correct-horse-battery' });
    await sendAndClose({
      path: '/v1/auth/login',
      requestId: 'closed-while-answering',
      body,
      contentLength: Buffer.byteLength(body),
    });
    expect(await linesOf('closed-while-answering')).toEqual([
      { level: 30, msg: 'client closed the connection', status: 499 },
    ]);
  });

  it('still logs an ordinary request as completed, with its status (the capture works)', async () => {
    await t.http().get('/v1/auth/me').set('x-request-id', 'ordinary-request').expect(401);
    expect(await linesOf('ordinary-request')).toEqual([
      { level: 30, msg: 'request completed', status: 401 },
    ]);
  });

  /**
   * Keeps (and swallows) what is written to stdout. Set before the app starts: pino writes
   * through process.stdout once its write has been replaced.
   */
  function capture(): void {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return true;
    });
    restore.push(() => spy.mockRestore());
  }
});
