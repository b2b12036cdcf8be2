import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { SpooledStrings } from "./spooled-strings";

const openFiles = async () => (await readdir("/proc/self/fd")).length;

describe("a shared-strings table kept on disk", () => {
  it("gives back every string as added: Chinese, emoji, empty, across block edges, longer than a block and than the write buffer", async () => {
    const strings = new SpooledStrings();
    const added: (string | null)[] = [];
    const add = (s: string | null) => {
      added.push(s);
      strings.add(s);
    };
    for (let i = 0; i < 50_000; i++) add(i % 997 === 0 ? null : `客户${i}·${"保".repeat(i % 13)}😀`);
    add("长".repeat(40_000)); // 120,000 bytes: spans blocks, read directly
    add("x".repeat(3 * 1024 * 1024)); // over the 1 MB write buffer: written on its own
    add("最后一个");
    strings.finish();
    expect(strings.size).toBe(added.length);
    // In order, in reverse (every block evicted and read again), and at random.
    for (let i = 0; i < added.length; i++) expect(strings.get(i)).toBe(added[i]);
    for (let i = added.length - 1; i >= 0; i -= 7) expect(strings.get(i)).toBe(added[i]);
    for (let k = 0; k < 5_000; k++) {
      const i = Math.floor(Math.random() * added.length);
      expect(strings.get(i)).toBe(added[i]);
    }
    strings.close();
  });

  it("answers as exceljs's array does: by index, undefined past the end, with a length", () => {
    const strings = new SpooledStrings();
    strings.add("甲");
    strings.add("乙");
    strings.finish();
    const array = strings.asArray() as Record<string, unknown>;
    expect([array[0], array[1], array[2], array[-1], array["1.5"], array.length]).toEqual(["甲", "乙", undefined, undefined, undefined, 2]);
    expect(strings.get(Number.NaN)).toBeUndefined();
    strings.close();
  });

  it("leaves no file behind and closes its descriptor", async () => {
    const before = await openFiles();
    const strings = new SpooledStrings();
    expect(await openFiles()).toBe(before + 1);
    strings.add("甲");
    strings.finish();
    strings.close();
    strings.close();
    expect(await openFiles()).toBe(before);
    expect((await readdir(tmpdir())).filter((f) => f.startsWith(`dossier-strings-${process.pid}-`))).toEqual([]);
  });
});
