import { connect, Socket } from 'node:net';

/**
 * Raw TCP clients for the abuse suite: requests that no well-behaved HTTP client would send
 * (half a request line, headers without a body, a Content-Length the client never honours).
 */
export interface RawExchange {
  socket: Socket;
  /** Everything the server wrote, as text. */
  received(): string;
  /** Resolves when the server (or we) closed the connection. */
  closed: Promise<void>;
  /** Resolves with the first response head and body the server sent, once complete. */
  response: Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

export function openRaw(port: number, firstBytes: string | Buffer = ''): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settleResponse: (value: {
      status: number;
      headers: Record<string, string>;
      body: string;
    }) => void = () => undefined;
    const response = new Promise<{ status: number; headers: Record<string, string>; body: string }>(
      (done) => (settleResponse = done),
    );
    const tryParse = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const body = text.slice(split + 4);
      const length = Number(headers['content-length'] ?? NaN);
      if (Number.isNaN(length) || Buffer.byteLength(body) >= length) {
        settleResponse({ status: Number(statusLine.split(' ')[1]), headers, body });
      }
    };
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      tryParse();
    });
    // The server may reset a connection it refuses; that is an outcome, not a test error.
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      if (firstBytes.length) socket.write(firstBytes);
      resolve({ socket, received: () => Buffer.concat(chunks).toString('utf8'), closed, response });
    });
    socket.once('error', reject);
  });
}

/** Races a promise against a deadline; rejects naming `what` (the suite asserts outcomes, the deadline only stops a hang). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
    }),
  ]);
}
