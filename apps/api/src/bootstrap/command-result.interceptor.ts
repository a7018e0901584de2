import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { CommandResult } from '@app/commands';

/**
 * Answers a command's result as its body; a replayed one also carries `idempotent-replayed:
 * true`. The status is the route's own (`@HttpCode`), the same for a first answer and a replay.
 */
@Injectable()
export class CommandResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        map((value: unknown) => (value instanceof CommandResult ? unwrap(context, value) : value)),
      );
  }
}

function unwrap(context: ExecutionContext, result: CommandResult<unknown>): unknown {
  if (result.replayed) {
    void context.switchToHttp().getResponse<FastifyReply>().header('idempotent-replayed', 'true');
  }
  return result.body;
}
