import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@app/core';
import { ApiModule } from '../api.module';
import { createFastifyAdapter } from '../bootstrap/fastify-adapter';
import { buildOpenApiDocument } from '../openapi/swagger';

/**
 * Writes the OpenAPI document without a database: the module graph is built but not
 * initialised (`preview`), so no connection is opened.
 */
async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'openapi.json');
  const settings = loadConfig({ LOG_LEVEL: 'silent' });
  const config = new AppConfig(settings, {
    databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
    jwtSecret: 'x'.repeat(32),
    identityKey: Buffer.alloc(32).toString('base64'),
    auditSigningKey: 'unused',
    outboxHmacKey: Buffer.alloc(32).toString('base64'),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    createFastifyAdapter(config),
    { preview: true, logger: false, abortOnError: false },
  );
  const document = buildOpenApiDocument(app);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(document, null, 2) + '\n');
  process.stdout.write(`wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
