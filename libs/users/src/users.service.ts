import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, PasswordService, Principal, Role } from '@app/core';
import { Actor, actorOf, OutboxWriter, SYSTEM_ACTOR } from '@app/outbox';
import { UserDto } from './dto/create-user.dto';
import { UserEntity } from './entities/user.entity';
import { readUserState } from './user-state';
import { UserScope, UserScopeService } from './user-scope.service';
import {
  InvalidCredentialsError,
  LearnerHasLoginError,
  ScopeMismatchError,
  UsernameTakenError,
} from './users.errors';

export interface NewUser extends UserScope {
  username: string;
  password: string;
  role: Role;
}

const SCOPE_FIELD: Record<Role, keyof UserScope | null> = {
  [Role.ADMIN]: null,
  [Role.REGISTRAR]: 'institutionId',
  [Role.EXAMINER]: 'certificationBodyId',
  [Role.LEARNER]: 'learnerId',
};

/** The scope field a role needs must be set, and no other. */
function checkScopeShape(input: NewUser): void {
  const needed = SCOPE_FIELD[input.role];
  for (const field of ['institutionId', 'certificationBodyId', 'learnerId'] as const) {
    const present = input[field] !== undefined && input[field] !== null;
    if (field === needed && !present) {
      throw new ScopeMismatchError(field, `role ${input.role} needs ${field}`);
    }
    if (field !== needed && present) {
      throw new ScopeMismatchError(field, `role ${input.role} takes no ${field}`);
    }
  }
}

function toPrincipal(user: UserEntity): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    institutionId: user.institutionId,
    certificationBodyId: user.certificationBodyId,
    learnerId: user.learnerId,
  };
}

function toView(user: UserEntity): UserDto {
  return { ...toPrincipal(user), id: user.id, createdAt: user.createdAt.toISOString() };
}

/** Logins: the one door to the users table, sign-in, and the first admin. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly scopes: UserScopeService,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * A login as an admin asks for one: besides its shape, the scope must name something that
   * exists (else 422 on that field).
   */
  async register(principal: Principal, input: NewUser): Promise<UserDto> {
    checkScopeShape(input);
    await this.scopes.assertExists(input, this.dataSource.manager);
    return this.create(actorOf(principal), input);
  }

  /**
   * Writes a login whose scope has the right shape (whether it exists is `register`'s check)
   * and its `user.created` event, in the caller's transaction or a new one.
   */
  async create(actor: Actor, input: NewUser, manager?: EntityManager): Promise<UserDto> {
    checkScopeShape(input);
    const passwordHash = await this.passwords.hash(input.password);
    const work = async (m: EntityManager): Promise<UserDto> => {
      const users = m.getRepository(UserEntity);
      let saved: UserEntity;
      try {
        saved = await users.save(
          users.create({
            username: input.username,
            passwordHash,
            role: input.role,
            institutionId: input.institutionId ?? null,
            certificationBodyId: input.certificationBodyId ?? null,
            learnerId: input.learnerId ?? null,
          }),
        );
      } catch (error) {
        // The unique index on lower(username) decides: `RTADMIN` takes `rtadmin` too.
        if (isUniqueViolation(error, 'users_username_lower_key'))
          throw new UsernameTakenError(input.username);
        // The partial unique index decides races between two logins for one learner.
        if (isUniqueViolation(error, 'users_learner_id_key')) throw new LearnerHasLoginError();
        throw error;
      }
      await this.outbox.append(m, {
        type: 'user.created',
        learnerId: saved.learnerId,
        actor,
        changes: [{ kind: 'user', id: saved.id, state: await readUserState(m, saved.id) }],
        details: {},
      });
      return toView(saved);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** Usernames are compared regardless of letter case, as the unique index compares them. */
  async authenticate(username: string, password: string): Promise<Principal> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) throw new InvalidCredentialsError();
    return toPrincipal(user);
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
