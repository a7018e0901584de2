import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from '@app/core';
import { formatDemoLogins, seedDemo } from '@app/demo';
import { prepareRuntime, WorkerProcessorsModule } from '@app/platform';
import { UsersService } from '@app/users';
import { createApiApp } from './bootstrap/create-api-app';

/**
 * Every URL printed here answers a GET (the start test opens each): the portal first, for people;
 * the API itself is under /v1.
 */
function announce(config: AppConfig, address: string): void {
  const lines = [
    '',
    `  Credit-bank ledger (${config.mode} mode) is listening`,
    `  Portal:    ${address}/   (open it in a browser and sign in)`,
    `  Docs:      ${address}/docs   (OpenAPI: ${address}/docs-json)`,
    `  Health:    ${address}/health/ready`,
    `  Sign in:   POST ${address}/v1/auth/login  {"username": "…", "password": "…"}`,
    config.mode === 'embedded' ? `  Data:      ${config.dataDir}` : '',
    '',
  ];
  process.stdout.write(
    lines.filter((line, i) => line !== '' || i === 0 || i === lines.length - 1).join('\n') + '\n',
  );
}

async function main(): Promise<void> {
  const settings = loadConfig(process.env);
  const runtime = await prepareRuntime(settings, 'credit-bank-api');
  const { config } = runtime;
  const app = await createApiApp(config, config.runWorker ? [WorkerProcessorsModule] : []);
  await app.get(UsersService).bootstrapAdmin(config.adminUsername, config.adminPassword);
  // Before listening, so the first request already sees the demo data.
  const demo = config.seedDemo ? await seedDemo(app) : null;
  await app.listen({ port: config.port, host: config.host });
  announce(config, (await app.getUrl()).replace('[::1]', 'localhost'));
  if (demo?.logins.length) process.stdout.write(formatDemoLogins(demo.logins) + '\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
