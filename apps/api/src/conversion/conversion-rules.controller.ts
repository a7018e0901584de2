import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseIdPipe, Principal, Role, Roles, STAFF_ROLES } from '@app/core';
import {
  ActivateRuleDto,
  CreateRuleDto,
  ListRulesQueryDto,
  RuleAuthoringService,
  RuleContentDto,
  RuleLifecycleService,
  ScanJobsService,
} from '@app/conversion';
import {
  ActivationDto,
  JobAcceptedDto,
  OtherBodyCertificateDto,
  OverlapPreviewDto,
  OverlapPreviewQueryDto,
  RetirementDto,
  RuleDto,
  RuleOverlapDto,
  RulePageDto,
  RuleVersionDto,
} from './conversion.dto';
import { ScanRateLimit } from '../bootstrap/throttling';

const OWNERS = [Role.ADMIN, Role.REGISTRAR, Role.EXAMINER];

/**
 * 转换规则. Written by the target's owner: the REGISTRAR of the target course's institution
 * (免修, 学分互认) or the EXAMINER of the target scheme's body (免试); ADMIN always. A rule of
 * another side answers 404. Targets outside the author's scope are a 422 naming the field, worded
 * like a target that does not exist. Any staff member may read rules.
 */
@ApiTags('conversion')
@ApiBearerAuth()
@ApiExtraModels(RuleOverlapDto, OtherBodyCertificateDto)
@Controller('v1/conversion-rules')
export class ConversionRulesController {
  constructor(
    private readonly authoring: RuleAuthoringService,
    private readonly lifecycle: RuleLifecycleService,
    private readonly scans: ScanJobsService,
  ) {}

  /** Creates a rule as version 1 in DRAFT. 422 names the path of every fault (e.g. `condition.all[1].certificate.minLevel`). */
  @Roles(...OWNERS)
  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateRuleDto): Promise<RuleDto> {
    return this.authoring.create(principal, body);
  }

  /** Rules with their active version, filtered by kind, lifecycle status and owner; cursor-paged. */
  @Roles(...STAFF_ROLES)
  @Get()
  list(@Query() query: ListRulesQueryDto): Promise<RulePageDto> {
    return this.authoring.list(query);
  }

  /** A rule with every version. */
  @Roles(...STAFF_ROLES)
  @Get(':ruleId')
  get(@Param('ruleId', ParseIdPipe) ruleId: string): Promise<RuleDto> {
    return this.authoring.get(ruleId);
  }

  /** A new DRAFT version (same kind and owner); the active version applies until it is activated. */
  @Roles(...OWNERS)
  @Post(':ruleId/versions')
  addVersion(
    @CurrentPrincipal() principal: Principal,
    @Param('ruleId', ParseIdPipe) ruleId: string,
    @Body() body: RuleContentDto,
  ): Promise<RuleVersionDto> {
    return this.authoring.addVersion(principal, ruleId, body);
  }

  /**
   * Activates the newest DRAFT (or `version`), superseding the active version. Reports in
   * `overlaps` other ACTIVE rules that exempt a same target from overlapping evidence and, for a
   * 免试 rule, the certificates of other bodies its condition accepts.
   */
  @Roles(...OWNERS)
  @Post(':ruleId/activate')
  @HttpCode(200)
  activate(
    @CurrentPrincipal() principal: Principal,
    @Param('ruleId', ParseIdPipe) ruleId: string,
    @Body() body: ActivateRuleDto,
  ): Promise<ActivationDto> {
    return this.lifecycle.activate(principal, ruleId, body.version);
  }

  /**
   * What activating the newest DRAFT (or `version`) would report in `overlaps`, computed as the
   * activation computes it, without activating: to resolve overlaps first. The same callers and
   * the same refusals as the activation (409 when the version is not a DRAFT).
   */
  @Roles(...OWNERS)
  @Get(':ruleId/overlaps')
  overlaps(
    @CurrentPrincipal() principal: Principal,
    @Param('ruleId', ParseIdPipe) ruleId: string,
    @Query() query: OverlapPreviewQueryDto,
  ): Promise<OverlapPreviewDto> {
    return this.lifecycle.previewOverlaps(principal, ruleId, query.version);
  }

  /** Retires the active version. Past exemptions stand; applications still waiting are closed. */
  @Roles(...OWNERS)
  @Post(':ruleId/retire')
  @HttpCode(200)
  retire(
    @CurrentPrincipal() principal: Principal,
    @Param('ruleId', ParseIdPipe) ruleId: string,
  ): Promise<RetirementDto> {
    return this.lifecycle.retire(principal, ruleId);
  }

  /**
   * Queues a scan for every learner the rule now makes eligible; read it at GET /v1/jobs/{jobId}.
   * One scan per rule at a time: while one waits or runs, 409 with its `jobId`. Each caller may
   * ask SCAN_REQUESTS_PER_MINUTE times a minute (then 429 with `Retry-After`).
   */
  @Roles(...OWNERS)
  @ScanRateLimit()
  @Post(':ruleId/eligibility-scan')
  @HttpCode(202)
  scan(
    @CurrentPrincipal() principal: Principal,
    @Param('ruleId', ParseIdPipe) ruleId: string,
  ): Promise<JobAcceptedDto> {
    return this.scans.enqueue(principal, ruleId);
  }
}
