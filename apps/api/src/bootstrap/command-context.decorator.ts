import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from '@app/core';
import { CommandContext } from '@app/commands';

/** The request as a command: who is asking, with which Idempotency-Key, for which method and path. */
export const CurrentCommand = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CommandContext => {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) throw new Error('CurrentCommand used on a route without @Roles');
    const key = request.headers['idempotency-key'];
    return {
      principal: request.principal,
      idempotencyKey: typeof key === 'string' ? key : undefined,
      method: request.method,
      path: request.url.split('?')[0],
    };
  },
);
