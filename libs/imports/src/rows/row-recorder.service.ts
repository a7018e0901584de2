import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, fieldError, Principal, validateBody } from '@app/core';
import { CreateLearnerDto, LearnersService } from '@app/accounts';
import {
  LedgerWriter,
  type NewCourseCredit,
  RecordCertificateDto,
  RecordCourseCreditDto,
  RecordDiplomaDto,
  RecordOutcomeService,
} from '@app/ledger';
import { CreateEnrolmentDto, EnrolmentsService, LearnerAccess } from '@app/relationships';
import type { ImportKind } from '../files/columns';
import type { StoredRowError } from '../entities/import-row.entity';
import {
  fieldRowErrors,
  type LearnerKey,
  outcomeBody,
  refusalRowErrors,
  rowIdentity,
} from './row-rules';

const BODY_TYPES = {
  COURSE_CREDITS: RecordCourseCreditDto,
  CERTIFICATES: RecordCertificateDto,
  DIPLOMAS: RecordDiplomaDto,
  ENROLMENTS: CreateEnrolmentDto,
} as const;

/** A row read and checked, ready to be recorded (when `errors` is empty). */
export interface PreparedRow {
  rowNo: number;
  errors: StoredRowError[];
  /** The learner's account; null for an ENROLMENTS row that will open it. */
  learnerId: string | null;
  /** What names the learner in the file, for in-file duplicates (account id or identity). */
  learnerKey: string;
  body: Record<string, unknown>;
  /** ENROLMENTS: the account to open when there is none. */
  opening?: CreateLearnerDto;
}

export interface SheetRecordInput {
  rowNo: number;
  record: Record<string, string>;
  /** Identity columns Excel stored as numbers. */
  excelNumbers: string[];
  /** Every cell as the file has it. */
  cells: string[];
}

/**
 * The rows of an import, checked and recorded with the very services (and so the rules,
 * guards, outbox events and messages) of the single-record endpoints. `prepare` reads a batch
 * at once: the cells against the endpoint's DTO, each learner by identity or student number,
 * whether the uploader reaches them and whether the name matches. `record` writes one row in the
 * caller's transaction and throws the endpoint's refusal, for the caller's savepoint to undo.
 */
@Injectable()
export class RowRecorder {
  constructor(
    private readonly outcomes: RecordOutcomeService,
    private readonly writer: LedgerWriter,
    private readonly learners: LearnersService,
    private readonly enrolments: EnrolmentsService,
    private readonly access: LearnerAccess,
  ) {}

  async prepare(
    manager: EntityManager,
    principal: Principal,
    kind: ImportKind,
    inputs: readonly SheetRecordInput[],
  ): Promise<PreparedRow[]> {
    const rows = await Promise.all(inputs.map((input) => this.checkCells(kind, input)));
    const keyed = rows.filter((row) => row.errors.length === 0 && row.key !== null);
    const ids = await this.learnerIds(
      manager,
      principal,
      keyed.map((row) => row.key!),
    );
    const found = [...new Set(ids.filter((id): id is string => id !== null))];
    const reached = await this.access.reachableByScope(manager, principal, found);
    const names = await this.names(manager, found);
    keyed.forEach((row, index) => {
      const id = ids[index];
      const column = row.key!.by === 'identity' ? 'idNumber' : 'studentNo';
      if (id === null && kind === 'ENROLMENTS') return;
      // An account the uploader does not reach is said as no account at all, as on the endpoints.
      // Enrolling is how a school comes to reach an account, shown by the identity number.
      if (id === null || (!reached.has(id) && kind !== 'ENROLMENTS')) {
        row.errors.push(...fieldRowErrors(kind, [fieldError(column, 'INVALID.learnerNotFound')]));
        return;
      }
      row.prepared.learnerId = id;
      row.prepared.learnerKey = id;
      if (names.get(id) !== row.name.normalize('NFKC').trim()) {
        row.errors.push(...fieldRowErrors(kind, [fieldError('name', 'INVALID.nameMismatch')]));
      }
    });
    return rows.map(({ prepared, errors }) => ({ ...prepared, errors }));
  }

  /** Writes the row; its refusal is thrown as the endpoint would throw it. The id written. */
  async record(
    manager: EntityManager,
    principal: Principal,
    kind: ImportKind,
    row: PreparedRow,
  ): Promise<string> {
    switch (kind) {
      case 'COURSE_CREDITS':
        return (
          await this.outcomes.courseCreditIn(
            manager,
            principal,
            row.learnerId!,
            row.body as unknown as RecordCourseCreditDto,
          )
        ).id;
      case 'CERTIFICATES':
        return (
          await this.outcomes.certificateIn(
            manager,
            principal,
            row.learnerId!,
            row.body as unknown as RecordCertificateDto,
          )
        ).id;
      case 'DIPLOMAS':
        return (
          await this.outcomes.diplomaIn(
            manager,
            principal,
            row.learnerId!,
            row.body as unknown as RecordDiplomaDto,
          )
        ).id;
      case 'ENROLMENTS': {
        const learnerId =
          row.learnerId ?? (await this.learners.open(principal, row.opening!, manager)).id;
        const enrolment = await this.enrolments.enrolIn(
          manager,
          principal,
          learnerId,
          row.body as unknown as CreateEnrolmentDto,
        );
        return enrolment.id;
      }
    }
  }

  /**
   * Where the kind has a set-based check (COURSE_CREDITS), the batch's rows checked at once,
   * by row number: the refusal, or the credit to write. Null for the kinds checked row by row.
   */
  async checkBatch(
    manager: EntityManager,
    principal: Principal,
    kind: ImportKind,
    rows: readonly PreparedRow[],
  ): Promise<Map<number, DomainError | NewCourseCredit> | null> {
    if (kind !== 'COURSE_CREDITS') return null;
    const results = await this.outcomes.checkCourseCredits(
      manager,
      principal,
      rows.map((row) => ({
        learnerId: row.learnerId!,
        body: row.body as unknown as RecordCourseCreditDto,
      })),
    );
    return new Map(rows.map((row, index) => [row.rowNo, results[index]]));
  }

  /** Writes the credits `checkBatch` planned, in the caller's transaction. */
  writeBatch(
    manager: EntityManager,
    principal: Principal,
    credits: readonly NewCourseCredit[],
  ): Promise<void> {
    return this.writer.insertCourseCredits(manager, principal, credits);
  }

  /** The row's refusal as its errors, or rethrown when it is no refusal (a fault, not the row's). */
  refusal(kind: ImportKind, error: unknown): StoredRowError[] {
    if (error instanceof DomainError) return refusalRowErrors(kind, error);
    throw error;
  }

  private async checkCells(kind: ImportKind, input: SheetRecordInput) {
    const identity = rowIdentity(kind, input.record);
    const errors: StoredRowError[] = [];
    for (const column of input.excelNumbers) {
      errors.push(
        ...fieldRowErrors(kind, [
          fieldError(column, 'INVALID.excelNumber', { value: input.record[column] ?? '' }),
        ]),
      );
    }
    const excel = new Set(input.excelNumbers);
    errors.push(
      ...fieldRowErrors(
        kind,
        identity.errors.filter((error) => !excel.has(error.field)),
      ),
    );
    const plain = outcomeBody(kind, input.record);
    if (kind === 'ENROLMENTS' && identity.key?.by === 'identity')
      plain.idNumber = identity.key.idNumber;
    const { body, errors: bodyErrors } = await validateBody<object>(BODY_TYPES[kind], plain);
    errors.push(
      ...fieldRowErrors(
        kind,
        bodyErrors.filter((error) => !excel.has(error.field)),
      ),
    );
    let opening: CreateLearnerDto | undefined;
    if (kind === 'ENROLMENTS' && identity.key?.by === 'identity') {
      const learner = await validateBody(CreateLearnerDto, {
        name: identity.name,
        idType: identity.key.idType,
        idNumber: identity.key.idNumber,
        ...(identity.birthDate === undefined ? {} : { birthDate: identity.birthDate }),
      });
      const seen = new Set(errors.map((error) => error.column));
      errors.push(
        ...fieldRowErrors(kind, learner.errors).filter((error) => !seen.has(error.column)),
      );
      opening = learner.body;
    }
    const key = identity.key;
    const prepared: PreparedRow = {
      rowNo: input.rowNo,
      errors,
      learnerId: null,
      learnerKey: key ? learnerKeyText(key) : '',
      body: body as Record<string, unknown>,
      opening,
    };
    return { prepared, errors, key: errors.length === 0 ? key : null, name: identity.name };
  }

  private async learnerIds(
    manager: EntityManager,
    principal: Principal,
    keys: readonly LearnerKey[],
  ): Promise<(string | null)[]> {
    const byIdentity = keys.flatMap((key) => (key.by === 'identity' ? [key] : []));
    const identityIds = await this.learners.idsByIdentity(manager, byIdentity);
    const studentNos = keys.flatMap((key) => (key.by === 'studentNo' ? [key.studentNo] : []));
    const byStudentNo = await this.studentIds(manager, principal, studentNos);
    let identityIndex = 0;
    return keys.map((key) =>
      key.by === 'identity'
        ? identityIds[identityIndex++]
        : (byStudentNo.get(key.studentNo) ?? null),
    );
  }

  /** Student numbers at the registrar's school, as the enrolments hold them. */
  private async studentIds(
    manager: EntityManager,
    principal: Principal,
    studentNos: readonly string[],
  ): Promise<Map<string, string>> {
    if (studentNos.length === 0 || principal.institutionId === null) return new Map();
    const rows: { student_no: string; learner_id: string }[] = await manager.query(
      `SELECT student_no, learner_id FROM enrolments
        WHERE institution_id = $1 AND student_no = ANY($2::text[])`,
      [principal.institutionId, studentNos],
    );
    return new Map(rows.map((row) => [row.student_no, row.learner_id]));
  }

  private async names(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      'SELECT id, name FROM learners WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name.normalize('NFKC').trim()]));
  }
}

function learnerKeyText(key: LearnerKey): string {
  return key.by === 'identity' ? `${key.idType}:${key.idNumber}` : `student:${key.studentNo}`;
}
