import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';

describe('acquireDataDirLock', () => {
  let dataDir: string;
  const lockPath = (): string => join(dataDir, '.lock');

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes this pid into <dataDir>/.lock and removes it on release', () => {
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('refuses a folder held by a live process, naming the folder and the pid', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockPath(), `${holder.pid}\n`);
      const attempt = (): unknown => acquireDataDirLock(dataDir);
      expect(attempt).toThrow(DataDirLockedError);
      expect(attempt).toThrow(`${dataDir} is in use by process ${holder.pid}`);
      expect(readFileSync(lockPath(), 'utf8')).toBe(`${holder.pid}\n`); // left alone
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('refuses a second start in this same process', () => {
    const lock = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow('(this process)');
    lock.release();
  });

  it.each([
    ['a dead pid', '2147483646\n'],
    ['garbage', 'not a pid'],
    ['nothing', ''],
  ])('takes over a stale lock holding %s', (_what, content) => {
    writeFileSync(lockPath(), content);
    const lock = acquireDataDirLock(dataDir);
    expect(readFileSync(lockPath(), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('does not remove a lock another process has taken since', () => {
    const lock = acquireDataDirLock(dataDir);
    writeFileSync(lockPath(), '2147483646\n'); // someone took over after deeming us dead
    lock.release();
    expect(readFileSync(lockPath(), 'utf8')).toBe('2147483646\n');
  });
});
