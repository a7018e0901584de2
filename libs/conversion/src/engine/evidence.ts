import type { CertificateLeaf, CourseCreditLeaf, DiplomaLeaf, LeafCondition } from './condition';
import { addYears, formatInstant, parseInstant } from './dates';
import type {
  CertificateFact,
  CourseCreditFact,
  DiplomaFact,
  EntryStatus,
  LearnerFacts,
  RejectedEntry,
} from './engine.types';
import { levelAtLeast, levelRank, LEVELS } from './level';
import { compareText } from './order';

/** How one leaf fared against the learner's facts. */
export interface LeafMatch {
  held: boolean;
  /** The chosen proof, when the leaf holds. */
  entryId?: string;
  reason?: string;
  rejected: RejectedEntry[];
}

/**
 * Finds the one entry that proves a leaf. The choice is a total order over the candidates, so it
 * never depends on the order of the facts: certificates by highest level, latest issue, entry id;
 * course credits by highest score, latest completion, entry id; diplomas by latest graduation, id.
 */
export function matchLeaf(leaf: LeafCondition, facts: LearnerFacts, at: number): LeafMatch {
  if ('certificate' in leaf) return matchCertificate(leaf, facts.certificates, at);
  if ('courseCredit' in leaf) return matchCourseCredit(leaf, facts.courseCredits);
  return matchDiploma(leaf, facts.diplomas);
}

/** A certificate counts only while ACTIVE and before its validUntil. */
export function isCertificateCurrent(certificate: CertificateFact, at: number): boolean {
  return (
    certificate.status === 'ACTIVE' &&
    (certificate.validUntil == null ||
      parseInstant(certificate.validUntil, `validUntil of entry ${certificate.entryId}`) > at)
  );
}

function statusRejection(
  entryId: string,
  status: EntryStatus,
  what: string,
): RejectedEntry | undefined {
  if (status === 'ACTIVE') return undefined;
  return status === 'REVOKED'
    ? { entryId, code: 'REVOKED', detail: `${what} was revoked` }
    : { entryId, code: 'REVERSED', detail: `${what} was reversed` };
}

function certificateRejection(
  leaf: CertificateLeaf['certificate'],
  certificate: CertificateFact,
  at: number,
): RejectedEntry | undefined {
  const { entryId } = certificate;
  const what = `certificate No. ${certificate.certificateNo}`;
  const byStatus = statusRejection(entryId, certificate.status, what);
  if (byStatus) return byStatus;
  if (!levelAtLeast(certificate.level, leaf.minLevel)) {
    const detail = `${what} is at ${certificate.level}, below ${leaf.minLevel}`;
    return { entryId, code: 'LEVEL_TOO_LOW', detail, level: certificate.level };
  }
  if (leaf.maxLevel !== undefined && !levelAtLeast(leaf.maxLevel, certificate.level)) {
    const detail = `${what} is at ${certificate.level}, above ${leaf.maxLevel}`;
    return { entryId, code: 'LEVEL_TOO_HIGH', detail, level: certificate.level };
  }
  if (!isCertificateCurrent(certificate, at)) {
    const until = parseInstant(certificate.validUntil as string, `validUntil of entry ${entryId}`);
    const on = formatInstant(until);
    return { entryId, code: 'EXPIRED', detail: `${what} expired on ${on}`, on };
  }
  if (leaf.maxAgeYears !== undefined) {
    const issued = parseInstant(certificate.issuedAt, `issuedAt of entry ${entryId}`);
    if (addYears(issued, leaf.maxAgeYears) <= at) {
      const detail =
        `${what} was issued on ${formatInstant(issued)}, ` +
        `${leaf.maxAgeYears} or more years before ${formatInstant(at)}`;
      return { entryId, code: 'TOO_OLD', detail, on: formatInstant(issued) };
    }
  }
  return undefined;
}

function matchCertificate(
  leaf: CertificateLeaf,
  certificates: readonly CertificateFact[],
  at: number,
) {
  const wanted = leaf.certificate;
  const candidates = certificates.filter((certificate) => certificate.schemeId === wanted.schemeId);
  const instant = (certificate: CertificateFact) =>
    parseInstant(certificate.issuedAt, `issuedAt of entry ${certificate.entryId}`);
  const describeMissing =
    `no active certificate of scheme ${wanted.schemeId} ${levelRange(wanted)}` +
    (wanted.maxAgeYears === undefined ? '' : ` issued within the last ${wanted.maxAgeYears} years`);
  return choose(
    candidates,
    (certificate) => certificateRejection(wanted, certificate, at),
    (certificate) => [levelRank(certificate.level), instant(certificate)],
    describeMissing,
  );
}

/** "at INTERMEDIATE or above", "at JUNIOR", "from JUNIOR to INTERMEDIATE". */
export function levelRange(leaf: CertificateLeaf['certificate']): string {
  const { minLevel, maxLevel } = leaf;
  if (maxLevel === undefined || levelRank(maxLevel) === LEVELS.length - 1) {
    return minLevel === maxLevel ? `at ${minLevel}` : `at ${minLevel} or above`;
  }
  if (maxLevel === minLevel) return `at ${minLevel}`;
  return `from ${minLevel} to ${maxLevel}`;
}

function courseCreditRejection(
  leaf: CourseCreditLeaf['courseCredit'],
  credit: CourseCreditFact,
): RejectedEntry | undefined {
  const { entryId } = credit;
  const byStatus = statusRejection(entryId, credit.status, 'course credit');
  if (byStatus) return byStatus;
  if (!credit.passed) {
    const detail = `course not passed (score ${credit.score})`;
    return { entryId, code: 'NOT_PASSED', detail, score: credit.score };
  }
  if (leaf.minScore !== undefined && credit.score < leaf.minScore) {
    const detail = `score ${credit.score} below minimum ${leaf.minScore}`;
    return { entryId, code: 'SCORE_TOO_LOW', detail, score: credit.score };
  }
  return undefined;
}

function matchCourseCredit(leaf: CourseCreditLeaf, credits: readonly CourseCreditFact[]) {
  const wanted = leaf.courseCredit;
  const candidates = credits.filter((credit) => credit.courseId === wanted.courseId);
  const instant = (credit: CourseCreditFact) =>
    parseInstant(credit.completedAt, `completedAt of entry ${credit.entryId}`);
  const describeMissing =
    `no passed course credit for course ${wanted.courseId}` +
    (wanted.minScore === undefined ? '' : ` with a score of at least ${wanted.minScore}`);
  return choose(
    candidates,
    (credit) => courseCreditRejection(wanted, credit),
    (credit) => [credit.score, instant(credit)],
    describeMissing,
  );
}

function matchDiploma(leaf: DiplomaLeaf, diplomas: readonly DiplomaFact[]) {
  const wanted = leaf.diploma;
  const candidates = diplomas.filter((diploma) => diploma.programId === wanted.programId);
  const instant = (diploma: DiplomaFact) =>
    parseInstant(diploma.graduatedAt, `graduatedAt of entry ${diploma.entryId}`);
  return choose(
    candidates,
    (diploma) => statusRejection(diploma.entryId, diploma.status, 'diploma'),
    (diploma) => [instant(diploma)],
    `no active diploma of program ${wanted.programId}`,
  );
}

/**
 * Splits candidates into rejected and usable, and picks the usable one with the greatest
 * `preference` (compared element by element), ties going to the smallest entry id. Every
 * candidate's preference is computed, so a malformed date fails the same way whatever the facts.
 */
function choose<Fact extends { entryId: string }>(
  candidates: readonly Fact[],
  reject: (fact: Fact) => RejectedEntry | undefined,
  preference: (fact: Fact) => number[],
  describeMissing: string,
): LeafMatch {
  const usable: Array<{ entryId: string; key: number[] }> = [];
  const rejected: RejectedEntry[] = [];
  for (const fact of candidates) {
    const key = preference(fact);
    const rejection = reject(fact);
    if (rejection) rejected.push(rejection);
    else usable.push({ entryId: fact.entryId, key });
  }
  rejected.sort((a, b) => compareText(a.entryId, b.entryId));
  if (usable.length > 0) {
    usable.sort((a, b) => compareKeys(b.key, a.key) || compareText(a.entryId, b.entryId));
    return { held: true, entryId: usable[0].entryId, rejected };
  }
  const details = rejected.map((rejection) => `entry ${rejection.entryId}: ${rejection.detail}`);
  const reason =
    details.length === 0 ? describeMissing : `${describeMissing} (${details.join('; ')})`;
  return { held: false, reason, rejected };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return a[index] - b[index];
  }
  return 0;
}
