import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

function driverError(error: unknown): PgError | null {
  if (!(error instanceof QueryFailedError)) return null;
  return (error as QueryFailedError & { driverError: PgError }).driverError ?? null;
}

/** 23505, optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** 42501: the role lacks a privilege (or does not own the object). */
export function isInsufficientPrivilege(error: unknown): boolean {
  return driverError(error)?.code === '42501';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return driverError(error)?.code === '23503';
}

/** Serialization failure or deadlock: safe to retry the whole transaction. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = driverError(error)?.code;
  return code === '40001' || code === '40P01';
}
