import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { RequestBodyObject } from '@nestjs/swagger';
import { REQUEST_EXAMPLES } from './examples';
import { documentProblems } from './problem-responses';
import { collectRouteFacts } from './route-facts';

/** Puts each write's example bodies (examples.ts) on its request body (JSON, or an upload's form). */
function addRequestExamples(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths))
    for (const operation of [item.post, item.put, item.patch]) {
      const body = operation?.requestBody as RequestBodyObject | undefined;
      const media = body?.content['application/json'] ?? body?.content['multipart/form-data'];
      const examples = REQUEST_EXAMPLES[operation?.operationId ?? ''];
      if (media && examples) media.examples = examples;
    }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Credit-bank ledger API')
    .setDescription(
      '1+X certificate and credit-bank ledger: learning accounts, course credits, skill ' +
        'certificates, conversion rules and a tamper-evident audit chain. Errors are ' +
        'application/problem+json (RFC 9457) with a stable `code`; their `title`, `detail` and ' +
        'field messages are in zh-CN (the default) or English, chosen by `Accept-Language`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  documentProblems(document, collectRouteFacts(app));
  addRequestExamples(document);
  return document;
}

export function mountSwagger(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
