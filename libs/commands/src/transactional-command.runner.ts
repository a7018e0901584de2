import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import { canonicalJson, likeLiteral } from '@app/core';
import { CommandContext, CommandResult } from './command-context';
import { IdempotencyKeyReusedError, InvalidIdempotencyKeyError } from './commands.errors';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';

const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

interface Claim {
  userId: string;
  key: string;
  requestHash: string;
}

/**
 * Where every write command begins: it opens the database transaction and claims the
 * Idempotency-Key in it, then runs the effect with that transaction's manager. At most one effect
 * per (caller, key): a concurrent duplicate blocks on the claim until the first commits, then
 * replays the stored body; if the first rolls back, the duplicate performs the effect itself.
 * The same key with another method, path or body is refused.
 */
@Injectable()
export class CommandRunner {
  constructor(private readonly dataSource: DataSource) {}

  /** The key is checked before anything opens; without a key the effect simply runs once. */
  async run<T>(
    context: CommandContext,
    requestBody: unknown,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<CommandResult<T>> {
    const key = context.idempotencyKey;
    if (key === undefined) {
      return new CommandResult(await this.dataSource.transaction(effect), false);
    }
    if (!KEY_PATTERN.test(key)) throw new InvalidIdempotencyKeyError();
    const claim: Claim = {
      userId: context.principal.userId,
      key,
      requestHash: requestHash(context, requestBody),
    };
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.claim(manager, claim);
      if (stored) {
        if (stored.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError();
        return new CommandResult(stored.responseBody as T, true);
      }
      const body = await effect(manager);
      await manager.query(
        'UPDATE idempotency_records SET response_body = $3 WHERE user_id = $1 AND key = $2',
        [claim.userId, claim.key, JSON.stringify(body)],
      );
      return new CommandResult(body, false);
    });
  }

  /** How many keys beginning with `keyPrefix` these callers have claimed (a batch's progress). */
  countClaimedKeys(
    manager: EntityManager,
    userIds: readonly string[],
    keyPrefix: string,
  ): Promise<number> {
    return manager.getRepository(IdempotencyRecordEntity).count({
      where: { userId: In(userIds), key: Like(`${likeLiteral(keyPrefix)}%`) },
    });
  }

  /** Null when this transaction now holds the key; otherwise the record of whoever held it. */
  private async claim(
    manager: EntityManager,
    claim: Claim,
  ): Promise<IdempotencyRecordEntity | null> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotency_records (user_id, key, request_hash, response_body)
       VALUES ($1, $2, $3, 'null') ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [claim.userId, claim.key, claim.requestHash],
    );
    if (claimed.length > 0) return null;
    return manager
      .getRepository(IdempotencyRecordEntity)
      .findOneOrFail({ where: { userId: claim.userId, key: claim.key } });
  }
}

function requestHash(context: CommandContext, body: unknown): string {
  // Through JSON first: validated bodies are DTO instances, canonical JSON takes plain data.
  const plain: unknown = JSON.parse(
    JSON.stringify({ method: context.method, path: context.path, body: body ?? null }),
  );
  return createHash('sha256').update(canonicalJson(plain)).digest('hex');
}
