import type { EntityManager } from 'typeorm';
import type { CatalogLookup } from '@app/catalog';
import type { EvidenceEntry, LedgerFacts } from '@app/ledger';
import { LearnerFactsLoader } from './learner-facts.loader';

const manager = {} as EntityManager;

function anEntry(overrides: Partial<EvidenceEntry>): EvidenceEntry {
  return {
    id: 'entry',
    learnerId: 'ada',
    kind: 'COURSE_CREDIT',
    courseId: null,
    institutionId: null,
    score: null,
    passed: null,
    credits: null,
    completedAt: null,
    schemeId: null,
    level: null,
    component: null,
    certificateNo: null,
    issuedAt: null,
    validUntil: null,
    programId: null,
    graduatedAt: null,
    ruleId: null,
    ruleVersionId: null,
    evidenceEntryIds: null,
    cancelledBy: null,
    ...overrides,
  };
}

function loaderOver(entries: EvidenceEntry[], levels: Record<string, Record<string, string>>) {
  const askedSchemes: (readonly string[])[] = [];
  const ledger = { load: () => Promise.resolve(entries) } as unknown as LedgerFacts;
  const catalog = {
    recognisedCredits: (_manager: EntityManager, schemeIds: readonly string[]) => {
      askedSchemes.push(schemeIds);
      return Promise.resolve(
        new Map(schemeIds.map((id) => [id, new Map(Object.entries(levels[id] ?? {}))])),
      );
    },
  } as unknown as CatalogLookup;
  return { loader: new LearnerFactsLoader(ledger, catalog), askedSchemes };
}

describe('LearnerFactsLoader', () => {
  it("gives each certificate its level's recognised credits, and 0 for a level the catalog lacks", async () => {
    const certificate = (id: string, level: string) =>
      anEntry({
        id,
        kind: 'CERTIFICATE',
        schemeId: 'scheme',
        level,
        certificateNo: id,
        issuedAt: '2024-01-01',
      });
    const { loader, askedSchemes } = loaderOver(
      [certificate('junior', 'JUNIOR'), certificate('senior', 'SENIOR')],
      { scheme: { JUNIOR: '4.00' } },
    );
    const facts = await loader.loadOne(manager, 'ada');
    expect(facts.certificates.map((fact) => [fact.entryId, fact.recognisedCredits])).toEqual([
      ['junior', '4.00'],
      ['senior', '0'],
    ]);
    expect(askedSchemes).toEqual([['scheme']]);
  });

  it('derives the status from the cancelling correction and keeps each learner apart', async () => {
    const { loader } = loaderOver(
      [
        anEntry({ id: 'kept', courseId: 'c', score: '81.5', passed: true, credits: '3.00' }),
        anEntry({ id: 'reversed', courseId: 'c', cancelledBy: 'REVERSAL' }),
        anEntry({ id: 'revoked', learnerId: 'bob', kind: 'DIPLOMA', cancelledBy: 'REVOCATION' }),
      ],
      {},
    );
    const facts = await loader.load(manager, ['ada', 'bob', 'cy']);
    expect(facts.get('ada')?.courseCredits.map((fact) => [fact.entryId, fact.status])).toEqual([
      ['kept', 'ACTIVE'],
      ['reversed', 'REVERSED'],
    ]);
    expect(facts.get('ada')?.courseCredits[0]).toMatchObject({ score: 81.5, credits: '3.00' });
    expect(facts.get('bob')?.diplomas.map((fact) => fact.status)).toEqual(['REVOKED']);
    expect(facts.get('cy')).toEqual({
      certificates: [],
      courseCredits: [],
      diplomas: [],
      exemptions: [],
    });
  });
});
