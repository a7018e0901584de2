import multipart from '@fastify/multipart';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, createValidationPipe, MalformedJsonError } from '@app/core';
import { ApiModule } from '../api.module';
import { mountSwagger } from '../openapi/swagger';
import { createFastifyAdapter } from './fastify-adapter';
import { jsonBodyProblem } from './json-body-guard';
import { mountPortal } from './portal';

/**
 * The HTTP application, configured but not listening: main.ts listens, tests use inject/supertest.
 * Only JSON bodies are accepted, and multipart uploads where an import takes a file; anything
 * else is a 415 problem. The portal is served under `/`.
 */
export async function createApiApp(
  config: AppConfig,
  extraModules: Type[] = [],
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, extraModules),
    createFastifyAdapter(config),
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  // Fastify's parser, refusing __proto__ and constructor keys, with one error for any bad body;
  // then what the DTOs cannot be trusted to catch (nesting too deep, NUL characters).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: config.bodyLimitBytes },
    (request, body, done) =>
      parseJson(request, body as string, (error, value) => {
        if (error) return done(new MalformedJsonError(), undefined);
        const problem = jsonBodyProblem(value);
        return problem ? done(problem, undefined) : done(null, value);
      }),
  );
  // Imports' uploads: one file, streamed, a few fields before it; the file's size is checked by
  // the import (413 IMPORTS.FILE_TOO_LARGE) rather than cut off unseen.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.importMaxBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  mountSwagger(app);
  mountPortal(app);
  return app;
}
