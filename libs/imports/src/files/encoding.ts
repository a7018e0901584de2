/**
 * The text of a CSV upload whose encoding nobody tells us. Schools' academic systems export
 * UTF-8 (with or without a BOM) or GB18030/GBK; GB18030 is a superset of GBK that also maps the
 * rare characters in people's names (䶮, 𠮷), so a file that is not UTF-8 is always decoded as
 * `gb18030`, never `gbk`.
 *
 * The decision needs only a bounded window: ASCII is the same in both encodings and passes
 * straight through; from the first non-ASCII byte, up to DETECTION_WINDOW bytes are held and
 * tested as UTF-8 (a multi-byte sequence cut by the window's end is not counted against it).
 * After that the text streams. Bytes that turn out invalid later in the chosen encoding become
 * U+FFFD (the decoder is not fatal): the file is still read row by row, and a cell holding
 * U+FFFD is for the validators to refuse (see hasUndecodable), instead of one bad byte
 * failing a 100,000-row upload.
 */

import { TextDecoder } from 'node:util';

export type TextEncodingName = 'UTF-8' | 'GB18030';

export const DETECTION_WINDOW = 64 * 1024;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface DecodedText {
  /**
   * UTF-8 until a non-ASCII byte decides otherwise; final once `text` is read to its end, and
   * already final when the first row containing non-ASCII text comes out.
   */
  readonly encoding: TextEncodingName;
  readonly text: AsyncGenerator<string>;
}

/** True when the decoder met bytes it could not read in the file's encoding. */
export function hasUndecodable(text: string): boolean {
  return text.includes('\uFFFD');
}

export function decodeText(source: AsyncIterable<Buffer>): DecodedText {
  const state: { encoding: TextEncodingName } = { encoding: 'UTF-8' };
  return {
    get encoding() {
      return state.encoding;
    },
    text: decode(source, state),
  };
}

async function* decode(
  source: AsyncIterable<Buffer>,
  state: { encoding: TextEncodingName },
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let head: Buffer = Buffer.alloc(0);
  let sawHead = false;
  let held: Buffer[] = [];
  let heldBytes = 0;

  const decide = (final: boolean): { decoder: TextDecoder; text: string } => {
    const window = Buffer.concat(held);
    held = [];
    state.encoding = isUtf8(window, final) ? 'UTF-8' : 'GB18030';
    const chosen = new TextDecoder(state.encoding === 'UTF-8' ? 'utf-8' : 'gb18030');
    return { decoder: chosen, text: chosen.decode(window, { stream: !final }) };
  };

  for await (const chunk of source) {
    let bytes: Buffer = chunk;
    if (!sawHead) {
      // The BOM may be split across chunks: wait for three bytes before looking.
      head = Buffer.concat([head, bytes]);
      if (head.length < UTF8_BOM.length) continue;
      sawHead = true;
      bytes = head;
      if (head.subarray(0, 3).equals(UTF8_BOM)) {
        decoder = new TextDecoder('utf-8');
        state.encoding = 'UTF-8';
      }
    }
    if (decoder) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) yield text;
      continue;
    }
    if (heldBytes === 0) {
      const firstHigh = bytes.findIndex((byte) => byte >= 0x80);
      if (firstHigh === -1) {
        yield bytes.toString('latin1');
        continue;
      }
      if (firstHigh > 0) yield bytes.subarray(0, firstHigh).toString('latin1');
      bytes = bytes.subarray(firstHigh);
    }
    held.push(bytes);
    heldBytes += bytes.length;
    if (heldBytes >= DETECTION_WINDOW) {
      const decided = decide(false);
      decoder = decided.decoder;
      if (decided.text) yield decided.text;
    }
  }

  if (!sawHead && head.length > 0) {
    // A file shorter than a BOM: too short to hold one, so it is plain text.
    held = [head];
    heldBytes = head.length;
  }
  if (decoder) {
    const rest = decoder.decode();
    if (rest) yield rest;
  } else if (heldBytes > 0) {
    const { text } = decide(true);
    if (text) yield text;
  }
}

/** Whether `bytes` are UTF-8; when not `final`, a sequence cut at the end may still complete. */
function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}
