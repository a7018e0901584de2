import { collectReferences, isCondition, leafPaths, validateCondition } from './condition';
import { levelAtLeast } from './level';
import { sameTarget, targetKey } from './target';

const cert = { certificate: { schemeId: 's', minLevel: 'JUNIOR' } };

function nest(depth: number): unknown {
  return depth === 1 ? cert : { all: [nest(depth - 1)] };
}

describe('validateCondition', () => {
  it('accepts every leaf and group shape', () => {
    const condition = {
      all: [
        { certificate: { schemeId: 's', minLevel: 'INTERMEDIATE', maxAgeYears: 3 } },
        {
          any: [{ courseCredit: { courseId: 'c', minScore: 70 } }, { diploma: { programId: 'p' } }],
        },
        { atLeast: { n: 1, of: [{ courseCredit: { courseId: 'd' } }] } },
      ],
    };
    expect(validateCondition(condition)).toEqual([]);
    expect(isCondition(condition)).toBe(true);
  });

  it('names unknown keys, extra keys and non-objects with their paths', () => {
    expect(validateCondition({ none: [] })).toEqual([
      { path: 'condition.none', message: 'unknown condition "none"' },
    ]);
    expect(validateCondition({ all: [cert], any: [cert] })[0]).toMatchObject({ path: 'condition' });
    expect(validateCondition({ all: [null] })[0].path).toBe('condition.all[0]');
    expect(validateCondition([cert])[0].path).toBe('condition');
    expect(
      validateCondition({ certificate: { schemeId: 's', minLevel: 'JUNIOR', colour: 'red' } }),
    ).toEqual([{ path: 'condition.certificate.colour', message: 'unknown field "colour"' }]);
  });

  it('refuses empty groups', () => {
    expect(validateCondition({ any: [] })).toEqual([
      { path: 'condition.any', message: 'must not be empty' },
    ]);
    expect(validateCondition({ atLeast: { n: 1, of: [] } }).map((p) => p.path)).toContain(
      'condition.atLeast.of',
    );
  });

  it.each([0, 3, 1.5, '1', undefined])('refuses atLeast.n = %p for two conditions', (n) => {
    expect(validateCondition({ atLeast: { n, of: [cert, cert] } })).toEqual([
      {
        path: 'condition.atLeast.n',
        message: 'must be a whole number from 1 to the number of conditions (2)',
      },
    ]);
  });

  it('allows nesting eight levels deep and refuses nine', () => {
    expect(validateCondition(nest(8))).toEqual([]);
    const problems = validateCondition(nest(9));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('nested deeper than 8 levels');
    expect(problems[0].path).toBe('condition' + '.all[0]'.repeat(8));
  });

  it('requires ids, a real level, a score in 0..100 and a positive whole age', () => {
    expect(
      validateCondition({ certificate: { schemeId: ' ', minLevel: 'EXPERT', maxAgeYears: 0 } }),
    ).toEqual([
      { path: 'condition.certificate.schemeId', message: 'must be a non-empty id' },
      {
        path: 'condition.certificate.minLevel',
        message: 'must be one of JUNIOR, INTERMEDIATE, SENIOR',
      },
      { path: 'condition.certificate.maxAgeYears', message: 'must be a positive whole number' },
    ]);
    expect(validateCondition({ courseCredit: { courseId: 'c', minScore: 101 } })).toEqual([
      { path: 'condition.courseCredit.minScore', message: 'must be a number from 0 to 100' },
    ]);
    expect(validateCondition({ courseCredit: { minScore: 60 } })[0].path).toBe(
      'condition.courseCredit.courseId',
    );
    expect(validateCondition({ diploma: {} })[0].path).toBe('condition.diploma.programId');
    expect(
      validateCondition({ certificate: { schemeId: 's', minLevel: 'JUNIOR', maxAgeYears: 2.5 } }),
    ).toHaveLength(1);
  });
});

describe('collectReferences', () => {
  it('lists every course, scheme and program once, sorted', () => {
    expect(
      collectReferences({
        all: [
          { certificate: { schemeId: 's2', minLevel: 'JUNIOR' } },
          { any: [{ courseCredit: { courseId: 'c2' } }, { courseCredit: { courseId: 'c1' } }] },
          {
            atLeast: {
              n: 1,
              of: [
                { diploma: { programId: 'p1' } },
                { certificate: { schemeId: 's2', minLevel: 'SENIOR' } },
              ],
            },
          },
        ],
      }),
    ).toEqual({ courseIds: ['c1', 'c2'], schemeIds: ['s2'], programIds: ['p1'] });
  });
});

describe('targets and levels', () => {
  it('keys equal targets equally, whatever their key order', () => {
    expect(targetKey({ courseId: 'c1' })).toBe('course:c1');
    expect(targetKey({ schemeId: 's', level: 'JUNIOR', component: 'THEORY' })).toBe(
      'exam:s:JUNIOR:THEORY',
    );
    expect(
      sameTarget(
        { component: 'THEORY', level: 'JUNIOR', schemeId: 's' },
        { schemeId: 's', level: 'JUNIOR', component: 'THEORY' },
      ),
    ).toBe(true);
    expect(targetKey({ courseId: 'a:b' })).not.toBe(targetKey({ courseId: 'a' }));
  });

  it('orders levels JUNIOR < INTERMEDIATE < SENIOR', () => {
    expect(levelAtLeast('SENIOR', 'INTERMEDIATE')).toBe(true);
    expect(levelAtLeast('INTERMEDIATE', 'INTERMEDIATE')).toBe(true);
    expect(levelAtLeast('JUNIOR', 'INTERMEDIATE')).toBe(false);
  });
});

describe('leafPaths', () => {
  it('lists every leaf with the path validateCondition would name', () => {
    const condition = {
      all: [cert, { atLeast: { n: 1, of: [{ diploma: { programId: 'p' } }] } }],
    } as const;
    expect(leafPaths(condition as never).map((entry) => entry.path)).toEqual([
      'condition.all[0].certificate',
      'condition.all[1].atLeast.of[0].diploma',
    ]);
  });
});
