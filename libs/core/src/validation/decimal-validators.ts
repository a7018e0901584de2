import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Credits are exact decimals: a JSON string such as "4.5" (or a number with few decimals),
 * at most `scale` decimals, within [min, max]. Stored as numeric, never as a float.
 */
export function IsDecimalAmount(
  bounds: { min: number; max: number; scale?: number; exclusiveMin?: boolean },
  options?: ValidationOptions,
) {
  const scale = bounds.scale ?? 2;
  const pattern = new RegExp(`^\\d{1,6}(\\.\\d{1,${scale}})?$`);
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalAmount',
      target: object.constructor,
      propertyName,
      // The bounds, for the message that says which one the value breaks.
      constraints: [{ ...bounds, scale }],
      options,
      validator: {
        validate: (value: unknown) => {
          const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
          if (typeof text !== 'string' || !pattern.test(text)) return false;
          const amount = Number(text);
          return (
            (bounds.exclusiveMin ? amount > bounds.min : amount >= bounds.min) &&
            amount <= bounds.max
          );
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a decimal with at most ${scale} decimals, ${bounds.exclusiveMin ? 'above' : 'at least'} ${bounds.min} and at most ${bounds.max}`,
      },
    });
}

/** Normalises an accepted decimal (string or number) to its string form. */
export function decimalText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}
