import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no 2023-02-30), between 1900 and 2199. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2199) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Today in China time, where the credit bank's calendar runs. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function IsCalendarDate(options?: ValidationOptions & { notInFuture?: boolean }) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      constraints: [{ notInFuture: options?.notInFuture === true }],
      options,
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) && (!options?.notInFuture || value <= todayInChina()),
        defaultMessage: (args: ValidationArguments) =>
          options?.notInFuture
            ? `${args.property} must be a real date (YYYY-MM-DD), not in the future`
            : `${args.property} must be a real date (YYYY-MM-DD)`,
      },
    });
}

/** The date must come strictly after another date property of the same object. */
export function IsAfterDate(otherProperty: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAfterDate',
      target: object.constructor,
      propertyName,
      constraints: [otherProperty],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const other = (args.object as Record<string, unknown>)[otherProperty];
          return !isCalendarDate(value) || !isCalendarDate(other) || value > other;
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be after ${otherProperty}`,
      },
    });
}
