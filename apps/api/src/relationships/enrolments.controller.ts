import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import {
  BodyRosterPageDto,
  BodyRosterQueryDto,
  CreateEnrolmentDto,
  CreateExamRegistrationDto,
  EndEnrolmentDto,
  EnrolmentDto,
  EnrolmentListDto,
  EnrolmentsService,
  ExamRegistrationDto,
  ExamRegistrationListDto,
  ExamRegistrationsService,
  RosterPageDto,
  RosterQueryDto,
  RosterService,
} from '@app/relationships';

/**
 * The relationships that let staff reach a learner: 学籍 (enrolments, by the school's
 * registrar) and 考核报名 (exam registrations, by the body's examiner), and the rosters of a
 * school and of a body.
 */
@ApiTags('relationships')
@ApiBearerAuth()
@Controller('v1')
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly registrations: ExamRegistrationsService,
    private readonly roster: RosterService,
  ) {}

  /**
   * Enrols the learner in one of your school's programs (REGISTRAR, ADMIN). If your school has
   * no relationship with the learner yet (the account was opened elsewhere), give their
   * `idNumber`. One active enrolment per program; student numbers are unique within a school.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Post('learners/:learnerId/enrolments')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: EnrolmentDto })
  enrol(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: CreateEnrolmentDto,
  ): Promise<EnrolmentDto> {
    return this.enrolments.enrol(principal, learnerId, body);
  }

  /** The learner's enrolments at every school, newest first (the learner, staff who reach them). */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/enrolments')
  forLearner(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
  ): Promise<EnrolmentListDto> {
    return this.enrolments.forLearner(principal, learnerId);
  }

  /** Ends an active enrolment: GRADUATED, WITHDRAWN or TRANSFERRED (its school's REGISTRAR, ADMIN). */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Post('enrolments/:enrolmentId/end')
  @HttpCode(HttpStatus.OK)
  end(
    @CurrentPrincipal() principal: Principal,
    @Param('enrolmentId', ParseIdPipe) enrolmentId: string,
    @Body() body: EndEnrolmentDto,
  ): Promise<EnrolmentDto> {
    return this.enrolments.end(principal, enrolmentId, body);
  }

  /**
   * The school's roster (its REGISTRAR, ADMIN): enrolled learners by student number, with name,
   * program, category and status. `q` matches part of a name or the start of a student number.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR)
  @Get('institutions/:institutionId/learners')
  rosterPage(
    @CurrentPrincipal() principal: Principal,
    @Param('institutionId', ParseIdPipe) institutionId: string,
    @Query() query: RosterQueryDto,
  ): Promise<RosterPageDto> {
    return this.roster.page(principal, institutionId, query);
  }

  /**
   * The body's roster (its EXAMINER, ADMIN): the learners registered for its exams, by name, each
   * with their registrations (scheme, level, session). `q` matches part of a name; `schemeId`
   * keeps the learners registered for that scheme, with those registrations only.
   */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Get('certification-bodies/:bodyId/learners')
  bodyRosterPage(
    @CurrentPrincipal() principal: Principal,
    @Param('bodyId', ParseIdPipe) bodyId: string,
    @Query() query: BodyRosterQueryDto,
  ): Promise<BodyRosterPageDto> {
    return this.roster.bodyPage(principal, bodyId, query);
  }

  /**
   * Registers the learner for one level of your body's scheme in an exam session (EXAMINER,
   * ADMIN). Without a relationship to the learner yet, give their `idNumber`.
   */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Post('learners/:learnerId/exam-registrations')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: ExamRegistrationDto })
  register(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: CreateExamRegistrationDto,
  ): Promise<ExamRegistrationDto> {
    return this.registrations.register(principal, learnerId, body);
  }

  /** The learner's exam registrations, newest first (the learner, staff who reach them). */
  @Roles(...ALL_ROLES)
  @Get('learners/:learnerId/exam-registrations')
  registrationsOf(
    @CurrentPrincipal() principal: Principal,
    @Param('learnerId', ParseIdPipe) learnerId: string,
  ): Promise<ExamRegistrationListDto> {
    return this.registrations.forLearner(principal, learnerId);
  }
}
