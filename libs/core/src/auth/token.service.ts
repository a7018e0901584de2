import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config.service';
import { UnauthorizedError } from '../errors/domain-error';
import { Principal, Role } from './role';

interface TokenClaims {
  sub: string;
  /** Set from `expiresIn` when signing; a token without it is refused. */
  exp?: unknown;
  usr: string;
  role: Role;
  inst: string | null;
  body: string | null;
  lrn: string | null;
  /** The login's token version when signed; the guard refuses the token once it has moved on. */
  ver: number;
}

/** A verified token: who it names and the token version it was issued at. */
export interface VerifiedToken {
  principal: Principal;
  version: number;
}

const ROLE_VALUES = new Set<string>(Object.values(Role));

/**
 * HS256 only: `alg: none`, other algorithms and tokens signed with another key are refused, and
 * so are tokens without an expiry (jsonwebtoken checks `exp` only when it is there; such a
 * token, once leaked, would never stop working), and so are tokens without a version (issued
 * before versions existed: their holders sign in again).
 */
@Injectable()
export class TokenService {
  /**
   * A key object, made once: given a string, jsonwebtoken first tries to read it as a PEM
   * public key on every call, which costs about a millisecond of CPU per request.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret));
  }

  /** `version`: the login's current token version (users.token_version). */
  issue(
    principal: Principal,
    version: number,
  ): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const claims: TokenClaims = {
      sub: principal.userId,
      usr: principal.username,
      role: principal.role,
      inst: principal.institutionId,
      body: principal.certificationBodyId,
      lrn: principal.learnerId,
      ver: version,
    };
    const expiresIn = this.config.jwtTtlSeconds;
    const accessToken = this.jwt.sign(claims, {
      secret: this.key as unknown as string,
      algorithm: 'HS256',
      expiresIn,
      issuer: 'credit-bank',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** Who the token names, for in-process callers; whether it still works is the guard's check. */
  async verify(token: string): Promise<Principal> {
    return (await this.verifyClaims(token)).principal;
  }

  async verifyClaims(token: string): Promise<VerifiedToken> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
        issuer: 'credit-bank',
      });
    } catch {
      throw new UnauthorizedError('The bearer token is invalid or expired.', 'AUTH.INVALID_TOKEN');
    }
    if (
      typeof claims.sub !== 'string' ||
      !ROLE_VALUES.has(claims.role) ||
      typeof claims.exp !== 'number' ||
      !Number.isInteger(claims.ver)
    ) {
      throw new UnauthorizedError('The bearer token is invalid or expired.', 'AUTH.INVALID_TOKEN');
    }
    return {
      principal: {
        userId: claims.sub,
        username: claims.usr,
        role: claims.role,
        institutionId: claims.inst ?? null,
        certificationBodyId: claims.body ?? null,
        learnerId: claims.lrn ?? null,
      },
      version: claims.ver,
    };
  }
}
