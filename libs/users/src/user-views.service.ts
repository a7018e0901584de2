import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LearnerDirectory } from '@app/accounts';
import { CatalogLookup } from '@app/catalog';
import { UserDto } from './dto/create-user.dto';
import { UserRecord } from './user-rules';

/** Logins as an administrator reads them: each names its scope in words. */
@Injectable()
export class UserViews {
  constructor(
    private readonly catalog: CatalogLookup,
    private readonly learners: LearnerDirectory,
  ) {}

  async one(manager: EntityManager, user: UserRecord): Promise<UserDto> {
    return (await this.many(manager, [user]))[0];
  }

  /** Two look-ups for the whole page, whatever its size: the catalog's names and the learners'. */
  async many(manager: EntityManager, users: readonly UserRecord[]): Promise<UserDto[]> {
    const catalogIds = users.flatMap((user) =>
      [user.institutionId, user.certificationBodyId].filter((id): id is string => id !== null),
    );
    const learnerIds = users.flatMap((user) => (user.learnerId === null ? [] : [user.learnerId]));
    const [catalogNames, learnerNames] = await Promise.all([
      this.catalog.names(manager, [...new Set(catalogIds)]),
      this.learners.names(manager, [...new Set(learnerIds)]),
    ]);
    return users.map((user) => {
      const scopeName =
        (user.institutionId && catalogNames.get(user.institutionId)?.name) ||
        (user.certificationBodyId && catalogNames.get(user.certificationBodyId)?.name) ||
        (user.learnerId && learnerNames.get(user.learnerId)) ||
        null;
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        institutionId: user.institutionId,
        certificationBodyId: user.certificationBodyId,
        learnerId: user.learnerId,
        scopeName,
        disabled: user.disabledAt !== null,
        disabledAt: user.disabledAt?.toISOString() ?? null,
        passwordChangeRequired: user.passwordChangeRequired,
        createdAt: user.createdAt.toISOString(),
      };
    });
  }
}
