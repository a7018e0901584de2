import { IsNumber, IsString, Max } from 'class-validator';
import { ValidationFailedError } from './domain-error';
import { createValidationPipe } from './validation';

class ScoreDto {
  @IsString()
  term: string;

  @IsNumber({ maxDecimalPlaces: 1 })
  @Max(100)
  score: number;
}

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const run = (body: unknown) => pipe.transform(body, { type: 'body', metatype: ScoreDto });

  it('answers 422 naming the field when a validator throws on the value (IsNumber maxDecimalPlaces and 1e-7)', async () => {
    const failure = await run({ term: '2025-1', score: 1e-7 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect((failure as ValidationFailedError).errors).toMatchObject([
      {
        field: 'score',
        code: 'UNVALIDATABLE',
        message: 'score has a value that cannot be validated',
      },
    ]);
  });

  it('still accepts valid input and reports ordinary faults per field', async () => {
    await expect(run({ term: '2025-1', score: 59.5 })).resolves.toMatchObject({ score: 59.5 });
    const failure = (await run({ term: 5, score: 101, extra: 1 }).catch(
      (error: unknown) => error,
    )) as ValidationFailedError;
    expect(failure.errors.map((error) => error.field).sort()).toEqual(['extra', 'score', 'term']);
  });
});
