import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a newcomer runs it: the built product in embedded mode, no settings but a
 * data folder and a port. Spawned as a child process (PGlite cannot load inside Jest).
 */
const main = join(__dirname, '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');
const built = existsSync(main);
if (!built) {
  if (process.env.CI === 'true')
    throw new Error('dist/ is missing: npm test builds before running Jest');
  process.stdout.write('[skip] embedded start: run `npm run build` first (npm test does)\n');
}

interface Started {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
}

function start(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      ADMIN_USERNAME: 'first-admin',
      ADMIN_PASSWORD: 'first-admin-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed in 60 s:\n${output}`)), 60_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Docs:\s+(http:\/\/\S+)\/docs\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolve) => {
    started.child.removeAllListeners('exit');
    started.child.on('exit', (code) => resolve(code));
    started.child.kill('SIGTERM');
  });
}

async function login(url: string, username: string, password: string): Promise<Response> {
  return fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

(built ? describe : describe.skip)('embedded mode, as npm start runs it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-bank-embedded-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints only URLs that answer, keeps its data across a restart, and refuses a second instance on the same folder', async () => {
    const first = await start(dataDir);
    try {
      const printed = [...first.output().matchAll(/(?<!POST )(http:\/\/[^\s)]+)/g)].map(
        (match) => match[1],
      );
      // The portal first: the URL a person opens.
      expect(printed[0]).toBe(`${first.url}/`);
      expect(printed).toEqual(
        expect.arrayContaining([`${first.url}/docs`, `${first.url}/health/ready`]),
      );
      const page = await fetch(`${first.url}/`);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('<div id="app">');
      for (const url of printed) {
        expect({ url, status: (await fetch(url)).status }).toEqual({ url, status: 200 });
      }
      const token = (
        (await (await login(first.url, 'first-admin', 'first-admin-password')).json()) as {
          accessToken: string;
        }
      ).accessToken;
      const created = await fetch(`${first.url}/v1/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          username: 'kept-admin',
          password: 'survives-a-restart-41',
          role: 'ADMIN',
        }),
      });
      expect(created.status).toBe(201);
      await fetch(`${first.url}/v1/learners?idType=PASSPORT&idNumber=E12345678`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await new Promise((settle) => setTimeout(settle, 300));
      const lines = first
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { req?: { id?: string; url?: string } });
      const requestLines = lines.filter((line) => line.req);
      expect(requestLines.length).toBeGreaterThanOrEqual(3);
      expect(
        requestLines.every((line) => typeof line.req?.id === 'string' && line.req.id.length > 0),
      ).toBe(true);
      for (const secret of ['first-admin-password', 'survives-a-restart-41', token, 'E12345678']) {
        expect(first.output()).not.toContain(secret);
      }

      const second = spawn(process.execPath, [main], {
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let refusal = '';
      second.stderr.on('data', (chunk: Buffer) => (refusal += chunk.toString()));
      const code = await new Promise((resolve) => second.on('exit', resolve));
      expect(code).toBe(1);
      expect(refusal).toMatch(/in use|locked|another/i);
      expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    } finally {
      expect(await stop(first)).toBe(0);
    }

    const again = await start(dataDir);
    try {
      expect((await login(again.url, 'kept-admin', 'survives-a-restart-41')).status).toBe(200);
    } finally {
      await stop(again);
    }
  }, 150_000);
});
