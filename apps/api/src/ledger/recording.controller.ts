import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ParseIdPipe, Role, Roles } from '@app/core';
import { ApplicationCascade } from '@app/conversion';
import {
  CommandContext,
  CorrectionDto,
  RecordCertificateDto,
  RecordCorrectionService,
  RecordCourseCreditDto,
  RecordDiplomaDto,
  RecordOutcomeService,
  StoredResponse,
} from '@app/ledger';
import { CorrectionResultDto, EntryDto } from './entry.dto';
import { Command } from './command-context';

function reply<T>(response: FastifyReply, stored: StoredResponse<T>): T {
  void response.status(stored.status);
  if (stored.replayed) void response.header('idempotent-replayed', 'true');
  return stored.body;
}

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
    // Waiting applications that cited cancelled evidence are re-evaluated or closed in the same transaction.
    private readonly applications: ApplicationCascade,
  ) {}

  /** Records a course result (REGISTRAR of the course's school). 60 or more passes and earns the credits. */
  @Roles(Role.REGISTRAR)
  @Post('learners/:learnerId/course-credits')
  async courseCredit(
    @Command() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordCourseCreditDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<EntryDto> {
    return reply<EntryDto>(
      response,
      await this.outcomes.recordCourseCredit(command, learnerId, body),
    );
  }

  /** Records a vocational skill level certificate (EXAMINER of the scheme's body). */
  @Roles(Role.EXAMINER)
  @Post('learners/:learnerId/certificates')
  async certificate(
    @Command() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordCertificateDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<EntryDto> {
    return reply<EntryDto>(
      response,
      await this.outcomes.recordCertificate(command, learnerId, body),
    );
  }

  /** Records a diploma (REGISTRAR of the program's school). */
  @Roles(Role.REGISTRAR)
  @Post('learners/:learnerId/diplomas')
  async diploma(
    @Command() command: CommandContext,
    @Param('learnerId', ParseIdPipe) learnerId: string,
    @Body() body: RecordDiplomaDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<EntryDto> {
    return reply<EntryDto>(response, await this.outcomes.recordDiploma(command, learnerId, body));
  }

  /** Reverses an entry (the side that recorded it, or ADMIN); exemptions it backed are reversed too. */
  @Roles(Role.ADMIN, Role.REGISTRAR, Role.EXAMINER)
  @Post('entries/:entryId/reversal')
  async reverse(
    @Command() command: CommandContext,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() body: CorrectionDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CorrectionResultDto> {
    const stored = await this.corrections.reverse(
      command,
      entryId,
      body,
      this.applications.afterCancel,
    );
    return reply<CorrectionResultDto>(response, stored);
  }

  /** Revokes a certificate (EXAMINER of its body, or ADMIN); exemptions it backed are reversed too. */
  @Roles(Role.ADMIN, Role.EXAMINER)
  @Post('certificates/:entryId/revocation')
  async revoke(
    @Command() command: CommandContext,
    @Param('entryId', ParseIdPipe) entryId: string,
    @Body() body: CorrectionDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CorrectionResultDto> {
    const stored = await this.corrections.revoke(
      command,
      entryId,
      body,
      this.applications.afterCancel,
    );
    return reply<CorrectionResultDto>(response, stored);
  }
}
