import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal, Role } from './role';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';
export const BEFORE_PASSWORD_CHANGE = 'auth:beforePasswordChange';

/** Open to anyone, without a token. Every route needs either this or `@Roles`. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Callers with one of these roles; scope checks are the service's job. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * Reachable by a login that must change its password first (after an administrator's reset):
 * the routes it needs to see who it is, change the password, or sign out. Every other route
 * answers 403 AUTH.PASSWORD_CHANGE_REQUIRED until then.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

export type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal;
  /** Set by the guard with the principal: the login must change its password first. */
  passwordChangeRequired?: boolean;
};

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without @Roles');
  return request.principal;
});
