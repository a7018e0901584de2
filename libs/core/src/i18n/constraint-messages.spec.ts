import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  isUUID,
} from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { createValidationPipe } from '../errors/validation';
import { IsCalendarDate } from '../validation/date-validators';
import { IsDecimalAmount } from '../validation/decimal-validators';

class ItemDto {
  @IsString()
  @Length(2, 8)
  code: string;
}

class SampleDto {
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  score: number;

  @IsOptional()
  @IsIn(['JUNIOR', 'SENIOR'])
  level?: string;

  @IsOptional()
  @IsDecimalAmount({ min: 0, exclusiveMin: true, max: 999.99 })
  credits?: string;

  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  completedAt?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  hours?: number;

  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items?: ItemDto[];
}

/**
 * The shape of the catalog's IsIdOrCode (libs/catalog/src/dto/catalog-ref.ts), which core cannot
 * import: exactly one of `courseId` (a UUID) and `courseCode`.
 */
class ByIdOrCodeDto {
  @((object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdOrCode',
      target: object.constructor,
      propertyName,
      constraints: ['courseCode'],
      validator: {
        validate: (value: unknown, args) => {
          const code = (args?.object as Record<string, unknown> | undefined)?.courseCode;
          return value === undefined ? code !== undefined : code === undefined && isUUID(value);
        },
      },
    }))
  courseId?: string;

  @IsOptional()
  @IsString()
  courseCode?: string;
}

async function errorsFor(body: object, metatype: new () => object = SampleDto) {
  const failure = await createValidationPipe()
    .transform(body, { type: 'body', metatype })
    .then(() => null)
    .catch((error: unknown) => error);
  if (!(failure instanceof ValidationFailedError)) return [];
  return failure.errors.map(({ field, code, message }) => ({ field, code, message }));
}

describe('field messages from class-validator constraints', () => {
  it('says a missing field is missing, and nothing else about it', async () => {
    expect(await errorsFor({})).toEqual([
      { field: 'score', code: 'REQUIRED', message: 'score is required; send a value for it' },
    ]);
    expect(await errorsFor({ score: null })).toEqual([
      { field: 'score', code: 'REQUIRED', message: 'score is required; send a value for it' },
    ]);
  });

  it('says of an id-or-code pair which is missing, that both were sent, or that the id is no UUID', async () => {
    const uuid = '4fab6c42-6e5a-4ec2-9e95-9a5bacbdce34';
    expect(await errorsFor({}, ByIdOrCodeDto)).toEqual([
      {
        field: 'courseId',
        code: 'REQUIRED',
        message: 'courseId or courseCode is missing: send the id or the code, one of the two',
      },
    ]);
    expect(await errorsFor({ courseId: uuid, courseCode: 'WEB-101' }, ByIdOrCodeDto)).toEqual([
      {
        field: 'courseId',
        code: 'INVALID',
        message: 'send courseId or courseCode, not both: they name the same entry twice',
      },
    ]);
    expect(await errorsFor({ courseId: 'WEB-101' }, ByIdOrCodeDto)).toEqual([
      { field: 'courseId', code: 'NOT_UUID', message: 'courseId must be a UUID' },
    ]);
    expect(await errorsFor({ courseId: uuid }, ByIdOrCodeDto)).toEqual([]);
    expect(await errorsFor({ courseCode: 'WEB-101' }, ByIdOrCodeDto)).toEqual([]);
  });

  it('says how many decimal places are allowed, for numbers and decimal strings', async () => {
    expect(await errorsFor({ score: 80.25 })).toEqual([
      {
        field: 'score',
        code: 'TOO_MANY_DECIMALS',
        message: 'score may have at most one decimal place',
      },
    ]);
    expect(await errorsFor({ score: 80, credits: '4.255' })).toEqual([
      {
        field: 'credits',
        code: 'TOO_MANY_DECIMALS',
        message: 'credits may have at most 2 decimal places',
      },
    ]);
    expect(await errorsFor({ score: 80, credits: 'four' })).toEqual([
      {
        field: 'credits',
        code: 'NOT_DECIMAL',
        message: 'credits must be a decimal number such as "4.5"',
      },
    ]);
    expect(await errorsFor({ score: 80, credits: '0' })).toEqual([
      {
        field: 'credits',
        code: 'OUT_OF_RANGE',
        message: 'credits must be above 0 and at most 999.99',
      },
    ]);
  });

  it('says the expected type alone when the type is wrong', async () => {
    expect(await errorsFor({ score: '80' })).toEqual([
      { field: 'score', code: 'WRONG_TYPE', message: 'score must be a number' },
    ]);
    expect(await errorsFor({ score: 1, hours: 1.5 })).toEqual([
      { field: 'hours', code: 'WRONG_TYPE', message: 'hours must be a whole number' },
    ]);
    expect(await errorsFor({ score: 1, items: 'x' })).toEqual([
      { field: 'items', code: 'WRONG_TYPE', message: 'items must be a list (a JSON array)' },
    ]);
  });

  it('says the bounds, the allowed values, the date rule and the known patterns', async () => {
    expect(await errorsFor({ score: -1 })).toEqual([
      { field: 'score', code: 'TOO_SMALL', message: 'score must be at least 0' },
    ]);
    expect(await errorsFor({ score: 1, level: 'MIDDLE' })).toEqual([
      {
        field: 'level',
        code: 'NOT_ALLOWED_VALUE',
        message: 'level must be one of: JUNIOR, SENIOR',
      },
    ]);
    expect(await errorsFor({ score: 1, completedAt: '2199-01-01' })).toEqual([
      {
        field: 'completedAt',
        code: 'DATE_IN_FUTURE',
        message: 'completedAt must be a real date (YYYY-MM-DD), not in the future',
      },
    ]);
    expect(await errorsFor({ score: 1, name: '   ' })).toEqual([
      { field: 'name', code: 'NOT_BLANK', message: 'name must not be blank' },
    ]);
    expect(await errorsFor({ score: 1, items: [{ code: 'A' }, {}, {}] })).toEqual([
      { field: 'items', code: 'TOO_MANY_ITEMS', message: 'items may have at most 2 items' },
      {
        field: 'items.0.code',
        code: 'LENGTH',
        message: 'items.0.code must be 2 to 8 characters long',
      },
      {
        field: 'items.1.code',
        code: 'REQUIRED',
        message: 'items.1.code is required; send a value for it',
      },
      {
        field: 'items.2.code',
        code: 'REQUIRED',
        message: 'items.2.code is required; send a value for it',
      },
    ]);
  });

  it('says an unknown field is not accepted', async () => {
    expect(await errorsFor({ score: 1, grade: 'A' })).toEqual([
      {
        field: 'grade',
        code: 'UNKNOWN_FIELD',
        message: 'grade is not accepted here; remove it (check its spelling)',
      },
    ]);
  });
});
