import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';

/**
 * `npm run fuzz -- [--seed N] [--runs M] [--only OperationId[,OperationId…]] [--no-shrink] [--sweep]`
 *
 * Runs the OpenAPI fuzz suite longer than CI does, through Jest (which starts the embedded
 * database outside its sandbox, or uses TEST_DATABASE_URL / TEST_REDIS_URL when set). Without
 * --seed a random seed is chosen and printed, so any run can be repeated. A failing case is
 * shrunk to the fewest mutations and printed with a curl command that replays it. --sweep also
 * tries every single mutation of every operation once (thousands of requests, minutes).
 */
const USAGE =
  'usage: npm run fuzz -- [--seed N] [--runs M] [--only OperationId[,…]] [--no-shrink] [--sweep]';

function parse(argv: string[]): {
  seed: number;
  runs: number;
  only: string;
  shrink: boolean;
  sweep: boolean;
} {
  const options = {
    seed: randomInt(1, 2 ** 31 - 1),
    runs: 200,
    only: '',
    shrink: true,
    sweep: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    const value = argv[index + 1];
    const integer = () => {
      if (!value || !/^\d{1,10}$/.test(value))
        throw new Error(`${name} needs a whole number\n${USAGE}`);
      index += 1;
      return Number(value);
    };
    if (name === '--seed') options.seed = integer();
    else if (name === '--runs') options.runs = Math.max(1, integer());
    else if (name === '--only') {
      if (!value || !/^[\w,]+$/.test(value))
        throw new Error(`--only needs operation ids\n${USAGE}`);
      options.only = value;
      index += 1;
    } else if (name === '--no-shrink') options.shrink = false;
    else if (name === '--sweep') options.sweep = true;
    else throw new Error(`unknown option ${name}\n${USAGE}`);
  }
  return options;
}

function main(): number {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const root = join(__dirname, '..', '..');
  process.stdout.write(
    `fuzz: seed ${options.seed}, ${options.runs} requests per operation${options.only ? `, only ${options.only}` : ''}\n` +
      `      repeat with: npm run fuzz -- --seed ${options.seed} --runs ${options.runs}${options.only ? ` --only ${options.only}` : ''}\n`,
  );
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      'test/e2e/fuzz-openapi.e2e-spec.ts',
      '--selectProjects',
      'e2e',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        FUZZ_SEED: String(options.seed),
        FUZZ_RUNS: String(options.runs),
        FUZZ_ONLY: options.only,
        FUZZ_SHRINK: String(options.shrink),
        FUZZ_SWEEP: String(options.sweep),
        FUZZ_REPORT: 'true',
      },
    },
  );
  return run.status ?? 1;
}

process.exitCode = main();
