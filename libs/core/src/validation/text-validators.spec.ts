import { IsString } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { createValidationPipe } from '../errors/validation';
import { invisibleCharacterIn, NoInvisibleCharacters } from './text-validators';

class NamedDto {
  @IsString()
  @NoInvisibleCharacters()
  name: string;

  @IsString()
  @NoInvisibleCharacters({ freeText: true })
  reason: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('invisible and text-direction characters', () => {
  const refusedInNames = [
    ...range(0x200b, 0x200f),
    ...range(0x202a, 0x202e),
    ...range(0x2060, 0x2064),
    ...range(0x2066, 0x2069),
    0xfeff,
    0x00ad,
    0x061c,
    0x2028,
    0x2029,
    0xe0041,
  ];

  it.each(refusedInNames.map(hex))('refuses %s in a name, and names it', (shown) => {
    const char = String.fromCodePoint(parseInt(shown.slice(2), 16));
    expect(invisibleCharacterIn(`软件${char}技术`)).toBe(shown);
  });

  it('accepts the names people write: CJK, Latin with accents, Arabic, full-width, middle dot', () => {
    for (const name of [
      '湖南示范信息职业技术学院',
      'Zoë Ångström',
      'مرحبا',
      'ＷＥＢ前端',
      '阿依古丽·买买提',
    ])
      expect(invisibleCharacterIn(name)).toBeNull();
  });

  it('refuses in free text only what reorders the display around it', () => {
    for (const code of [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)])
      expect(invisibleCharacterIn(`理由${String.fromCodePoint(code)}`, true)).toBe(hex(code));
    for (const code of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0xfeff, 0x00ad])
      expect(invisibleCharacterIn(`理由${String.fromCodePoint(code)}`, true)).toBeNull();
  });

  it('answers 422 naming the field and the character through the validation pipe', async () => {
    const pipe = createValidationPipe();
    const failure = (await pipe
      .transform(
        { name: 'Web\u200B前端', reason: 'ok \u202Eevil' },
        { type: 'body', metatype: NamedDto },
      )
      .catch((error: unknown) => error)) as ValidationFailedError;
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect(failure.errors).toMatchObject([
      {
        field: 'name',
        code: 'INVISIBLE_CHARACTER',
        message:
          'name must not contain invisible or text-direction characters (found U+200B); send the text without them',
      },
      {
        field: 'reason',
        code: 'DIRECTION_CHARACTER',
        message:
          'reason must not contain characters that change the direction of the text around them (found U+202E); send the text without them',
      },
    ]);
    await expect(
      pipe.transform({ name: '软件技术', reason: '已修 👩‍🎓' }, { type: 'body', metatype: NamedDto }),
    ).resolves.toMatchObject({ name: '软件技术' });
  });
});
