import { afterEach, describe, expect, it } from "vitest";
import type { JsonSchema } from "@/lib/schema/types";
import { buildDetailSections, type DetailField } from "./detail-tree";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// review10b: the record page is a server component; its date-time fields go through formatValue →
// formatDateTime, which reads the server process's clock. This machine's servers run in UTC (no TZ
// is set anywhere), so 18:30 picked in Beijing (stored 2026-12-06T10:30:00.000Z) shows as 10:30 on
// the record page and in print, while the form, the list (on the client) and the export say 18:30.
describe("review10b: a date-time field on the record page", () => {
  it("shows the office's clock whatever the server's zone is", () => {
    process.env.TZ = "UTC";
    const schema: JsonSchema = { type: "object", properties: { visit: { type: "object", title: "到店", properties: { at: { type: "string", format: "date-time", title: "到店时间" } } } } };
    const [section] = buildDetailSections({ schema, uiSchema: {}, data: { visit: { at: "2026-12-06T10:30:00.000Z" } } });
    const at = section.nodes.find((n): n is DetailField => n.type === "field" && n.key === "at");
    expect(at?.text).toBe("2026-12-06 18:30");
  });
});
