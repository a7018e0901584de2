import {
  IsString,
  isUUID,
  Matches,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { NoInvisibleCharacters } from '@app/core';

/** The catalog's codes as they are created and stored: compared exactly (case and all). */
export const CATALOG_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * On the id field of a pair `xId` / `xCode` of a write: exactly one of the two is sent, and the
 * id is a UUID. Both or neither is a 422 on the id field whose message names both fields, so
 * that a person sees what to send. The code field carries `@IsCatalogCode()`.
 */
export function IsIdOrCode(codeProperty: string, what: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdOrCode',
      target: object.constructor,
      propertyName,
      constraints: [codeProperty],
      options: {},
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const code = (args.object as Record<string, unknown>)[codeProperty];
          if (value === undefined) return code !== undefined;
          return code === undefined && isUUID(value);
        },
        defaultMessage: (args: ValidationArguments) => {
          const code = (args.object as Record<string, unknown>)[codeProperty];
          if (args.value === undefined)
            return `${propertyName} or ${codeProperty} is missing: send ${what}'s id or its code`;
          if (code !== undefined)
            return `send ${propertyName} or ${codeProperty}, not both: they name ${what} twice`;
          return `${propertyName} must be a UUID`;
        },
      },
    });
}

/** The code half of an id-or-code pair: optional, and a code as the catalog stores them. */
export function IsCatalogCode() {
  return (object: object, propertyName: string) => {
    ValidateIf((_, value) => value !== undefined)(object, propertyName);
    IsString()(object, propertyName);
    NoInvisibleCharacters()(object, propertyName);
    Matches(CATALOG_CODE, {
      message: `${propertyName} must be 1–32 letters, digits, ".", "_" or "-", as the catalog lists it`,
    })(object, propertyName);
  };
}
