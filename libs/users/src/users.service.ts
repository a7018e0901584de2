import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AccountDisabledError,
  isUniqueViolation,
  PasswordService,
  Principal,
  Role,
} from '@app/core';
import { Actor, actorOf, OutboxWriter, SYSTEM_ACTOR } from '@app/outbox';
import { UserDto } from './dto/create-user.dto';
import { UserEntity } from './entities/user.entity';
import { assertStrongPassword } from './passwords/password-policy';
import { readUserState } from './user-state';
import { UserScopeService } from './user-scope.service';
import { checkScopeShape, toPrincipal, UserRecord, UserScope } from './user-rules';
import { UserViews } from './user-views.service';
import { InvalidCredentialsError, LearnerHasLoginError, UsernameTakenError } from './users.errors';

export interface NewUser extends UserScope {
  username: string;
  password: string;
  role: Role;
  displayName?: string | null;
}

/** A successful sign-in: who, and the token version the token must carry. */
export interface SignIn {
  principal: Principal;
  tokenVersion: number;
}

/** The unique indexes that decide races between two writes of logins, as domain errors. */
export function loginConflict(error: unknown, username: string): Error | null {
  // The unique index on lower(username) decides: `RTADMIN` takes `rtadmin` too.
  if (isUniqueViolation(error, 'users_username_lower_key')) return new UsernameTakenError(username);
  // The partial unique index decides races between two logins for one learner.
  if (isUniqueViolation(error, 'users_learner_id_key')) return new LearnerHasLoginError();
  return null;
}

/** Logins: creating them, sign-in, and the first admin. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly scopes: UserScopeService,
    private readonly views: UserViews,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * A login as an admin asks for one: besides its shape, the scope must name something that
   * exists (else 422 on that field), and the password must not be an easy guess.
   */
  async register(principal: Principal, input: NewUser): Promise<UserDto> {
    checkScopeShape(input.role, input);
    assertStrongPassword(input.password, input.username, 'password');
    await this.scopes.assertExists(input, this.dataSource.manager);
    const user = await this.create(actorOf(principal), input);
    return this.views.one(this.dataSource.manager, user);
  }

  /**
   * Writes a login whose scope has the right shape (whether it exists, and whether the password
   * is strong, are `register`'s checks: the boot-time admin and the demo logins are set by the
   * operator) and its `user.created` event, in the caller's transaction or a new one.
   */
  async create(actor: Actor, input: NewUser, manager?: EntityManager): Promise<UserRecord> {
    checkScopeShape(input.role, input);
    const passwordHash = await this.passwords.hash(input.password);
    const work = async (m: EntityManager): Promise<UserEntity> => {
      const users = m.getRepository(UserEntity);
      let saved: UserEntity;
      try {
        saved = await users.save(
          users.create({
            username: input.username,
            displayName: input.displayName ?? null,
            passwordHash,
            role: input.role,
            institutionId: input.institutionId ?? null,
            certificationBodyId: input.certificationBodyId ?? null,
            learnerId: input.learnerId ?? null,
          }),
        );
      } catch (error) {
        throw loginConflict(error, input.username) ?? error;
      }
      await this.outbox.append(m, {
        type: 'user.created',
        learnerId: saved.learnerId,
        actor,
        changes: [{ kind: 'user', id: saved.id, state: await readUserState(m, saved.id) }],
        details: {},
      });
      return saved;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /**
   * Usernames are compared regardless of letter case, as the unique index compares them. A
   * disabled login is told so only after its password proved right.
   */
  async authenticate(username: string, password: string): Promise<SignIn> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new InvalidCredentialsError();
    if (user.disabledAt !== null) throw new AccountDisabledError();
    return { principal: toPrincipal(user), tokenVersion: user.tokenVersion };
  }

  /** The principals of those of these usernames that exist (in any letter case), to act as them. */
  async principalsOf(usernames: string[], manager: EntityManager): Promise<Principal[]> {
    if (usernames.length === 0) return [];
    const users = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('lower(user.username) IN (:...usernames)', {
        usernames: usernames.map((username) => username.toLowerCase()),
      })
      .getMany();
    return users.map(toPrincipal);
  }

  /** Creates the first admin from ADMIN_USERNAME/ADMIN_PASSWORD when there are no users yet. */
  async bootstrapAdmin(username: string | null, password: string | null): Promise<boolean> {
    if (!username || !password) return false;
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent boots (several API processes) so only one admin is created.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin']);
      if ((await manager.getRepository(UserEntity).count()) > 0) return false;
      await this.create(SYSTEM_ACTOR, { username, password, role: Role.ADMIN }, manager);
      this.logger.log(`created the first admin "${username}"`);
      return true;
    });
  }
}
