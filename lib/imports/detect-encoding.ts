/** Text encodings a CSV upload may be in: what Excel and WPS write on Chinese systems. */
export const CSV_ENCODINGS = ["utf-8", "gb18030", "utf-16le", "utf-16be", "big5"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/**
 * Whether the bytes are UTF-8, ignoring a multi-byte character cut off at the end of the sample: valid
 * UTF-8, or UTF-8 with a few damaged bytes — many characters read and at most one bad sequence in
 * ten. GBK text read as UTF-8 is almost all bad sequences; a UTF-8 file with one stray 0xFF byte
 * was taken for GB18030 and every Chinese character of it garbled (客户姓名 as 瀹㈡埛濮撳悕).
 */
function isUtf8(sample: Uint8Array): boolean {
  let end = sample.length;
  // Step back over a sequence that the sample's end may have cut (at most 3 continuation bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = sample[end - i];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i < need) end -= i;
    }
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    const text = new TextDecoder("utf-8").decode(sample.subarray(0, end));
    let good = 0;
    let bad = 0;
    for (const ch of text) {
      if (ch === "\uFFFD") bad++;
      else if (ch.codePointAt(0)! >= 0x80) good++;
    }
    return good >= 10 * bad;
  }
}

/**
 * Guesses a CSV file's encoding from its first bytes: a byte-order mark decides; otherwise text
 * that is UTF-8 (GBK text almost never is, see isUtf8) is UTF-8, and anything else is read as GB18030,
 * the superset of GBK and GB2312 that Chinese Excel saves "CSV" in. The user can override it.
 */
export function detectEncoding(sample: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bom: true };
  return { encoding: isUtf8(sample) ? "utf-8" : "gb18030", bom: false };
}
