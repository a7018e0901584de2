import { INestApplication, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { IS_PUBLIC, Role, ROLES } from '@app/core';
import { buildOpenApiDocument } from '../../apps/api/src/openapi/swagger';

// class-transformer keeps @Type() in a storage it does not export from its entry point.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/**
 * The operations to fuzz: every path and method of the app's own OpenAPI document, built in
 * process. The document names the operations but, without the Swagger CLI plugin (which ts-jest
 * does not run), its request schemas are empty; the fields and their rules are read instead from
 * what actually validates requests: the handler's DTO classes and their class-validator metadata.
 */
export interface FieldSpec {
  name: string;
  optional: boolean;
  /** class-validator rule names (isString, isUUID, length, max, isCalendarDate, …) with constraints. */
  rules: Record<string, unknown[]>;
  /** Fields of a nested DTO (ValidateNested), for objects and arrays of objects alike. */
  nested?: FieldSpec[];
}

export interface OperationSpec {
  /** `<Controller>_<method>`, as the document names it. */
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. `/v1/learners/{learnerId}/account`. */
  path: string;
  pathParams: string[];
  /** 'public', or the roles @Roles admits. */
  access: 'public' | Role[];
  body?: FieldSpec[];
  query?: FieldSpec[];
  acceptsIdempotencyKey: boolean;
}

interface HandlerRef {
  controller: Type;
  method: string;
}

function handlers(app: INestApplication): Map<string, HandlerRef> {
  const found = new Map<string, HandlerRef>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method !== 'constructor')
          found.set(`${controller.name.replace(/Controller$/, '')}_${method}`, {
            controller,
            method,
          });
      }
    }
  }
  return found;
}

/** The fields a DTO class validates, nested DTOs included (depth-limited against cycles). */
export function fieldsOf(dto: Type, depth = 0): FieldSpec[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byName = new Map<string, FieldSpec>();
  for (const entry of metadata) {
    const field = byName.get(entry.propertyName) ?? {
      name: entry.propertyName,
      optional: false,
      rules: {},
    };
    byName.set(entry.propertyName, field);
    if (entry.type === 'conditionalValidation') field.optional = true;
    else if (entry.type === 'nestedValidation' && depth < 4) {
      const typeFunction = defaultMetadataStorage.findTypeMetadata(
        dto,
        entry.propertyName,
      )?.typeFunction;
      const nested = typeFunction?.() as Type | undefined;
      if (nested) field.nested = fieldsOf(nested, depth + 1);
      field.rules.nestedValidation = [];
    } else field.rules[entry.name ?? entry.type] = entry.constraints ?? [];
  }
  return [...byName.values()];
}

function parameterDto(ref: HandlerRef, kind: RouteParamtypes): Type | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ref.controller, ref.method) ??
    {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', ref.controller.prototype, ref.method) ??
    []) as Type[];
  const entry = Object.entries(args).find(
    ([key, value]) => key.split(':')[0] === String(kind) && value.data === undefined,
  );
  if (!entry) return undefined;
  const type = types[entry[1].index];
  return type && type !== Object ? type : undefined;
}

function accessOf(ref: HandlerRef): 'public' | Role[] {
  const handler = (ref.controller.prototype as Record<string, object>)[ref.method];
  const read = (key: string): unknown =>
    Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, ref.controller);
  if (read(IS_PUBLIC) === true) return 'public';
  return (read(ROLES) as Role[] | undefined) ?? [];
}

export function operationsOf(
  app: INestApplication,
  document: OpenAPIObject = buildOpenApiDocument(app),
): OperationSpec[] {
  const refs = handlers(app);
  const operations: OperationSpec[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (method === 'put')
        throw new Error(`fuzz: ${method.toUpperCase()} ${path} is new to the generator; teach it`);
      const operationId = operation.operationId ?? `${method} ${path}`;
      const ref = refs.get(operationId);
      if (!ref) throw new Error(`fuzz: no handler found for operation ${operationId}`);
      const parameters = (operation.parameters ?? []) as { in?: string; name?: string }[];
      const body = parameterDto(ref, RouteParamtypes.BODY);
      const query = parameterDto(ref, RouteParamtypes.QUERY);
      operations.push({
        operationId,
        method: method.toUpperCase() as OperationSpec['method'],
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
        access: accessOf(ref),
        body: body ? fieldsOf(body) : undefined,
        query: query ? fieldsOf(query) : undefined,
        acceptsIdempotencyKey: parameters.some(
          (parameter) =>
            parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key',
        ),
      });
    }
  }
  return operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
}
