/**
 * Text as an .xlsx stores it, read without exceljs's streaming parsers (which lose some of it).
 *
 * Strings in a workbook are ST_Xstring (ECMA-376 Part 1, §22.9.2.19): a character XML cannot hold
 * is written `_xHHHH_` (its UTF-16 code unit in hex) — Excel writes the carriage return of text
 * pasted from another program as `_x000D_` — and an underscore that would otherwise start such a
 * sequence is itself written `_x005F_`. exceljs's streaming reader never decoded them: an address
 * was stored as "北京市朝阳区_x000D_\n建国路1号".
 */

/** A start or end tag: its slash, name and attributes (a `>` inside an attribute value is not expected in workbook XML). */
export const TAG = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*)>/g;

/** A tag's name without its namespace prefix (`x:si` → `si`). */
export const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * A part's chunks (bytes or text) as UTF-8 text cut only between tags: each piece ends after its
 * last complete tag, an unfinished one waits for the next chunk. Text between tags may still be
 * cut (a consumer collecting it must join the pieces).
 */
export async function* completeTags(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  const take = (text: string): string => {
    text = pending + text;
    const lastOpen = text.lastIndexOf("<");
    const cut = lastOpen !== -1 && text.indexOf(">", lastOpen) === -1 ? lastOpen : text.length;
    pending = text.slice(cut);
    return text.slice(0, cut);
  };
  for await (const chunk of chunks) {
    const text = take(typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    if (text) yield text;
  }
  const tail = take(decoder.decode()) + pending;
  if (tail) yield tail;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML character data as its text: line ends normalized as XML parsers do (§2.11), then entities replaced (&amp; &lt; &gt; &quot; &apos; &#…;). */
export function xmlText(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : NAMED[e],
    );
}

/**
 * An ST_Xstring's `_xHHHH_` escapes decoded, left to right in one pass: `_x005F_x000D_` is the
 * text "_x000D_" (the escaped underscore starts no new escape). Hex digits in either case, as XML
 * Schema's hexBinary allows and Excel reads them.
 */
export function decodeXstring(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Raw XML character data of a string as the cell holds it: entities, then `_xHHHH_` escapes. */
export const cellString = (raw: string) => decodeXstring(xmlText(raw));

/**
 * Collects the text of a string item (CT_Rst: a shared string's `<si>` or an inline string's
 * `<is>`): the `<t>` directly in it or in its runs (`<r>`), joined — never the phonetic reading of
 * a 拼音指南 (`<rPh>`, whose `<t>` exceljs took for the text: 单于飞 was stored as "chanyu") nor its
 * settings (`<phoneticPr>`). Fed tag by tag; `text()` gives the decoded string.
 */
export class StringItem {
  private raw = "";
  private inText = false;
  private phonetic = 0;

  /** A tag inside the item. */
  tag(slash: string, name: string, selfClosing: boolean): void {
    const local = localName(name);
    if (local === "rPh" && !selfClosing) this.phonetic += slash ? -1 : 1;
    else if (local === "t") this.inText = !slash && !selfClosing && this.phonetic === 0;
  }

  /** Character data between tags inside the item. */
  chars(raw: string): void {
    if (this.inText) this.raw += raw;
  }

  text(): string {
    return cellString(this.raw);
  }
}

/**
 * The strings of `xl/sharedStrings.xml` in order, one per `<si>` (null for an empty one, as exceljs
 * gives it), read as `StringItem` reads them.
 */
export async function* sharedStringTexts(chunks: AsyncIterable<unknown>): AsyncGenerator<string | null> {
  let item: StringItem | null = null;
  for await (const piece of completeTags(chunks)) {
    let from = 0;
    for (const m of piece.matchAll(TAG)) {
      const [tag, slash, name, attributes] = m;
      item?.chars(piece.slice(from, m.index));
      from = m.index + tag.length;
      const selfClosing = attributes.endsWith("/");
      if (localName(name) === "si") {
        if (slash) {
          const text = item?.text() ?? "";
          item = null;
          yield text === "" ? null : text;
        } else if (selfClosing) yield null;
        else item = new StringItem();
      } else item?.tag(slash, name, selfClosing);
    }
    item?.chars(piece.slice(from));
  }
}
