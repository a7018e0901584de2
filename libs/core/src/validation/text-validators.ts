import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Characters a name, code or number must not hold: they make two values look the same while
 * they differ (a second "unique" institution or certificate that reads like the first), or show
 * text in another order than it is stored.
 * - Every format character (general category Cf): the zero-width space and joiners
 *   (U+200B–U+200D), the direction marks, embeddings, overrides and isolates (U+200E–U+200F,
 *   U+202A–U+202E, U+2066–U+2069), the word joiner and invisible operators (U+2060–U+2064),
 *   the byte-order mark (U+FEFF), the soft hyphen (U+00AD), and the rest of the category
 *   (Arabic number signs, tag characters…). A category, not a list: characters the Unicode
 *   Standard adds to it later are refused too.
 * - The line and paragraph separators (U+2028, U+2029): line breaks in a one-line field.
 */
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Free text (a reason) may hold joiners, marks and a pasted byte-order mark: they change nothing
 * a reader could mistake. What reorders how the text around it is shown may not: embeddings,
 * overrides and isolates would let a stored reason read differently on screen.
 */
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first refused character of `value` as U+XXXX, or null. */
export function invisibleCharacterIn(value: string, freeText = false): string | null {
  const found = (freeText ? REORDERING : INVISIBLE).exec(value);
  return found ? codePoint(found[0]) : null;
}

/**
 * Refuses invisible and direction-changing characters (see INVISIBLE); with `freeText`, only
 * those that reorder the display. Values that are not strings are left to @IsString.
 */
export function NoInvisibleCharacters(options: ValidationOptions & { freeText?: boolean } = {}) {
  const { freeText = false, ...validationOptions } = options;
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'noInvisibleCharacters',
      target: object.constructor,
      propertyName,
      constraints: [{ freeText }],
      options: validationOptions,
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || invisibleCharacterIn(value, freeText) === null,
        defaultMessage: (args: ValidationArguments) => {
          const found = invisibleCharacterIn(String(args.value), freeText);
          return freeText
            ? `${args.property} must not contain characters that change the direction of the text around them (found ${found}); send the text without them`
            : `${args.property} must not contain invisible or text-direction characters (found ${found}); send the text without them`;
        },
      },
    });
}
