import { QueryFailedError } from 'typeorm';
import { NothingToChangeError } from './catalog.errors';

/** The fields a PATCH body sends (absent means "leave as is"); a body that sends none is a 422. */
export function sentFields<K extends string>(
  input: Partial<Record<K, unknown>>,
  fields: readonly K[],
): K[] {
  const sent = fields.filter((field) => input[field] !== undefined);
  if (sent.length === 0) throw new NothingToChangeError(fields);
  return sent;
}

/** What a guard trigger put in its DETAIL (the figure the message needs), as text. */
export function guardDetail(error: unknown): string {
  if (!(error instanceof QueryFailedError)) return '';
  const detail = (error as QueryFailedError & { driverError: { detail?: unknown } }).driverError
    .detail;
  return typeof detail === 'string' ? detail : '';
}
