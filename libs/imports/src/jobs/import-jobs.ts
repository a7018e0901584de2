/** The two jobs of an import on the imports queue: the dry run, then the commit. */
export const VALIDATE_IMPORT_JOB = 'import.validate';
export const COMMIT_IMPORT_JOB = 'import.commit';

export interface ImportJobData {
  importId: string;
}

export function isImportJobData(data: unknown): data is ImportJobData {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { importId?: unknown }).importId === 'string'
  );
}

/** One job per import and step: adding it again (a retried request) finds the same job. */
export function importJobId(
  importId: string,
  job: typeof VALIDATE_IMPORT_JOB | typeof COMMIT_IMPORT_JOB,
): string {
  return `${importId}-${job === VALIDATE_IMPORT_JOB ? 'validate' : 'commit'}`;
}

/** Rows per transaction: the dry run's (rolled back) and the commit's. */
export const IMPORT_BATCH_ROWS = 200;

/** More rows than this is more than one term or exam session of any school: refused whole. */
export const MAX_IMPORT_ROWS = 200_000;
