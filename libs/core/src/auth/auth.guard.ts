import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import { AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { Role } from './role';
import { TokenService } from './token.service';

/**
 * Global, default-deny. A route is reachable only when it says who may reach it: `@Public()`
 * or `@Roles(...)`. A route with neither is refused (and the route-walk test fails).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (!roles || roles.length === 0) {
      this.logger.error(
        `route ${context.getClass().name}.${context.getHandler().name} has no access rule`,
      );
      throw new ForbiddenError('This route is closed.');
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
    if (!match) throw new UnauthorizedError();
    const principal = await this.tokens.verify(match[1]);
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`This action needs one of the roles ${roles.join(', ')}.`);
    }
    request.principal = principal;
    return true;
  }
}
