import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { DomainError, ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import { AuthenticatedRequest, BEFORE_PASSWORD_CHANGE, IS_PUBLIC, ROLES } from './auth.decorators';
import { Role } from './role';
import { TokenService } from './token.service';
import { TOKEN_VERSIONS, TokenVersions } from './token-versions';

export class TokenRevokedError extends UnauthorizedError {
  constructor() {
    super(
      'This token no longer works: its login was changed, had its password reset or changed, or signed out. Sign in again.',
      'AUTH.TOKEN_REVOKED',
    );
  }
}

export class AccountDisabledError extends UnauthorizedError {
  constructor() {
    super('This login is disabled. Ask an administrator to enable it.', 'AUTH.ACCOUNT_DISABLED');
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super(
      'AUTH.PASSWORD_CHANGE_REQUIRED',
      403,
      'Forbidden',
      'An administrator reset this password: change it (POST /v1/auth/password) before anything else.',
    );
  }
}

/**
 * Global, default-deny. A route is reachable only when it says who may reach it: `@Public()`
 * or `@Roles(...)`. A route with neither is refused (and the route-walk test fails). A token
 * works only while its login is enabled and still at the token's version (TokenVersions, which
 * the users library provides and caches for TOKEN_CHECK_CACHE_MS).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private versions: TokenVersions | null = null;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly moduleRef: ModuleRef,
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
    const { principal, version } = await this.tokens.verifyClaims(match[1]);
    const standing = await this.tokenVersions().standing(principal.userId);
    if (standing?.disabled) throw new AccountDisabledError();
    if (!standing || standing.version !== version) throw new TokenRevokedError();
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`This action needs one of the roles ${roles.join(', ')}.`);
    }
    if (
      standing.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw new PasswordChangeRequiredError();
    }
    request.principal = principal;
    request.passwordChangeRequired = standing.passwordChangeRequired;
    return true;
  }

  /**
   * Looked up once, on the first guarded request: core cannot import the users library that
   * provides it. An application without it (a bug) fails closed: every guarded request is a 500.
   */
  private tokenVersions(): TokenVersions {
    this.versions ??= this.moduleRef.get<TokenVersions>(TOKEN_VERSIONS, { strict: false });
    return this.versions;
  }
}
