import type { Principal } from '@app/core';

/** Who runs a command, and under which Idempotency-Key. */
export interface CommandContext {
  principal: Principal;
  idempotencyKey: string | undefined;
  /** Method and path of the request, part of what an idempotency key stands for. */
  method: string;
  path: string;
}

/**
 * What a command answered: its body, and whether that body is a replay of the first answer to
 * the same Idempotency-Key. A class, so the HTTP edge can recognise it without guessing shapes.
 */
export class CommandResult<T> {
  constructor(
    readonly body: T,
    readonly replayed: boolean,
  ) {}
}
