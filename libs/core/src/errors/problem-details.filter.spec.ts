import { QueryFailedError } from 'typeorm';
import { problemFromError } from './problem-details.filter';
import { ConflictError } from './domain-error';

describe('problemFromError', () => {
  it('answers 503 when the database refuses or drops the connection', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const shutdown = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating'), { code: '57P01' }),
    );
    const lost = new Error('Connection terminated unexpectedly');
    for (const error of [refused, shutdown, lost]) {
      expect(problemFromError(error, 'POST', '/v1/x')).toMatchObject({
        status: 503,
        code: 'SERVICE.DATABASE_UNAVAILABLE',
      });
    }
  });

  it('keeps other failures internal and says nothing about them', () => {
    const query = new QueryFailedError(
      'SELECT secret FROM x WHERE id = $1',
      ['42'],
      new Error('syntax error'),
    );
    const body = problemFromError(query, 'GET', '/v1/x');
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(body)).not.toMatch(/secret|syntax|42/);
  });

  it("answers a plugin's client error (statusCode 4xx) with that status, and keeps a 5xx internal", () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    expect(problemFromError(forbidden, 'GET', '/assets/%2e%2e/x')).toMatchObject({
      status: 403,
      code: 'AUTH.FORBIDDEN',
    });
    const failed = Object.assign(new Error('disk'), { statusCode: 500 });
    expect(problemFromError(failed, 'GET', '/assets/x')).toMatchObject({
      status: 500,
      code: 'INTERNAL',
    });
  });

  it("never lets an error's extra fields overwrite its own", () => {
    const error = new ConflictError('X.Y', 'conflict', { status: 'APPROVED', code: 'OTHER' });
    expect(problemFromError(error, 'POST', '/v1/x')).toMatchObject({ status: 409, code: 'X.Y' });
  });
});
