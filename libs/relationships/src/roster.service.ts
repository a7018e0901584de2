import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { likeLiteral, Principal, Role, ValidationFailedError } from '@app/core';
import {
  CatalogLookup,
  CertificationBodyNotFoundError,
  InstitutionNotFoundError,
  LEVEL_NAMES,
  type Level,
} from '@app/catalog';
import { BodyRosterPageDto, BodyRosterQueryDto } from './dto/body-roster.dto';
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

interface BodyRosterRow {
  learnerId: string;
  name: string;
}

interface RegistrationRow {
  id: string;
  learnerId: string;
  schemeId: string;
  level: string;
  session: string;
}

/** A page's last row as the cursor: its sort key and id, which is a UUID. */
function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
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
 * A body's roster likewise: the learners registered for its exams, by name, each with their
 * registrations; EXAMINER of the body and ADMIN.
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
      nextCursor:
        rows.length > limit
          ? encodeCursor(page[page.length - 1].studentNo, page[page.length - 1].enrolmentId)
          : null,
    };
  }

  async bodyPage(
    principal: Principal,
    bodyId: string,
    query: BodyRosterQueryDto,
  ): Promise<BodyRosterPageDto> {
    const mayRead =
      principal.role === Role.ADMIN ||
      (principal.role === Role.EXAMINER && principal.certificationBodyId === bodyId);
    const manager = this.dataSource.manager;
    if (!mayRead || (await this.catalog.refs(manager, { bodies: [bodyId] })).bodies.size === 0)
      throw new CertificationBodyNotFoundError();
    const limit = query.limit ?? 50;
    const [afterName, afterId] = query.cursor ? decodeCursor(query.cursor) : [null, null];
    const term = query.q?.trim() ? likeLiteral(query.q.trim()) : null;
    const learners: BodyRosterRow[] = await manager.query(
      `SELECT l.id::text AS "learnerId", l.name
         FROM learners l
        WHERE EXISTS (SELECT 1 FROM exam_registrations r
                       WHERE r.learner_id = l.id AND r.certification_body_id = $1
                         AND ($2::uuid IS NULL OR r.scheme_id = $2::uuid))
          AND ($3::text IS NULL OR l.name LIKE '%' || $3::text || '%')
          AND ($4::text IS NULL OR (l.name, l.id) > ($4::text, $5::uuid))
        ORDER BY l.name, l.id
        LIMIT $6`,
      [bodyId, query.schemeId ?? null, term, afterName, afterId, limit + 1],
    );
    const page = learners.slice(0, limit);
    const registrations: RegistrationRow[] = page.length
      ? await manager.query(
          `SELECT id::text, learner_id::text AS "learnerId", scheme_id::text AS "schemeId",
                  level, session
             FROM exam_registrations
            WHERE certification_body_id = $1 AND learner_id = ANY($2::uuid[])
              AND ($3::uuid IS NULL OR scheme_id = $3::uuid)
            ORDER BY created_at DESC, id`,
          [bodyId, page.map((row) => row.learnerId), query.schemeId ?? null],
        )
      : [];
    const { schemes } = await this.catalog.refs(manager, {
      schemes: registrations.map((row) => row.schemeId),
    });
    const byLearner = new Map<string, RegistrationRow[]>();
    for (const row of registrations) {
      byLearner.set(row.learnerId, [...(byLearner.get(row.learnerId) ?? []), row]);
    }
    return {
      items: page.map((row) => ({
        learner: { id: row.learnerId, name: row.name },
        registrations: (byLearner.get(row.learnerId) ?? []).map((registration) => ({
          id: registration.id,
          scheme: {
            id: registration.schemeId,
            code: schemes.get(registration.schemeId)?.code ?? '',
            name: schemes.get(registration.schemeId)?.name ?? '',
          },
          level: registration.level,
          levelName: LEVEL_NAMES[registration.level as Level] ?? registration.level,
          session: registration.session,
        })),
      })),
      nextCursor:
        learners.length > limit
          ? encodeCursor(page[page.length - 1].name, page[page.length - 1].learnerId)
          : null,
    };
  }
}
