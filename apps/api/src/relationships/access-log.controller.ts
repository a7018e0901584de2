import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import { LearnersService } from '@app/accounts';
import { AccessLogReader } from '@app/audit';
import { CatalogLookup } from '@app/catalog';
import { UserNames } from '@app/users';
import { AccessLogPageDto, AccessLogQueryDto } from './access-log.dto';

/** Who on the staff side read a learner's account, when, and which view: newest first. */
@ApiTags('relationships')
@ApiBearerAuth()
@Controller('v1')
export class AccessLogController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: AccessLogReader,
    private readonly learners: LearnersService,
    private readonly catalog: CatalogLookup,
    private readonly users: UserNames,
  ) {}

  /** Who read my account (LEARNER). */
  @Roles(Role.LEARNER)
  @Get('me/access-log')
  mine(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogPageDto> {
    return this.page(principal.learnerId as string, query);
  }

  /** Who read a learner's account (ADMIN). */
  @Roles(Role.ADMIN)
  @Get('learners/:learnerId/access-log')
  async ofLearner(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Query() query: AccessLogQueryDto,
  ): Promise<AccessLogPageDto> {
    await this.learners.profile(principal, learnerId);
    return this.page(learnerId, query);
  }

  private async page(learnerId: string, query: AccessLogQueryDto): Promise<AccessLogPageDto> {
    const page = await this.reader.page(learnerId, query.cursor, query.limit ?? 50);
    const manager = this.dataSource.manager;
    const organisations = page.items.flatMap(({ viewer }) =>
      [viewer.institutionId, viewer.certificationBodyId].filter((id): id is string => id !== null),
    );
    const [names, displayNames] = await Promise.all([
      this.catalog.names(manager, organisations),
      this.users.displayNames(
        manager,
        page.items.flatMap(({ viewer }) => (viewer.userId ? [viewer.userId] : [])),
      ),
    ]);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((item) => {
        const organisationId = item.viewer.institutionId ?? item.viewer.certificationBodyId;
        const organisation = organisationId ? names.get(organisationId) : undefined;
        return {
          seq: item.seq,
          at: item.at,
          view: item.view,
          viewer: {
            userId: item.viewer.userId,
            username: item.viewer.username,
            displayName: item.viewer.userId ? (displayNames.get(item.viewer.userId) ?? null) : null,
            role: item.viewer.role,
            organisation:
              organisationId && organisation
                ? { id: organisationId, name: organisation.name }
                : null,
          },
        };
      }),
    };
  }
}
