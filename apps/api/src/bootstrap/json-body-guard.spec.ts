import { ValidationFailedError } from '@app/core';
import { jsonBodyProblem, JsonTooDeepError, MAX_JSON_DEPTH } from './json-body-guard';

const nested = (depth: number): unknown =>
  JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

describe('the JSON body guard', () => {
  it('accepts ordinary bodies, up to the depth limit', () => {
    expect(
      jsonBodyProblem({ name: '李明', levels: [{ components: [{ code: 'THEORY' }] }] }),
    ).toBeNull();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses nesting past the limit, however deep, without overflowing the stack', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))).toBeInstanceOf(JsonTooDeepError);
    expect(
      jsonBodyProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
    ).toBeInstanceOf(JsonTooDeepError);
  });

  it('refuses the NUL character in values and keys, naming where', () => {
    const problem = jsonBodyProblem({
      name: 'a\u0000b',
      levels: [{ code: 'ok' }, { code: '\u0000' }],
      ['k\u0000']: 1,
    });
    expect(problem).toBeInstanceOf(ValidationFailedError);
    expect((problem as ValidationFailedError).errors.map((error) => error.field).sort()).toEqual([
      'k\\0',
      'levels.1.code',
      'name',
    ]);
  });

  it('refuses a lone UTF-16 surrogate in values and keys, naming where, and keeps pairs', () => {
    const problem = jsonBodyProblem({
      reason: 'a\uD800b',
      levels: [{ name: '\uDFFF' }],
      ['k\uDBFF']: 1,
    });
    expect(problem).toBeInstanceOf(ValidationFailedError);
    expect((problem as ValidationFailedError).errors.map((error) => error.field).sort()).toEqual([
      'k\\uDBFF',
      'levels.0.name',
      'reason',
    ]);
    expect(jsonBodyProblem({ reason: '已修 🙂 \uD83C\uDF93' })).toBeNull();
  });
});
