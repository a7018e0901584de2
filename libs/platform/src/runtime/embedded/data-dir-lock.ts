import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file inside an embedded data folder; it holds the owner's pid. */
export const DATA_DIR_LOCK_FILE = '.lock';

export interface DataDirLock {
  readonly lockPath: string;
  /** Removes the lock file if this process still owns it. Safe to call twice. */
  release(): void;
}

/** Thrown when another live process (or this one) already serves the data folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database folder ${dataDir} is in use by process ${holderPid}` +
        (holderPid === process.pid ? ' (this process)' : '') +
        `. Two processes must not open one PGlite data folder: stop that process, ` +
        `or, if it is not a database, delete ${join(dataDir, DATA_DIR_LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes `<dataDir>/.lock` for this process. PGlite has no postmaster.pid of its own, and
 * two PGlite instances writing one folder corrupt it silently, so this is the only guard.
 * A lock whose pid is dead (a crash, kill -9) is taken over; a live pid is refused.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = join(dataDir, DATA_DIR_LOCK_FILE);
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (tryCreateLockFile(lockPath)) {
      // Re-read: if two processes removed the same stale lock at once, only the one
      // whose pid is in the file may go on.
      if (readLockHolder(lockPath) === process.pid) {
        return ownedLock(lockPath);
      }
    }
    const holder = readLockHolder(lockPath);
    if (holder !== undefined && isProcessAlive(holder)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    removeIfPresent(lockPath);
  }
  throw new Error(`Could not take the lock ${lockPath}: another process keeps replacing it.`);
}

function ownedLock(lockPath: string): DataDirLock {
  // A process that exits without stop() (an uncaught error) should not leave a lock
  // that names a pid the OS may later hand to an unrelated process.
  const onExit = (): void => releaseIfOwned(lockPath);
  process.once('exit', onExit);
  let released = false;
  return {
    lockPath,
    release(): void {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      releaseIfOwned(lockPath);
    },
  };
}

function tryCreateLockFile(lockPath: string): boolean {
  // Write the pid to a private file first, then hard-link it into place: link() is atomic
  // and fails if the lock exists, so nobody ever sees a lock file without its pid.
  const draftPath = `${lockPath}.${process.pid}.draft`;
  writeFileSync(draftPath, `${process.pid}\n`);
  try {
    linkSync(draftPath, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeIfPresent(draftPath);
  }
}

/** The pid in the lock file; undefined when the file is gone, empty or garbled. */
export function readLockHolder(lockPath: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 checks existence without touching the process
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(lockPath: string): void {
  if (readLockHolder(lockPath) === process.pid) removeIfPresent(lockPath);
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
