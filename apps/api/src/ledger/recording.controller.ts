import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe, Role, Roles } from '@app/core';
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
import { CorrectionResultDto, EntryDto } from './entry.dto';

@ApiTags('ledger')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key and body: same answer, one effect.',
})
@Controller('v1')
export class RecordingController {
  constructor(
    private readonly outcomes: RecordOutcomeService,
    private readonly corrections: RecordCorrectionService,
  ) {}

  /** Records a course result (REGISTRAR of the course's school). 60 or more passes and earns the credits. */
  @Roles(Role.REGISTRAR)
  @Post('learners/:learnerId/course-credits')
  @HttpCode(HttpStatus.CREATED)
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
  @ApiCreatedResponse({ type: CorrectionResultDto })
  revoke(
    @CurrentCommand() command: CommandContext,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() body: CorrectionDto,
  ): Promise<CommandResult<CorrectionResultDto>> {
    return this.corrections.revoke(command, entryId, body);
  }
}
