import { encode } from 'iconv-lite';

import { decodeText, DETECTION_WINDOW, hasUndecodable } from './encoding';
import { chunked, rowsOf, textsOf } from './files.test-support';

const RARE_NAMES = '李䶮,𠮷野家,王𬌗,赵喆,陈堃';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function decodeAll(bytes: Buffer, chunkSize: number) {
  const decoded = decodeText(chunked(bytes, chunkSize));
  let text = '';
  for await (const part of decoded.text) text += part;
  return { text, encoding: decoded.encoding };
}

describe('CSV encoding detection', () => {
  it('the test file really is GB18030 (four-byte sequences for the non-BMP names)', () => {
    const bytes = encode(RARE_NAMES, 'gb18030');
    expect(bytes.toString('utf8')).not.toBe(RARE_NAMES);
    expect(bytes.includes(Buffer.from([0x95, 0x34, 0xb2, 0x35]))).toBe(true); // 𠮷
  });

  it.each([1, 2, 3, 5, 4096])(
    'reads GB18030 with rare and non-BMP characters intact, in chunks of %i bytes',
    async (chunkSize) => {
      const csv = `姓名,证件号码\r\n${RARE_NAMES.split(',').join(',x\r\n')},x\r\n`;
      const { encoding, rows } = await rowsOf(encode(csv, 'gb18030'), 'csv', chunkSize);
      expect(encoding).toBe('GB18030');
      expect(textsOf(rows).map((cells) => cells[0])).toEqual(['姓名', ...RARE_NAMES.split(',')]);
    },
  );

  it.each([
    ['with', true],
    ['without', false],
  ])('reads UTF-8 %s a BOM, and the BOM is not part of the first header', async (_, withBom) => {
    const body = Buffer.from(`姓名,成绩\n李䶮,85\n`, 'utf8');
    const bytes = withBom ? Buffer.concat([BOM, body]) : body;
    for (const chunkSize of [1, 2, 64]) {
      const { encoding, rows } = await rowsOf(bytes, 'csv', chunkSize);
      expect(encoding).toBe('UTF-8');
      expect(textsOf(rows)).toEqual([
        ['姓名', '成绩'],
        ['李䶮', '85'],
      ]);
    }
  });

  it('decides on GB18030 when the first non-ASCII byte comes long after the first chunk', async () => {
    const ascii = 'Name,ID number\r\n' + 'Zhang San,x\r\n'.repeat(20_000); // ~260 KB of ASCII
    const bytes = Buffer.concat([Buffer.from(ascii), encode('李䶮,x\r\n'.repeat(3), 'gb18030')]);
    const { encoding, rows } = await rowsOf(bytes, 'csv', 16 * 1024);
    expect(encoding).toBe('GB18030');
    expect(rows).toHaveLength(20_004);
    expect(rows[20_001].cells[0].text).toBe('李䶮');
    expect(rows[20_003]).toEqual({ rowNo: 20_004, cells: [{ text: '李䶮' }, { text: 'x' }] });
  });

  it('holds no more than the detection window: a UTF-8 sequence cut at its end is still UTF-8', async () => {
    // In 4 KiB chunks the window ends inside 䶮 (3 bytes): a naive check would say GB18030.
    const filler = Buffer.from('é'.repeat(DETECTION_WINDOW / 2 - 1), 'utf8');
    const bytes = Buffer.concat([filler, Buffer.from('x䶮tail', 'utf8')]);
    expect(bytes.indexOf(Buffer.from('䶮')) < DETECTION_WINDOW).toBe(true);
    expect(bytes.indexOf(Buffer.from('䶮')) + 3 > DETECTION_WINDOW).toBe(true);
    const { text, encoding } = await decodeAll(bytes, 4096);
    expect(encoding).toBe('UTF-8');
    expect(text.endsWith('x䶮tail')).toBe(true);
  });

  it('turns bytes invalid in the chosen encoding past the window into U+FFFD, not a crash', async () => {
    const good = Buffer.from('李䶮,85\n'.repeat(10_000), 'utf8'); // > 64 KiB: UTF-8 is decided
    const bytes = Buffer.concat([good, encode('王𬌗,90\n', 'gb18030')]);
    const { text, encoding } = await decodeAll(bytes, 8192);
    expect(encoding).toBe('UTF-8');
    const last = text.trimEnd().split('\n').at(-1)!;
    expect(hasUndecodable(last)).toBe(true);
    expect(last.endsWith(',90')).toBe(true);
  });

  it('reads a pure ASCII file and a file shorter than a BOM as UTF-8', async () => {
    expect(await decodeAll(Buffer.from('a,b\n1,2\n'), 3)).toEqual({
      text: 'a,b\n1,2\n',
      encoding: 'UTF-8',
    });
    expect(await decodeAll(Buffer.from('a'), 3)).toEqual({ text: 'a', encoding: 'UTF-8' });
    expect(await decodeAll(encode('李', 'gb18030'), 3)).toEqual({
      text: '李',
      encoding: 'GB18030',
    });
  });
});
