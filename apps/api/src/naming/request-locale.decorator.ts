import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '@app/core';

/**
 * The language the caller reads (Accept-Language; zh-CN when absent or unknown), for views that
 * say things in words. The answer says which (`Content-Language`) and that it depends on the
 * header (`Vary: Accept-Language`), as problem answers do.
 */
export const RequestLocale = createParamDecorator((_: unknown, ctx: ExecutionContext): Locale => {
  const http = ctx.switchToHttp();
  const locale = negotiateLocale(http.getRequest<FastifyRequest>().headers['accept-language']);
  const reply = http.getResponse<FastifyReply>();
  const vary = reply.getHeader('vary');
  void reply
    .header('content-language', locale)
    .header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
  return locale;
});
