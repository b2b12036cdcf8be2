import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

/**
 * An .xlsx's shared-strings table kept on disk instead of in the heap.
 *
 * Excel, openpyxl and exceljs store a sheet's text once, in `xl/sharedStrings.xml`, and the cells
 * refer to it by number — so every cell of a sheet can need any string, and the table must be
 * complete before the first row is read. exceljs's reader keeps it as an array of strings: ~2.1×
 * the XML's size in heap. A 1,000,000-row workbook in the seed's shape (106 MB, under the upload
 * limit; 263 MB of shared-strings XML, 7 million strings) took the server past its 384 MB heap while
 * reading the header, and V8's out-of-memory is fatal: the whole server stopped.
 *
 * Here each string is written once, as UTF-8, to a temporary file (removed from the folder as soon
 * as it is opened, so nothing is left behind even if the process dies); the heap keeps 4 bytes of
 * offset per string, outside V8's old space, and a few recently read 64 KB blocks. Sheets write
 * their strings roughly in the order their rows first use them, so reading rows in order reads the
 * file almost sequentially, from the page cache.
 */
const BLOCK = 64 * 1024;
const CACHED_BLOCKS = 64;
const WRITE_BUFFER = 1024 * 1024;

export class SpooledStrings {
  private readonly fd: number;
  private offsets = new Uint32Array(1024);
  /** Strings stored; `offsets[i]`…`offsets[i + 1]` are string i's bytes. */
  private count = 0;
  private readonly pending = Buffer.allocUnsafe(WRITE_BUFFER);
  private pendingBytes = 0;
  /** Bytes written to the file (not counting `pending`). */
  private written = 0;
  private readonly blocks = new Map<number, Buffer>();
  private closed = false;

  constructor(dir = tmpdir()) {
    const path = join(dir, `dossier-strings-${process.pid}-${randomBytes(6).toString("hex")}`);
    this.fd = openSync(path, "w+", 0o600);
    try {
      unlinkSync(path);
    } catch {
      // Only Windows refuses to remove an open file; the data is a copy of the upload's own text.
    }
  }

  get size(): number {
    return this.count;
  }

  /** Appends the next string of the table (null for an empty one). */
  add(text: string | null): void {
    const bytes = text ? Buffer.byteLength(text, "utf8") : 0;
    const end = this.end() + bytes;
    if (end > 0xffff_ffff) throw new RangeError("shared strings over 4 GB");
    if (text) {
      if (this.pendingBytes + bytes > WRITE_BUFFER) this.flush();
      if (bytes > WRITE_BUFFER) {
        this.writeAll(Buffer.from(text, "utf8"));
      } else {
        this.pending.write(text, this.pendingBytes, "utf8");
        this.pendingBytes += bytes;
      }
    }
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.count] = end;
  }

  /** Ends writing: every string added can be read from now on. */
  finish(): void {
    this.flush();
  }

  /** String `index`, or undefined for a number the table does not have (as exceljs's array gives). */
  get(index: number): string | null | undefined {
    if (!(index >= 0 && index < this.count) || !Number.isInteger(index)) return undefined;
    const start = this.offsets[index];
    const end = this.offsets[index + 1];
    if (end === start) return null;
    const block = Math.floor(start / BLOCK);
    if (Math.floor((end - 1) / BLOCK) !== block) return this.readDirect(start, end);
    const data = this.block(block);
    return data.toString("utf8", start - block * BLOCK, end - block * BLOCK);
  }

  /** Closes and so frees the file. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.blocks.clear();
    closeSync(this.fd);
  }

  /**
   * What exceljs's worksheet reader indexes (`sharedStrings[n]`), served from this table — and a
   * number past it from `beyond` (the values of cells rewritten on their way in, exceljs-cell-strings.ts and exceljs-date-cells.ts).
   */
  asArray(beyond: (index: number) => string | Date | null | undefined = () => undefined): unknown {
    return new Proxy([], {
      get: (target, key) => {
        if (typeof key === "string" && /^\d+$/.test(key)) {
          const index = Number(key);
          return index < this.count ? this.get(index) : beyond(index);
        }
        return key === "length" ? this.count : Reflect.get(target, key);
      },
    });
  }

  private end(): number {
    return this.offsets[this.count];
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    this.writeAll(this.pending.subarray(0, this.pendingBytes));
    this.pendingBytes = 0;
  }

  private writeAll(data: Buffer): void {
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done, this.written + done);
    this.written += data.length;
  }

  private readDirect(start: number, end: number): string {
    const data = Buffer.allocUnsafe(end - start);
    this.readAll(data, start);
    return data.toString("utf8");
  }

  private block(n: number): Buffer {
    const hit = this.blocks.get(n);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.blocks.delete(n);
      this.blocks.set(n, hit);
      return hit;
    }
    const length = Math.min(BLOCK, this.written - n * BLOCK);
    const data = Buffer.allocUnsafe(length);
    this.readAll(data, n * BLOCK);
    if (this.blocks.size >= CACHED_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    this.blocks.set(n, data);
    return data;
  }

  private readAll(data: Buffer, position: number): void {
    let done = 0;
    while (done < data.length) {
      const n = readSync(this.fd, data, done, data.length - done, position + done);
      if (n === 0) throw new RangeError("shared strings file ended early");
      done += n;
    }
  }
}
