import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ParseIdPipe, Principal, Role, Roles } from '@app/core';
import { CommandContext, CommandResult } from '@app/commands';
import {
  CorrectionDto,
  RecordCertificateDto,
  RecordCorrectionService,
  RecordCourseCreditDto,
  RecordDiplomaDto,
  RecordOutcomeService,
} from '@app/ledger';
import { CurrentCommand } from '../bootstrap/command-context.decorator';
import { NamedResponses } from '../naming/named-responses.service';
import {
  CorrectionPreviewDto,
  CorrectionPreviewQueryDto,
  CorrectionResultDto,
  EntryDto,
} from './entry.dto';

/** The writes take an Idempotency-Key; the previews record nothing and take none. */
const IDEMPOTENT = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key and body: same answer, one effect.',
});

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('v1')
export class RecordingController {
  constructor(
    private readonly outcomes: RecordOutcomeService,
    private readonly corrections: RecordCorrectionService,
    private readonly named: NamedResponses,
  ) {}

  /** Records a course result (REGISTRAR of the course's school). 60 or more passes and earns the credits. */
  @Roles(Role.REGISTRAR)
  @Post('learners/:learnerId/course-credits')
  @HttpCode(HttpStatus.CREATED)
  @IDEMPOTENT
  @ApiCreatedResponse({ type: EntryDto })
  courseCredit(
    @CurrentCommand() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordCourseCreditDto,
  ): Promise<CommandResult<EntryDto>> {
    return this.outcomes.recordCourseCredit(command, learnerId, body);
  }

  /** Records a vocational skill level certificate (EXAMINER of the scheme's body). */
  @Roles(Role.EXAMINER)
  @Post('learners/:learnerId/certificates')
  @HttpCode(HttpStatus.CREATED)
  @IDEMPOTENT
  @ApiCreatedResponse({ type: EntryDto })
  certificate(
    @CurrentCommand() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordCertificateDto,
  ): Promise<CommandResult<EntryDto>> {
    return this.outcomes.recordCertificate(command, learnerId, body);
  }

  /** Records a diploma (REGISTRAR of the program's school). */
  @Roles(Role.REGISTRAR)
  @Post('learners/:learnerId/diplomas')
  @HttpCode(HttpStatus.CREATED)
  @IDEMPOTENT
  @ApiCreatedResponse({ type: EntryDto })
  diploma(
    @CurrentCommand() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordDiplomaDto,
  ): Promise<CommandResult<EntryDto>> {
    return this.outcomes.recordDiploma(command, learnerId, body);
  }

  /** Reverses an entry (the side that recorded it, or ADMIN); exemptions it backed are reversed too. */
  @Roles(Role.ADMIN, Role.REGISTRAR, Role.EXAMINER)
  @Post('entries/:entryId/reversal')
  @HttpCode(HttpStatus.CREATED)
  @IDEMPOTENT
  @ApiCreatedResponse({ type: CorrectionResultDto })
  reverse(
    @CurrentCommand() command: CommandContext,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() body: CorrectionDto,
  ): Promise<CommandResult<CorrectionResultDto>> {
    return this.corrections.reverse(command, entryId, body);
  }

  /** Revokes a certificate (EXAMINER of its body, or ADMIN); exemptions it backed are reversed too. */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Post('certificates/:entryId/revocation')
  @HttpCode(HttpStatus.CREATED)
  @IDEMPOTENT
  @ApiCreatedResponse({ type: CorrectionResultDto })
  revoke(
    @CurrentCommand() command: CommandContext,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() body: CorrectionDto,
  ): Promise<CommandResult<CorrectionResultDto>> {
    return this.corrections.revoke(command, entryId, body);
  }

  /**
   * What reversing the entry would do, without doing it (whoever may reverse it): the entry, the
   * exemptions the cascade would reverse, and those their rule would record again. The reversal
   * itself runs and is rolled back, so the preview says what it would do; the answers it would
   * refuse with (404, 409, 422) are the preview's too. Nothing is recorded.
   */
  @Roles(Role.ADMIN, Role.REGISTRAR, Role.EXAMINER)
  @Get('entries/:entryId/reversal-preview')
  async reversalPreview(
    @CurrentPrincipal() principal: Principal,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Query() query: CorrectionPreviewQueryDto,
  ): Promise<CorrectionPreviewDto> {
    return this.named.correctionPreview(
      await this.corrections.previewReversal(principal, entryId, query.reason ?? ''),
    );
  }

  /**
   * What revoking the certificate would do, without doing it (EXAMINER of its body, ADMIN): as
   * the reversal preview, for a revocation. Nothing is recorded.
   */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Get('certificates/:entryId/revocation-preview')
  async revocationPreview(
    @CurrentPrincipal() principal: Principal,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Query() query: CorrectionPreviewQueryDto,
  ): Promise<CorrectionPreviewDto> {
    return this.named.correctionPreview(
      await this.corrections.previewRevocation(principal, entryId, query.reason ?? ''),
    );
  }
}
