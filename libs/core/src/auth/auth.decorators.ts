import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, Role } from './role';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** Open to anyone, without a token. Every route needs either this or `@Roles`. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Callers with one of these roles; scope checks are the service's job. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without @Roles');
  return request.principal;
});
