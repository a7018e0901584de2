import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@app/core';
import { migrate } from '@app/platform';

/** `npm run migration:run`: applies pending migrations (server mode) under the advisory lock. */
async function main(): Promise<void> {
  const settings = loadConfig(process.env);
  if (settings.mode !== 'server') {
    throw new ConfigError(
      'DATABASE_URL',
      'migration:run needs a server database; embedded mode migrates at start',
    );
  }
  const applied = await migrate(AppConfig.forServer(settings), 'credit-bank-migrate');
  process.stdout.write(
    applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
