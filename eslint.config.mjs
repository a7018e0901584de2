// Type-aware rules as errors: promises must be awaited or explicitly voided.
// Layering: no-restricted-imports, generated below from one table of who may import whom.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The libraries each library may import, lowest layer first. Anything not listed is refused,
 * so a new edge is a decision made here, not an accident. Conversion and audit are siblings
 * above the ledger; users sits beside them on the catalog and accounts; platform composes
 * them all for the apps; demo seeds through them at start-up.
 */
const MAY_IMPORT = {
  core: [],
  outbox: ['core'],
  catalog: ['core', 'outbox'],
  accounts: ['core', 'outbox'],
  commands: ['core'],
  relationships: ['core', 'catalog', 'accounts', 'commands', 'outbox'],
  ledger: ['core', 'catalog', 'accounts', 'commands', 'outbox', 'relationships'],
  conversion: ['core', 'catalog', 'accounts', 'commands', 'outbox', 'relationships', 'ledger'],
  audit: ['core', 'catalog', 'accounts', 'commands', 'outbox', 'ledger'],
  users: ['core', 'catalog', 'accounts', 'commands', 'outbox'],
  imports: ['core', 'catalog', 'accounts', 'commands', 'outbox', 'relationships', 'ledger', 'users'],
  platform: [
    'core',
    'catalog',
    'accounts',
    'commands',
    'outbox',
    'relationships',
    'ledger',
    'conversion',
    'audit',
    'users',
    'imports',
  ],
  demo: [
    'core',
    'catalog',
    'accounts',
    'commands',
    'outbox',
    'relationships',
    'ledger',
    'conversion',
    'audit',
    'users',
    'platform',
  ],
};
const LIBRARIES = Object.keys(MAY_IMPORT);

const alias = (library) => `^@app/${library}(/|$)`;

function refusedLibrary(importer, library) {
  const why = {
    platform: `@app/platform composes the libraries for the apps; only apps, @app/demo and tests import it.`,
    demo: `@app/demo is the demo data set; only apps/api/src/main.ts and tests import it.`,
  }[library];
  return {
    regex: alias(library),
    message:
      why ??
      `${importer} must not import @app/${library} (layering in eslint.config.mjs: ${importer} may import ${MAY_IMPORT[importer].join(', ') || 'no library'}). Move what both need down into a lower library, or let @app/${library} call ${importer} through a port or listener it registers.`,
  };
}

/** Deep paths into a library whose barrel is the door; `entities` is its own door (below). */
function deepImports(libraries, entitiesAllowed) {
  const names = libraries.join('|');
  const deep = {
    regex: `^@app/(${names})/(?!entities$)`,
    message:
      "Import from the library's barrel ('@app/<lib>'); export what you need from libs/<lib>/src/index.ts instead of reaching inside.",
  };
  const entities = {
    regex: `^@app/(${names})/entities$`,
    message:
      "'@app/<lib>/entities' is for platform's entity list and for relations between entity files; elsewhere use the library's services and DTOs.",
  };
  return entitiesAllowed ? [deep] : [deep, entities];
}

const LIBRARY_IMPORTS_APP = {
  regex: '^@app/worker(/|$)',
  message:
    'A library never imports an app. Move the piece into a library (WorkerProcessorsModule is in @app/platform).',
};

const RELATIVE_OUT = {
  regex: '^\\.\\.?/(.*/)?(src|libs|apps)(/|$)',
  message:
    "A relative path must not leave its library or app: import another library by its alias ('@app/<lib>'); never import an app.",
};

function libraryPatterns(importer, { entitiesAllowed }) {
  const allowed = MAY_IMPORT[importer];
  const refused = LIBRARIES.filter((library) => library !== importer && !allowed.includes(library));
  return [
    {
      regex: alias(importer),
      message: `Inside ${importer}, import its own files by relative path; '@app/${importer}' is the door for others.`,
    },
    ...refused.map((library) => refusedLibrary(importer, library)),
    ...(allowed.length > 0 ? deepImports(allowed, entitiesAllowed) : []),
    LIBRARY_IMPORTS_APP,
    RELATIVE_OUT,
  ];
}

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const API_IMPORTS_WORKER = {
  regex: '^(@app/worker(/|$)|(\\.\\./)+worker/)',
  message:
    'apps/api must not import apps/worker: what both run (WorkerProcessorsModule) lives in @app/platform.',
};
const WORKER_IMPORTS_API = {
  regex: '^(\\.\\./)+api/',
  message: 'apps/worker must not import apps/api: move what both need into a library.',
};
const APP_DEMO = {
  regex: alias('demo'),
  message:
    '@app/demo is the demo data set; only apps/api/src/main.ts (start-up) and tests import it.',
};
const DEEP_INTO_ANY_LIBRARY = deepImports(LIBRARIES, false);
const APP_RELATIVE_LIBS = {
  regex: '(^|/)libs/',
  message: "Import a library by its alias ('@app/<lib>'), never by a relative path into libs/.",
};

/**
 * globalSetup and the child processes it starts load outside Jest's module mapper, so they
 * reach the embedded database by relative path (the platform barrel would also load Nest).
 */
const OUTSIDE_MODULE_MAPPER = [
  'test/support/global-setup.ts',
  'test/support/test-database-broker.ts',
  'test/support/embedded-postgres-child.ts',
];
const TEST_RELATIVE_LIBS = {
  regex: '(^|/)libs/',
  message:
    "Tests import a library by its alias ('@app/<lib>'); only files loaded outside Jest's module mapper (eslint.config.mjs) use relative paths into libs/.",
};

const layering = [
  // A library missing from MAY_IMPORT still may not reach inside others or into an app.
  restrict(['libs/**/*.ts'], [...DEEP_INTO_ANY_LIBRARY, LIBRARY_IMPORTS_APP, RELATIVE_OUT]),
  ...LIBRARIES.flatMap((library) => [
    restrict(
      [`libs/${library}/**/*.ts`],
      libraryPatterns(library, { entitiesAllowed: library === 'platform' }),
    ),
    restrict(
      [`libs/${library}/src/entities/**/*.ts`],
      libraryPatterns(library, { entitiesAllowed: true }),
    ),
  ]),
  restrict(
    ['apps/api/**/*.ts'],
    [API_IMPORTS_WORKER, APP_DEMO, ...DEEP_INTO_ANY_LIBRARY, APP_RELATIVE_LIBS],
  ),
  restrict(
    ['apps/api/src/main.ts'],
    [API_IMPORTS_WORKER, ...DEEP_INTO_ANY_LIBRARY, APP_RELATIVE_LIBS],
  ),
  restrict(
    ['apps/worker/**/*.ts'],
    [WORKER_IMPORTS_API, APP_DEMO, ...DEEP_INTO_ANY_LIBRARY, APP_RELATIVE_LIBS],
  ),
  restrict(['test/**/*.ts'], [...DEEP_INTO_ANY_LIBRARY, TEST_RELATIVE_LIBS]),
  restrict(OUTSIDE_MODULE_MAPPER, DEEP_INTO_ANY_LIBRARY),
];

/**
 * The portal's components hold no text of their own: every word comes from its dictionaries
 * (apps/portal/src/i18n), one per language, so nothing is shown untranslated.
 */
const PORTAL_TEXT = {
  files: ['apps/portal/src/**/*.tsx'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'JSXText[value=/[A-Za-z\\u4e00-\\u9fff]/]',
        message: 'Text in a component comes from the dictionary (useT() → apps/portal/src/i18n/zh-CN.ts and en.ts).',
      },
      {
        selector:
          'JSXAttribute[name.name=/^(aria-label|title|alt|placeholder|label)$/] > Literal[value=/[A-Za-z\\u4e00-\\u9fff]/]',
        message: 'A label, title or placeholder comes from the dictionary (useT()).',
      },
    ],
  },
};

/** The portal runs in a browser and talks to the API over HTTP only: no server code in it. */
const PORTAL_IMPORTS = restrict(
  ['apps/portal/src/**/*.{ts,tsx}'],
  [
    {
      regex: '^(@app/|node:)',
      message: 'The portal is browser code: it reaches the server through the API (src/api.ts), never by import.',
    },
  ],
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'bench-results/**',
      '*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...layering,
  PORTAL_TEXT,
  PORTAL_IMPORTS,
);
