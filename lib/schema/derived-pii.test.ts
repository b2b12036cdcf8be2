import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { withDerivedPii } from "./derived-pii";
import { maskData } from "./mask";
import type { JsonSchema } from "./types";

const person = (pii: boolean): JsonSchema => ({
  type: "object",
  properties: {
    idNumber: { type: "string", ...(pii ? { "x-pii": "idNumber" as const } : {}), "x-idDerive": { birthDate: "birthDate", gender: "gender" } },
    birthDate: { type: "string", format: "date" },
    gender: { type: "string", enum: ["男", "女"] },
    note: { type: "string" },
  },
});

describe("fields derived from personal data", () => {
  it("are personal data too, in objects and in table rows", () => {
    const schema = withDerivedPii({ type: "object", properties: { basic: person(true), list: { type: "array", items: person(true) } } });
    const data = { basic: { idNumber: "32010519850607123X", birthDate: "1985-06-07", gender: "男", note: "x" }, list: [{ idNumber: "32010519850607123X", birthDate: "1985-06-07", gender: "男" }] };
    expect(maskData(schema, data)).toEqual({
      basic: { idNumber: "3201**********123X", birthDate: "******", gender: "*", note: "x" },
      list: [{ idNumber: "3201**********123X", birthDate: "******", gender: "*" }],
    });
  });

  it("stay as they are when the ID is not personal data, keep their own kind, and leave the schema untouched", () => {
    const plain = person(false);
    expect(withDerivedPii(plain)).toBe(plain);
    const named = person(true);
    named.properties!.gender = { ...named.properties!.gender, "x-pii": "name" };
    expect(withDerivedPii(named).properties!.gender["x-pii"]).toBe("name");
    expect(named.properties!.birthDate["x-pii"]).toBeUndefined();
  });

  it("cover the shipped archive's birth date and gender", () => {
    const schema = withDerivedPii((archive as { schema: JsonSchema }).schema);
    const basic = schema.properties!.basic.properties!;
    expect(basic.birthDate["x-pii"]).toBe("text");
    expect(basic.gender["x-pii"]).toBe("text");
  });
});
