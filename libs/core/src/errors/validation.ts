import { Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import { fieldErrorsOf } from '../i18n/constraint-messages';
import { FieldError, ValidationFailedError } from './domain-error';

/** Every field's problems, nested fields named by their path (`targets.0.courseId`). */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const property = error.property ?? '(body)';
    const field = prefix ? `${prefix}.${property}` : property;
    return [...fieldErrorsOf(error, field), ...flatten(error.children ?? [], field)];
  });
}

function unvalidatable(property: string): ValidationError {
  return {
    property,
    children: [],
    constraints: { unvalidatable: `${property} has a value that cannot be validated` },
  };
}

/**
 * A validator that throws is refused input, not a server fault: class-validator's own checks
 * can throw on odd values (IsNumber's maxDecimalPlaces reads the decimals of `1e-7` from
 * "1e-7" and fails; found by the OpenAPI fuzzer as a 500). The answer is a 422 naming the field,
 * found by validating again without each top-level property in turn.
 */
class GuardedValidationPipe extends ValidationPipe {
  private readonly log = new Logger('Validation');

  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    try {
      return await super.validate(object, options);
    } catch (error) {
      this.log.warn(`a validator threw (${String(error)}); answering 422`);
      const culprits: string[] = [];
      for (const property of Object.keys(object)) {
        const without = Object.assign(
          Object.create(Object.getPrototypeOf(object) as object) as object,
          object,
        );
        delete (without as Record<string, unknown>)[property];
        try {
          // class-validator throws synchronously, so not through the promise.
          await super.validate(without, options);
          culprits.push(property);
        } catch {
          // Still throws without this property: another one is at fault.
        }
      }
      return (culprits.length ? culprits : ['(body)']).map(unvalidatable);
    }
  }
}

const BODY_RULES: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: true, value: true },
};

/**
 * A body validated as the pipe validates a request's, outside a request (an import's row): the
 * instance, and the field errors a 422 would carry (empty when it is valid).
 */
export async function validateBody<T extends object>(
  type: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<{ body: T; errors: FieldError[] }> {
  const body = plainToInstance(type, plain, { enableImplicitConversion: false });
  try {
    return { body, errors: flatten(await validate(body, BODY_RULES)) };
  } catch {
    return { body, errors: flatten([unvalidatable('(body)')]) };
  }
}

/**
 * Whitelisting, unknown fields rejected, 422 with one entry per field problem, each with a
 * stable code and a message said in the caller's language (i18n/constraint-messages.ts).
 */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    // validationError is kept for describing each failure (its class's constraints, a missing
    // value); the answer carries neither: flatten() builds each field error anew.
    ...BODY_RULES,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
