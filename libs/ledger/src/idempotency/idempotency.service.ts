import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, type Principal } from '@app/core';
import { IdempotencyRecordEntity } from '../entities/idempotency-record.entity';
import { IdempotencyKeyReusedError, InvalidIdempotencyKeyError } from '../ledger.errors';

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

export interface CommandContext {
  principal: Principal;
  idempotencyKey: string | undefined;
  /** Method and path of the request, part of what an idempotency key stands for. */
  method: string;
  path: string;
}

export interface IdempotentRequest {
  userId: string;
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

export interface StoredResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * One effect per (caller, Idempotency-Key). The key is claimed inside the effect's own
 * transaction: a concurrent duplicate blocks on the claim until the first commits, then reads
 * the stored response; if the first rolls back, the duplicate performs the effect itself.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  static validateKey(key: string | undefined): void {
    if (key !== undefined && !KEY_PATTERN.test(key)) throw new InvalidIdempotencyKeyError();
  }

  static requestHash(request: IdempotentRequest): string {
    // Through JSON first: validated bodies are DTO instances, canonical JSON takes plain data.
    const plain: unknown = JSON.parse(
      JSON.stringify({ method: request.method, path: request.path, body: request.body ?? null }),
    );
    return createHash('sha256').update(canonicalJson(plain)).digest('hex');
  }

  /**
   * A command's effect in a transaction of its own, at most once per (caller, Idempotency-Key):
   * the key is checked before anything opens, and claimed inside that transaction.
   */
  command<T>(
    context: CommandContext,
    body: unknown,
    status: number,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<StoredResponse<T>> {
    IdempotencyService.validateKey(context.idempotencyKey);
    const request: IdempotentRequest = {
      userId: context.principal.userId,
      key: context.idempotencyKey,
      method: context.method,
      path: context.path,
      body,
    };
    return this.dataSource.transaction((manager) =>
      this.once(manager, request, status, () => effect(manager)),
    );
  }

  /** Runs `effect` at most once per key; must be called inside a transaction (`manager`). */
  async once<T>(
    manager: EntityManager,
    request: IdempotentRequest,
    status: number,
    effect: () => Promise<T>,
  ): Promise<StoredResponse<T>> {
    if (request.key === undefined) return { status, body: await effect(), replayed: false };
    IdempotencyService.validateKey(request.key);
    const requestHash = IdempotencyService.requestHash(request);
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_records (user_id, key, request_hash, status_code, response_body)
       VALUES ($1, $2, $3, 0, 'null') ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [request.userId, request.key, requestHash],
    );
    if (claimed.length === 0) {
      const stored = await manager
        .getRepository(IdempotencyRecordEntity)
        .findOneOrFail({ where: { userId: request.userId, key: request.key } });
      if (stored.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
      return { status: stored.statusCode, body: stored.responseBody as T, replayed: true };
    }
    const body = await effect();
    await manager.query(
      `UPDATE idempotency_records SET status_code = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
      [request.userId, request.key, status, JSON.stringify(body)],
    );
    return { status, body, replayed: false };
  }
}
