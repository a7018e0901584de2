import { LintCase, lintImports } from '../support/lint-imports';

/** A forbidden import, where it sits, and words of the message that says what to do instead. */
const REFUSED: (LintCase & { says: string })[] = [
  {
    filePath: 'libs/ledger/src/x.ts',
    code: "import { AuditModule } from '@app/audit';",
    says: 'ledger must not import @app/audit',
  },
  {
    filePath: 'libs/ledger/src/idempotency/x.ts',
    code: "import { canonicalJson } from '@app/audit/chain/canonical-json';",
    says: 'ledger must not import @app/audit',
  },
  {
    filePath: 'libs/catalog/src/x.ts',
    code: "import { LedgerModule } from '@app/ledger';",
    says: 'catalog must not import @app/ledger',
  },
  {
    filePath: 'libs/conversion/src/x.ts',
    code: "import { AuditReader } from '@app/audit';",
    says: 'conversion must not import @app/audit',
  },
  {
    filePath: 'libs/core/src/x.ts',
    code: "import { UsersService } from '@app/users';",
    says: 'core must not import @app/users',
  },
  {
    filePath: 'libs/users/src/x.ts',
    code: "import { RecordOutcomeService } from '@app/ledger';",
    says: 'users must not import @app/ledger',
  },
  {
    filePath: 'libs/ledger/src/x.ts',
    code: "import { migrate } from '@app/platform';",
    says: 'only apps, @app/demo and tests import it',
  },
  {
    filePath: 'libs/conversion/src/x.ts',
    code: "import { seedDemo } from '@app/demo';",
    says: 'only apps/api/src/main.ts and tests import it',
  },
  {
    filePath: 'apps/api/src/health/x.ts',
    code: "import { seedDemo } from '@app/demo';",
    says: 'only apps/api/src/main.ts (start-up) and tests import it',
  },
  {
    filePath: 'libs/audit/src/x.ts',
    code: "import { WorkerModule } from '@app/worker';",
    says: 'A library never imports an app',
  },
  {
    filePath: 'libs/core/src/x.ts',
    code: "import { createApiApp } from '../../../apps/api/src/bootstrap/create-api-app';",
    says: 'A relative path must not leave its library or app',
  },
  {
    filePath: 'apps/api/src/main.ts',
    code: "import { WorkerModule } from '@app/worker';",
    says: 'apps/api must not import apps/worker',
  },
  {
    filePath: 'libs/conversion/src/x.ts',
    code: "import { LearnerDirectory } from '@app/accounts/learner-directory.service';",
    says: "Import from the library's barrel",
  },
  {
    filePath: 'test/e2e/x.e2e-spec.ts',
    code: "import { maskIdNumber } from '@app/accounts/identity';",
    says: "Import from the library's barrel",
  },
  {
    filePath: 'libs/conversion/src/rules/x.ts',
    code: "import { CourseEntity } from '@app/catalog/entities';",
    says: "is for platform's entity list",
  },
  {
    filePath: 'test/support/x.ts',
    code: "import { startEmbeddedPostgres } from '../../libs/platform/src/runtime/embedded/embedded-postgres';",
    says: 'Tests import a library by its alias',
  },
];

/** Imports the layering allows: they must lint clean, or the rules refuse too much. */
const ALLOWED: LintCase[] = [
  {
    filePath: 'libs/ledger/src/x.ts',
    code: "import { CoreModule } from '@app/core';\nimport { CatalogLookup } from '@app/catalog';",
  },
  { filePath: 'libs/audit/src/x.ts', code: "import { OUTBOX_CHANNEL } from '@app/outbox';" },
  {
    filePath: 'libs/ledger/src/entities/x.ts',
    code: "import { CourseEntity } from '@app/catalog/entities';",
  },
  {
    filePath: 'libs/platform/src/x.ts',
    code: "import { LEDGER_ENTITIES } from '@app/ledger/entities';",
  },
  { filePath: 'libs/demo/src/x.ts', code: "import { migrate } from '@app/platform';" },
  { filePath: 'apps/api/src/main.ts', code: "import { seedDemo } from '@app/demo';" },
  {
    filePath: 'test/e2e/x.e2e-spec.ts',
    code: "import { WorkerModule } from '@app/worker';\nimport { seedDemo } from '@app/demo';",
  },
  {
    filePath: 'test/support/global-setup.ts',
    code: "import { startEmbeddedPostgres } from '../../libs/platform/src/runtime/embedded/embedded-postgres';",
  },
];

describe('import layering (eslint.config.mjs no-restricted-imports)', () => {
  let refused: ReturnType<typeof lintImports>;
  let allowed: ReturnType<typeof lintImports>;

  beforeAll(() => {
    [refused, allowed] = [lintImports(REFUSED), lintImports(ALLOWED)];
  }, 60_000);

  const title = (entry: LintCase, index: number) =>
    [entry.filePath, entry.code.replace(/\n/g, ' '), index] as const;

  it.each(REFUSED.map(title))(
    'refuses in %s: %s, saying what to do instead',
    (_path, _code, index) => {
      expect(refused[index]).toEqual([
        { ruleId: 'no-restricted-imports', message: expect.stringContaining(REFUSED[index].says) },
      ]);
    },
  );

  it.each(ALLOWED.map(title))('allows in %s: %s', (_path, _code, index) => {
    expect(allowed[index]).toEqual([]);
  });
});
