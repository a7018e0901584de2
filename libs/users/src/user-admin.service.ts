import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { likeLiteral, PasswordService, Principal, Role } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { UserDto, UserListDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { PasswordResetDto } from './dto/password.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserEntity } from './entities/user.entity';
import { UserTokenVersions } from './token-versions.service';
import { userChanges } from './user-state';
import { UserScopeService } from './user-scope.service';
import { checkScopeShape, SCOPE_FIELDS, UserRecord, UserScope } from './user-rules';
import { UserViews } from './user-views.service';
import { loginConflict } from './users.service';
import { LastAdminError, UserNotFoundError } from './users.errors';
import { decodeUserCursor, encodeUserCursor } from './user-cursor';

/** Unambiguous letters and digits (no 0/O, 1/I/L): read aloud or copied by hand. */
const TEMPORARY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 4 groups of 4: about 79 bits, far beyond guessing before its holder replaces it. */
function temporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(
      '',
    ),
  );
  return groups.join('-');
}

const LIST_COLUMNS = `id, username, display_name AS "displayName", role,
  institution_id AS "institutionId", certification_body_id AS "certificationBodyId",
  learner_id AS "learnerId", disabled_at AS "disabledAt", token_version AS "tokenVersion",
  password_change_required AS "passwordChangeRequired", created_at AS "createdAt"`;

/** `%`, `_` and `\` in a search stand for themselves. */
function likePattern(text: string): string {
  return `%${likeLiteral(text.toLowerCase())}%`;
}

/** The role and scope a change asks for, or null when it touches neither. */
function requestedScope(
  user: UserRecord,
  input: UpdateUserDto,
): ({ role: Role } & UserScope) | null {
  if (input.role === undefined && SCOPE_FIELDS.every((field) => input[field] === undefined)) {
    return null;
  }
  const role = input.role ?? user.role;
  // A new role takes exactly the scope given; the same role keeps what is not given.
  const keep = role === user.role;
  const scope = Object.fromEntries(
    SCOPE_FIELDS.map((field) => {
      const given = input[field];
      return [
        field,
        given !== undefined ? (given?.toLowerCase() ?? null) : keep ? user[field] : null,
      ];
    }),
  ) as Required<UserScope>;
  return { role, ...scope };
}

/** What an administrator does with logins: list, read, change, disable, reset a password. */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly scopes: UserScopeService,
    private readonly views: UserViews,
    private readonly outbox: OutboxWriter,
    private readonly tokenVersions: UserTokenVersions,
  ) {}

  /** In username order (as the unique index compares them), a page at a time. */
  async list(query: ListUsersQueryDto): Promise<UserListDto> {
    const limit = query.limit ?? 50;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (query.role) add((n) => `role = ${n}`, query.role);
    if (query.institutionId) add((n) => `institution_id = ${n}`, query.institutionId);
    if (query.certificationBodyId)
      add((n) => `certification_body_id = ${n}`, query.certificationBodyId);
    if (query.q)
      add(
        (n) =>
          `(lower(username) LIKE ${n} ESCAPE '\\' OR lower(display_name) LIKE ${n} ESCAPE '\\')`,
        likePattern(query.q),
      );
    if (query.cursor) add((n) => `lower(username) > ${n}`, decodeUserCursor(query.cursor));
    params.push(limit + 1);
    const rows: UserRecord[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM users
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY lower(username) LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.many(this.dataSource.manager, page),
      nextCursor: rows.length > limit ? encodeUserCursor(last.username) : null,
    };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new UserNotFoundError();
    return this.views.one(this.dataSource.manager, user);
  }

  /**
   * One change, one event in the same transaction: `user.disabled` when it disables the login,
   * else `user.changed` naming the fields. A change of role or scope, or of the disabled mark,
   * ends the login's tokens (its version moves on). A change that changes nothing writes nothing.
   */
  async update(principal: Principal, id: string, input: UpdateUserDto): Promise<UserDto> {
    const dto = await this.dataSource.transaction(async (m) => {
      const user = await this.locked(m, id);
      const fields: string[] = [];
      if (input.displayName !== undefined && input.displayName !== user.displayName) {
        user.displayName = input.displayName;
        fields.push('displayName');
      }
      const wanted = requestedScope(user, input);
      if (wanted) {
        checkScopeShape(wanted.role, wanted);
        if (wanted.role !== user.role) fields.push('role');
        for (const field of SCOPE_FIELDS) {
          if (wanted[field] !== user[field]) fields.push(field);
        }
        if (fields.some((field) => field !== 'displayName')) {
          await this.scopes.assertExists(wanted, m);
        }
      }
      const disabling = input.disabled === true && user.disabledAt === null;
      const enabling = input.disabled === false && user.disabledAt !== null;
      if (disabling || enabling) fields.push('disabled');
      if (fields.length === 0) return this.views.one(m, user);

      const endsAdmin =
        user.role === Role.ADMIN &&
        user.disabledAt === null &&
        (disabling || (wanted !== null && wanted.role !== Role.ADMIN));
      if (endsAdmin) await this.assertAnotherAdmin(m, user.id);

      if (wanted) {
        user.role = wanted.role;
        for (const field of SCOPE_FIELDS) user[field] = wanted[field] ?? null;
      }
      if (disabling) user.disabledAt = new Date();
      if (enabling) user.disabledAt = null;
      if (fields.some((field) => field !== 'displayName')) user.tokenVersion += 1;
      try {
        await m.getRepository(UserEntity).save(user);
      } catch (error) {
        throw loginConflict(error, user.username) ?? error;
      }
      const actor = actorOf(principal);
      const changes = await userChanges(m, user.id);
      if (disabling) {
        await this.outbox.append(m, {
          type: 'user.disabled',
          learnerId: user.learnerId,
          actor,
          changes,
          details: {},
        });
      } else {
        await this.outbox.append(m, {
          type: 'user.changed',
          learnerId: user.learnerId,
          actor,
          changes,
          details: { fields },
        });
      }
      return this.views.one(m, user);
    });
    this.tokenVersions.forget(id);
    return dto;
  }

  /**
   * A temporary password, generated here and shown once: the login must replace it at its next
   * sign-in, and its tokens stop working now.
   */
  async resetPassword(principal: Principal, id: string): Promise<PasswordResetDto> {
    const temporary = temporaryPassword();
    const passwordHash = await this.passwords.hash(temporary);
    await this.dataSource.transaction(async (m) => {
      const user = await this.locked(m, id);
      user.passwordHash = passwordHash;
      user.passwordChangeRequired = true;
      user.tokenVersion += 1;
      await m.getRepository(UserEntity).save(user);
      await this.outbox.append(m, {
        type: 'user.password_reset',
        learnerId: user.learnerId,
        actor: actorOf(principal),
        changes: await userChanges(m, user.id),
        details: {},
      });
    });
    this.tokenVersions.forget(id);
    return { temporaryPassword: temporary, passwordChangeRequired: true };
  }

  private async locked(m: EntityManager, id: string): Promise<UserEntity> {
    const user = await m
      .getRepository(UserEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new UserNotFoundError();
    return user;
  }

  /** Serialised, so two admins cannot each remove the other in one instant. */
  private async assertAnotherAdmin(m: EntityManager, id: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['users-enabled-admins']);
    const rows: { n: number }[] = await m.query(
      `SELECT count(*)::int AS n FROM users
        WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1`,
      [id],
    );
    if (rows[0].n === 0) throw new LastAdminError();
  }
}
