import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { likeLiteral, Principal, Role, ValidationFailedError } from '@app/core';
import { CatalogLookup, InstitutionNotFoundError } from '@app/catalog';
import { RosterItemDto, RosterPageDto, RosterQueryDto } from './dto/enrolment.dto';
import type { EnrolmentCategory, EnrolmentStatus } from './entities/enrolment.entity';

interface RosterRow {
  enrolmentId: string;
  learnerId: string;
  name: string;
  studentNo: string;
  programId: string;
  category: EnrolmentCategory;
  status: EnrolmentStatus;
  startedAt: string;
  endedAt: string | null;
}

function encodeCursor(row: RosterRow): string {
  return Buffer.from(JSON.stringify([row.studentNo, row.enrolmentId])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // reported below
  }
  throw new ValidationFailedError([
    { field: 'cursor', message: 'cursor is not one this API issued' },
  ]);
}

/**
 * A school's roster: its enrolled learners by student number, with name, program, category and
 * status; searchable by part of a name or the start of a student number, paged by cursor.
 * REGISTRAR of the school and ADMIN; another school's registrar is told it does not exist.
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogLookup,
  ) {}

  async page(
    principal: Principal,
    institutionId: string,
    query: RosterQueryDto,
  ): Promise<RosterPageDto> {
    const mayRead =
      principal.role === Role.ADMIN ||
      (principal.role === Role.REGISTRAR && principal.institutionId === institutionId);
    const manager = this.dataSource.manager;
    if (!mayRead || (await this.catalog.names(manager, [institutionId])).size === 0)
      throw new InstitutionNotFoundError();
    const limit = query.limit ?? 50;
    const [afterNo, afterId] = query.cursor ? decodeCursor(query.cursor) : [null, null];
    const term = query.q?.trim() ? likeLiteral(query.q.trim()) : null;
    // The learners' names are searched where they are stored: one indexed pass over the
    // school's enrolments, not a name look-up per row.
    const rows: RosterRow[] = await manager.query(
      `SELECT e.id::text AS "enrolmentId", e.learner_id::text AS "learnerId", l.name,
              e.student_no AS "studentNo", e.program_id::text AS "programId", e.category, e.status,
              e.started_at::text AS "startedAt", e.ended_at::text AS "endedAt"
         FROM enrolments e JOIN learners l ON l.id = e.learner_id
        WHERE e.institution_id = $1
          AND ($2::uuid IS NULL OR e.program_id = $2::uuid)
          AND ($3::text IS NULL OR e.status = $3::text)
          AND ($4::text IS NULL OR l.name LIKE '%' || $4::text || '%' OR e.student_no LIKE $4::text || '%')
          AND ($5::text IS NULL OR (e.student_no, e.id) > ($5::text, $6::uuid))
        ORDER BY e.student_no, e.id
        LIMIT $7`,
      [
        institutionId,
        query.programId ?? null,
        query.status ?? null,
        term,
        afterNo,
        afterId,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const programs = await this.catalog.names(
      manager,
      page.map((row) => row.programId),
    );
    const items: RosterItemDto[] = page.map((row) => ({
      learnerId: row.learnerId,
      name: row.name,
      enrolmentId: row.enrolmentId,
      studentNo: row.studentNo,
      program: {
        id: row.programId,
        code: programs.get(row.programId)?.code ?? '',
        name: programs.get(row.programId)?.name ?? '',
      },
      category: row.category,
      status: row.status,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
    }));
    return {
      items,
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }
}
