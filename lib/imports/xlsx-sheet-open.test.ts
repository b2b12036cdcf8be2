import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openZip } from "./xlsx-sheet";

// An import job reads an upload's parts after the zip's directory; unzipper opens the path again
// for each part. A file removed meanwhile (an upload whose folder was cleared while a job read
// ahead) made that part's fs stream emit an 'error' nobody listened to — an uncaught ENOENT in two
// full integration runs. The part's reader must get the error instead.
describe("a part of an .xlsx whose file is gone after its directory was read", () => {
  it("rejects its reader with the file's error; nothing escapes as an uncaught exception", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "xlsx-open-")), "客户.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("客户").addRow(["客户姓名", "保单号"]);
    await wb.xlsx.writeFile(file);
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      const directory = await openZip(file);
      await rm(file);
      const part = directory.files.find((f) => f.path === "xl/workbook.xml")!;
      const err = await Promise.race([part.buffer().then(() => "read", (e: NodeJS.ErrnoException) => e.code), new Promise((resolve) => setTimeout(() => resolve("hung"), 3000))]);
      expect({ err, uncaught }).toEqual({ err: "ENOENT", uncaught: [] });
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
