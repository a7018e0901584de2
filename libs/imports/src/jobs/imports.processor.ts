import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  DomainError,
  EMBEDDED_WORKER_DRAIN_DELAY_SECONDS,
  type Principal,
  QueueName,
  QuietWorkerHost,
  Role,
} from '@app/core';
import { actorOf, SYSTEM_ACTOR } from '@app/outbox';
import { ImportEntity } from '../entities/import.entity';
import { FileRefusedError } from '../imports.errors';
import { COMMIT_IMPORT_JOB, isImportJobData, VALIDATE_IMPORT_JOB } from './import-jobs';
import { ImportCommit } from './import-commit.service';
import { ImportState } from './import-state.service';
import { ImportValidation } from './import-validation.service';

/**
 * Runs an import's dry run and commit. Each acts as the user who asked for it, as that user is
 * now: a login disabled or moved to another scope meanwhile fails the import rather than acting
 * with rights it no longer has. A job that fails its last attempt on a fault fails the import,
 * so it never stays VALIDATING or COMMITTING. Both steps are safe to re-run: a worker killed
 * mid-way is replaced by BullMQ's stalled-job recovery, which starts the job again.
 */
@Processor(QueueName.imports, { drainDelay: EMBEDDED_WORKER_DRAIN_DELAY_SECONDS })
export class ImportsProcessor extends QuietWorkerHost {
  private readonly logger = new Logger(ImportsProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly validation: ImportValidation,
    private readonly commit: ImportCommit,
    private readonly state: ImportState,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    if (!isImportJobData(job.data)) throw new UnrecoverableError('malformed import job payload');
    const entity = await this.dataSource
      .getRepository(ImportEntity)
      .findOneBy({ id: job.data.importId });
    if (!entity) throw new UnrecoverableError(`import ${job.data.importId} does not exist`);
    const step = this.step(job.name, entity);
    if (!step) return;
    const actorId = step === 'validate' ? entity.uploadedBy : entity.committedBy!;
    const principal = await this.actingAs(actorId, entity);
    if (!principal) {
      await this.state.fail(entity, SYSTEM_ACTOR, actorGoneError());
      return;
    }
    try {
      if (step === 'validate') await this.validation.run(job, entity, principal);
      else await this.commit.run(job, entity, principal);
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts && !(error instanceof DomainError)) {
        this.logger.error(`import ${entity.id} ${step} failed: ${String(error)}`);
        await this.state.fail(entity, actorOf(principal), jobFailedError());
      }
      throw error;
    }
  }

  /** Which step the job is, or null when the import is past it (a duplicate or late job). */
  private step(name: string, entity: ImportEntity): 'validate' | 'commit' | null {
    if (name === VALIDATE_IMPORT_JOB) return entity.status === 'VALIDATING' ? 'validate' : null;
    if (name === COMMIT_IMPORT_JOB) return entity.status === 'COMMITTING' ? 'commit' : null;
    throw new UnrecoverableError(`unknown job ${name} on ${QueueName.imports}`);
  }

  private async actingAs(userId: string, entity: ImportEntity): Promise<Principal | null> {
    const examiner = entity.kind === 'CERTIFICATES';
    const rows: Principal[] = await this.dataSource.query(
      `SELECT id AS "userId", username, role, institution_id AS "institutionId",
              certification_body_id AS "certificationBodyId", learner_id AS "learnerId"
         FROM users
        WHERE id = $1 AND disabled_at IS NULL AND role = $2
          AND ${examiner ? 'certification_body_id' : 'institution_id'} = $3`,
      [userId, examiner ? Role.EXAMINER : Role.REGISTRAR, entity.scopeId],
    );
    return rows[0] ?? null;
  }
}

function actorGoneError(): FileRefusedError {
  return new FileRefusedError(
    'IMPORTS.ACTOR_GONE',
    'The login that asked for this step is disabled or no longer belongs to the school or body of the import. Upload the file again from an active login.',
  );
}

function jobFailedError(): FileRefusedError {
  return new FileRefusedError(
    'IMPORTS.JOB_FAILED',
    'The import stopped on a server fault and was not finished. Rows recorded before it stopped stay recorded, once. Upload the file again, or ask an administrator to look at the worker log.',
  );
}
