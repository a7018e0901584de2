import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Role, Roles } from '@app/core';
import { AuditReader, AuditVerifier, CheckpointService } from '@app/audit';
import {
  AuditEventPageDto,
  AuditEventsQueryDto,
  AuditVerificationDto,
  CheckpointDto,
} from './audit.dto';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
    private readonly checkpoints: CheckpointService,
  ) {}

  /** Audit records, oldest first: who did what, when, in which role and scope. A learner sees only their own. */
  @ApiBearerAuth()
  @Roles(Role.ADMIN, Role.LEARNER)
  @Get('events')
  events(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AuditEventsQueryDto,
  ): Promise<AuditEventPageDto> {
    return this.reader.page(principal, query) as Promise<AuditEventPageDto>;
  }

  /**
   * Recomputes the whole chain, compares it with the latest signed checkpoint and compares each
   * audited table's rows (ledger, learners, users, …) with the states the log records for them.
   * `valid: false` names the first bad sequence number, or the row that differs.
   */
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Get('verify')
  verify(): Promise<AuditVerificationDto> {
    return this.verifier.verify();
  }

  /**
   * The latest signed checkpoint with the public key. Check it with any Ed25519 library:
   * verify(`signature`, UTF-8 bytes of `payload`, `publicKeyBase64`), then read seq and headHash from `payload`.
   */
  @Public()
  @Get('checkpoints/latest')
  latest(): Promise<CheckpointDto> {
    return this.checkpoints.latest();
  }

  /** Signs a checkpoint of the current head now (after verifying the rows since the last one). */
  @ApiBearerAuth()
  @Roles(Role.ADMIN)
  @Post('checkpoints')
  @HttpCode(201)
  async checkpoint(): Promise<CheckpointDto> {
    const { checkpoint } = await this.checkpoints.create({ onlyIfHeadMoved: false });
    return checkpoint as CheckpointDto;
  }
}
