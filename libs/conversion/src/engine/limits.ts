import { formatHundredths, parseHundredths, sumHundredths, type Hundredths } from './decimal';
import type {
  CreditsWithinTargetTrace,
  EvidenceCapTrace,
  ExemptionFact,
  ExemptionKind,
  LearnerFacts,
  LimitTrace,
  RuleVersion,
  Target,
  TargetContext,
} from './engine.types';
import { sortedUnique } from './order';
import { isCourseTarget, isCourseTargetContext, targetKey } from './target';

export interface LimitInput {
  rule: RuleVersion;
  facts: LearnerFacts;
  target: Target;
  context: TargetContext;
  /** The chosen proof of the condition (empty when it fails). */
  evidenceEntryIds: readonly string[];
  requested: Hundredths;
}

/**
 * Every limit an exemption must respect, each traced with the amounts that decided it. Only
 * ACTIVE exemptions count: a reversed one has given its credits back. Caps per piece of evidence
 * count only exemptions of the requested kind (course or exam), and the credits a certificate
 * level recognises cap course exemptions only: an exam exemption carries no course credits.
 * A certificate's allowance belongs to its scheme level: a renewal (a later certificate of the
 * same scheme and level) shares what the earlier one used instead of bringing a fresh one.
 */
export function checkLimits(input: LimitInput): LimitTrace[] {
  const { facts, target, evidenceEntryIds } = input;
  const key = targetKey(target);
  const activeExemptions = facts.exemptions.filter((exemption) => exemption.status === 'ACTIVE');
  const sameTarget = activeExemptions.filter((exemption) => targetKey(exemption.target) === key);

  const passingCredits = isCourseTarget(target)
    ? facts.courseCredits.filter(
        (credit) =>
          credit.status === 'ACTIVE' && credit.passed && credit.courseId === target.courseId,
      )
    : [];
  const coveredByEntryIds = sortedUnique(
    [...sameTarget, ...passingCredits].map((fact) => fact.entryId),
  );

  const citing = (entryId: string, exemptions: readonly ExemptionFact[]) =>
    exemptions.filter((exemption) => exemption.evidenceEntryIds.includes(entryId));
  const sameQualification = (entryId: string): string[] => {
    const certificate = facts.certificates.find((fact) => fact.entryId === entryId);
    if (!certificate) return [entryId];
    return facts.certificates
      .filter(
        (fact) =>
          fact.status === 'ACTIVE' &&
          fact.schemeId === certificate.schemeId &&
          fact.level === certificate.level,
      )
      .map((fact) => fact.entryId);
  };
  const citingAny = (entryIds: readonly string[], exemptions: readonly ExemptionFact[]) =>
    exemptions.filter((exemption) =>
      exemption.evidenceEntryIds.some((cited) => entryIds.includes(cited)),
    );
  const reused = evidenceEntryIds.filter((entryId) => citing(entryId, sameTarget).length > 0);
  const priorExemptions = reused.flatMap((entryId) => citing(entryId, sameTarget));

  const limits: LimitTrace[] = [
    {
      name: 'targetNotCovered',
      held: coveredByEntryIds.length === 0,
      targetKey: key,
      coveredByEntryIds,
    },
    {
      name: 'evidenceNotReused',
      held: reused.length === 0,
      targetKey: key,
      reusedEvidenceEntryIds: sortedUnique(reused),
      priorExemptionEntryIds: sortedUnique(priorExemptions.map((exemption) => exemption.entryId)),
    },
    creditsWithinTarget(input.context, key, input.requested),
  ];

  const courseTarget = isCourseTarget(target);
  const kind: ExemptionKind = courseTarget ? 'COURSE_EXEMPTION' : 'EXAM_EXEMPTION';
  const sameKind = activeExemptions.filter((exemption) => exemption.kind === kind);
  const ruleCap = input.rule.maxCreditsPerEvidence;
  for (const entryId of sortedUnique(evidenceEntryIds)) {
    const alreadyUsed = sumCredits(citingAny(sameQualification(entryId), sameKind));
    if (ruleCap != null) {
      limits.push(
        capTrace(
          'maxCreditsPerEvidence',
          entryId,
          alreadyUsed,
          input.requested,
          parseHundredths(ruleCap),
        ),
      );
    }
    const certificate = courseTarget
      ? facts.certificates.find((fact) => fact.entryId === entryId)
      : undefined;
    if (certificate) {
      const recognised = parseHundredths(
        certificate.recognisedCredits,
        `recognisedCredits of entry ${entryId}`,
      );
      limits.push(capTrace('recognisedCredits', entryId, alreadyUsed, input.requested, recognised));
    }
  }

  const context = input.context;
  if (
    isCourseTargetContext(context) &&
    context.programId &&
    context.programMaxExemptCredits != null
  ) {
    const programId = context.programId;
    const alreadyUsed = sumCredits(
      activeExemptions.filter(
        (exemption) => exemption.kind === 'COURSE_EXEMPTION' && exemption.programId === programId,
      ),
    );
    const cap = parseHundredths(context.programMaxExemptCredits, 'programMaxExemptCredits');
    limits.push({
      name: 'programMaxExemptCredits',
      held: alreadyUsed + input.requested <= cap,
      programId,
      alreadyUsed: formatHundredths(alreadyUsed),
      requested: formatHundredths(input.requested),
      cap: formatHundredths(cap),
    });
  }
  return limits;
}

function creditsWithinTarget(
  context: TargetContext,
  key: string,
  requested: Hundredths,
): CreditsWithinTargetTrace {
  const cap = isCourseTargetContext(context)
    ? parseHundredths(context.credits, `credits of course ${context.courseId}`)
    : parseHundredths(context.recognisedCredits, 'recognisedCredits of the exam level');
  return {
    name: 'creditsWithinTarget',
    held: requested <= cap,
    targetKey: key,
    requested: formatHundredths(requested),
    cap: formatHundredths(cap),
  };
}

function sumCredits(exemptions: readonly ExemptionFact[]): Hundredths {
  return sumHundredths(
    exemptions.map((exemption) =>
      parseHundredths(exemption.credits, `credits of exemption ${exemption.entryId}`),
    ),
  );
}

function capTrace(
  name: EvidenceCapTrace['name'],
  evidenceEntryId: string,
  alreadyUsed: Hundredths,
  requested: Hundredths,
  cap: Hundredths,
): EvidenceCapTrace {
  return {
    name,
    held: alreadyUsed + requested <= cap,
    evidenceEntryId,
    alreadyUsed: formatHundredths(alreadyUsed),
    requested: formatHundredths(requested),
    cap: formatHundredths(cap),
  };
}
