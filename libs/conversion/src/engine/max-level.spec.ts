/**
 * `maxLevel` bounds a certificate leaf from above, so that "JUNIOR exempts only foundation
 * courses, SENIOR both" can be written: {any: [{minLevel: JUNIOR, maxLevel: JUNIOR}, {minLevel: SENIOR}]}.
 */
import { validateCondition } from './condition';
import { describeLeafCondition } from './describe';
import { aCertificate, aCourseContext, aRule, EVALUATED_AT, factsOf } from './engine.factories';
import type { Condition, Level } from './engine.types';
import { evaluate } from './evaluate';

const juniorOnly: Condition = {
  certificate: { schemeId: 'scheme-web', minLevel: 'JUNIOR', maxLevel: 'JUNIOR' },
};
const foundation: Condition = {
  any: [juniorOnly, { certificate: { schemeId: 'scheme-web', minLevel: 'SENIOR' } }],
};

function eligibleWith(condition: Condition, level: Level): boolean {
  const facts = factsOf({ certificates: [aCertificate({ level })] });
  return evaluate(aRule({ condition }), facts, aCourseContext(), EVALUATED_AT).eligible;
}

describe('certificate leaf with maxLevel', () => {
  it('accepts maxLevel at or above minLevel and refuses one below it or unknown', () => {
    expect(validateCondition(juniorOnly)).toEqual([]);
    expect(
      validateCondition({ certificate: { schemeId: 's', minLevel: 'SENIOR', maxLevel: 'JUNIOR' } }),
    ).toEqual([
      { path: 'condition.certificate.maxLevel', message: 'must not be below minLevel SENIOR' },
    ]);
    expect(
      validateCondition({ certificate: { schemeId: 's', minLevel: 'JUNIOR', maxLevel: 'TOP' } }),
    ).toEqual([
      {
        path: 'condition.certificate.maxLevel',
        message: 'must be one of JUNIOR, INTERMEDIATE, SENIOR',
      },
    ]);
  });

  it('a JUNIOR-only leaf holds for JUNIOR and rejects INTERMEDIATE as above the range', () => {
    expect(eligibleWith(juniorOnly, 'JUNIOR')).toBe(true);
    const facts = factsOf({ certificates: [aCertificate({ level: 'INTERMEDIATE' })] });
    const result = evaluate(
      aRule({ condition: juniorOnly }),
      facts,
      aCourseContext(),
      EVALUATED_AT,
    );
    expect(result.eligible).toBe(false);
    expect(result.leaves[0].rejected).toEqual([
      {
        entryId: 'cert-1',
        code: 'LEVEL_TOO_HIGH',
        detail: 'certificate No. WEB-2024-0001 is at INTERMEDIATE, above JUNIOR',
        level: 'INTERMEDIATE',
      },
    ]);
    expect(result.reasons[0]).toContain('no active certificate of scheme scheme-web at JUNIOR');
  });

  it('the Hunan foundation condition: JUNIOR and SENIOR exempt, INTERMEDIATE does not', () => {
    expect(eligibleWith(foundation, 'JUNIOR')).toBe(true);
    expect(eligibleWith(foundation, 'INTERMEDIATE')).toBe(false);
    expect(eligibleWith(foundation, 'SENIOR')).toBe(true);
  });

  it('describes the range in words', () => {
    expect(describeLeafCondition(juniorOnly as never)).toBe(
      'a certificate of scheme scheme-web at JUNIOR',
    );
    expect(
      describeLeafCondition({
        certificate: { schemeId: 's', minLevel: 'JUNIOR', maxLevel: 'INTERMEDIATE' },
      }),
    ).toBe('a certificate of scheme s from JUNIOR to INTERMEDIATE');
    expect(
      describeLeafCondition({
        certificate: { schemeId: 's', minLevel: 'JUNIOR', maxLevel: 'SENIOR' },
      }),
    ).toBe('a certificate of scheme s at JUNIOR or above');
  });
});
