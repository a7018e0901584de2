import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from '@app/core';
import { CommandContext } from '@app/ledger';

/** Who is asking, with which Idempotency-Key, for which method and path: what a ledger command needs. */
export const Command = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Command used on a route without @Roles');
  const key = request.headers['idempotency-key'];
  return {
    principal: request.principal,
    idempotencyKey: typeof key === 'string' ? key : undefined,
    method: request.method,
    path: request.url.split('?')[0],
  };
});
