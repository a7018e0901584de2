import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordService, Principal, TokenRevokedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { ChangePasswordDto } from './dto/password.dto';
import { UserEntity } from './entities/user.entity';
import { assertStrongPassword } from './passwords/password-policy';
import { UserTokenVersions } from './token-versions.service';
import { userChanges } from './user-state';
import { CurrentPasswordWrongError, PasswordUnchangedError } from './users.errors';

/**
 * What a person does with their own login: change its password, sign out. Both end every token
 * of the login (its version moves on): signing out on one device signs out on all, which is
 * what someone who fears a token leaked wants, and needs no list of ended tokens to keep.
 */
@Injectable()
export class OwnLoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly outbox: OutboxWriter,
    private readonly tokenVersions: UserTokenVersions,
  ) {}

  /** Returns the new token version, for the token that replaces the caller's. */
  async changePassword(principal: Principal, input: ChangePasswordDto): Promise<number> {
    const stored = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ id: principal.userId });
    if (!stored) throw new TokenRevokedError();
    if (!(await this.passwords.verify(stored.passwordHash, input.currentPassword))) {
      throw new CurrentPasswordWrongError();
    }
    if (input.newPassword === input.currentPassword) throw new PasswordUnchangedError();
    assertStrongPassword(input.newPassword, stored.username, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    const version = await this.dataSource.transaction(async (m) => {
      const user = await this.locked(m, principal.userId);
      // Another change (a reset, a second change) got in between: ask again from the start.
      if (user.passwordHash !== stored.passwordHash) throw new TokenRevokedError();
      const fields = user.passwordChangeRequired
        ? ['password', 'passwordChangeRequired']
        : ['password'];
      user.passwordHash = passwordHash;
      user.passwordChangeRequired = false;
      user.tokenVersion += 1;
      await m.getRepository(UserEntity).save(user);
      await this.outbox.append(m, {
        type: 'user.changed',
        learnerId: user.learnerId,
        actor: actorOf(principal),
        changes: await userChanges(m, user.id),
        details: { fields },
      });
      return user.tokenVersion;
    });
    this.tokenVersions.forget(principal.userId);
    return version;
  }

  async signOut(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const user = await this.locked(m, principal.userId);
      user.tokenVersion += 1;
      await m.getRepository(UserEntity).save(user);
      await this.outbox.append(m, {
        type: 'user.changed',
        learnerId: user.learnerId,
        actor: actorOf(principal),
        changes: await userChanges(m, user.id),
        details: { fields: ['tokenVersion'] },
      });
    });
    this.tokenVersions.forget(principal.userId);
  }

  private async locked(m: EntityManager, id: string): Promise<UserEntity> {
    const user = await m
      .getRepository(UserEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new TokenRevokedError();
    return user;
  }
}
