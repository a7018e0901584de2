import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/core';
import { prepareRuntime } from '@app/platform';
import { createWorkerContext } from './create-worker';

async function main(): Promise<void> {
  const settings = loadConfig(process.env);
  if (settings.mode === 'embedded') {
    throw new ConfigError(
      'DATABASE_URL',
      'the worker runs on its own only in server mode; npm start runs both',
    );
  }
  const runtime = await prepareRuntime(settings, 'credit-bank-worker');
  const context = await createWorkerContext(runtime.config);
  context.enableShutdownHooks();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
