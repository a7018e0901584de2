import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Principal, Role, ValidationFailedError } from '@app/core';
import { actorOf, OutboxWriter } from '@app/outbox';
import { LearnerExistsError, LearnerNotFoundError } from './accounts.errors';
import {
  CreateLearnerDto,
  LearnerDto,
  LearnerListDto,
  LearnerLookupQueryDto,
} from './dto/learner.dto';
import { LearnerEntity } from './entities/learner.entity';
import {
  birthDateFromResidentId,
  IdentityCipher,
  IdType,
  maskIdNumber,
  normaliseIdNumber,
  validateIdNumber,
} from './identity';
import { LEARNER_STATE_COLUMNS, learnerState, LearnerStateRow } from './learner-state';

/**
 * Learning accounts, one per identity document. The number is stored encrypted, found by its
 * keyed hash and shown in full only to ADMIN and the learner themself. It is never logged and
 * never part of an error message.
 */
@Injectable()
export class LearnersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: IdentityCipher,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Opens the account (ADMIN, REGISTRAR) and writes `learner.opened` in the same transaction;
   * the same identity again is a 409 naming the existing account.
   */
  async open(
    principal: Principal,
    input: CreateLearnerDto,
    manager?: EntityManager,
  ): Promise<LearnerDto> {
    const number = this.validNumber(input.idType, input.idNumber);
    const birthDate = this.birthDate(input, number);
    const lookupHash = this.cipher.lookupHash(input.idType, number);
    const work = async (m: EntityManager): Promise<LearnerDto> => {
      // ON CONFLICT rather than catching the unique violation: a concurrent twin waits for the
      // first insert to commit, then finds its row in the same, still usable, transaction.
      const inserted: LearnerStateRow[] = await m.query(
        `INSERT INTO learners (name, id_type, id_lookup_hash, id_number_encrypted, id_number_masked, birth_date, opened_by_institution_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id_lookup_hash) DO NOTHING RETURNING ${LEARNER_STATE_COLUMNS}`,
        [
          input.name,
          input.idType,
          lookupHash,
          this.cipher.encrypt(number),
          maskIdNumber(number),
          birthDate,
          principal.role === Role.REGISTRAR ? principal.institutionId : null,
        ],
      );
      if (inserted.length === 0) {
        const existing = await m
          .getRepository(LearnerEntity)
          .findOneOrFail({ where: { idLookupHash: lookupHash } });
        throw new LearnerExistsError(existing.id);
      }
      const id = inserted[0].id;
      await this.outbox.append(m, {
        type: 'learner.opened',
        learnerId: id,
        actor: actorOf(principal),
        changes: [{ kind: 'learner', id, state: learnerState(inserted[0]) }],
        details: {},
      });
      const row = await m.getRepository(LearnerEntity).findOneOrFail({ where: { id } });
      return this.view(principal, row);
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** Staff look-up by identity: `{items: [learner]}` or an empty list; an invalid number is a 422. */
  async lookup(principal: Principal, query: LearnerLookupQueryDto): Promise<LearnerListDto> {
    const number = this.validNumber(query.idType, query.idNumber);
    const row = await this.dataSource
      .getRepository(LearnerEntity)
      .findOne({ where: { idLookupHash: this.cipher.lookupHash(query.idType, number) } });
    return row ? { items: [this.view(principal, row)], total: 1 } : { items: [], total: 0 };
  }

  /** The accounts of these identity documents, in their order (null where none is open). */
  async idsByIdentity(
    manager: EntityManager,
    identities: readonly { idType: IdType; idNumber: string }[],
  ): Promise<(string | null)[]> {
    const hashes = identities.map((identity) =>
      this.cipher.lookupHash(
        identity.idType,
        normaliseIdNumber(identity.idType, identity.idNumber),
      ),
    );
    const rows = await manager.getRepository(LearnerEntity).find({
      select: { id: true, idLookupHash: true },
      where: { idLookupHash: In(hashes) },
    });
    const idByHash = new Map(rows.map((row) => [row.idLookupHash, row.id]));
    return hashes.map((hash) => idByHash.get(hash) ?? null);
  }

  /**
   * Whether `idNumber` is the number of the learner's identity document (of its stored type):
   * the proof a school or body gives that it knows whom it enrols or registers.
   */
  async identityMatches(
    manager: EntityManager,
    learnerId: string,
    idNumber: string,
  ): Promise<boolean> {
    const row = await manager.getRepository(LearnerEntity).findOne({
      select: { id: true, idType: true, idLookupHash: true },
      where: { id: learnerId },
    });
    if (!row) return false;
    const type = row.idType as IdType;
    if (validateIdNumber(type, idNumber)) return false;
    return this.cipher.lookupHash(type, normaliseIdNumber(type, idNumber)) === row.idLookupHash;
  }

  /** The learner's identity card for the account views. A LEARNER sees only their own (else 404). */
  async profile(
    principal: Principal,
    learnerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LearnerDto> {
    if (principal.role === Role.LEARNER && principal.learnerId !== learnerId)
      throw new LearnerNotFoundError();
    const row = await manager.getRepository(LearnerEntity).findOne({ where: { id: learnerId } });
    if (!row) throw new LearnerNotFoundError();
    return this.view(principal, row);
  }

  private view(principal: Principal, row: LearnerEntity): LearnerDto {
    const full =
      principal.role === Role.ADMIN ||
      (principal.role === Role.LEARNER && principal.learnerId === row.id);
    // Masked views carry no digit of the birth date the resident ID embeds: the stored mask
    // (older accounts kept more characters) is masked again to today's rule, and the birth date
    // shrinks to its year.
    return {
      id: row.id,
      name: row.name,
      idType: row.idType as IdType,
      idNumber: full
        ? this.cipher.decrypt(row.idNumberEncrypted)
        : maskIdNumber(row.idNumberMasked),
      birthDate: full ? row.birthDate : null,
      birthYear: row.birthDate === null ? null : Number(row.birthDate.slice(0, 4)),
      masked: !full,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private validNumber(type: IdType, raw: string): string {
    const problem = validateIdNumber(type, raw);
    if (problem)
      throw new ValidationFailedError([{ field: 'idNumber', message: `idNumber ${problem}` }]);
    return normaliseIdNumber(type, raw);
  }

  /** A resident ID carries the birth date: a given one must agree, an absent one is taken from it. */
  private birthDate(input: CreateLearnerDto, number: string): string | null {
    if (input.idType !== 'RESIDENT_ID') return input.birthDate ?? null;
    const fromNumber = birthDateFromResidentId(number);
    if (input.birthDate !== undefined && input.birthDate !== fromNumber) {
      throw new ValidationFailedError([
        {
          field: 'birthDate',
          message: 'birthDate must equal the birth date in the resident ID number',
        },
      ]);
    }
    return fromNumber;
  }
}
