import { describe, expect, it } from "vitest";
import { deriveFromIds } from "./normalize";
import type { JsonSchema } from "./types";

const person: JsonSchema = {
  type: "object",
  properties: {
    idNumber: { type: "string", "x-idDerive": { birthDate: "birthDate", gender: "gender" } },
    birthDate: { type: "string", format: "date" },
    gender: { type: "string", enum: ["男", "女"] },
  },
};
const schema: JsonSchema = { type: "object", properties: { basic: person, people: { type: "array", items: person } } };
const A = "11010519491231002X"; // 1949-12-31, 女
const B = "110105198001010016"; // 1980-01-01, 男

describe("deriveFromIds", () => {
  it("fills empty birth date and gender from a valid ID, and leaves filled ones alone without a previous state", () => {
    expect(deriveFromIds(schema, { basic: { idNumber: A } })).toEqual({ basic: { idNumber: A, birthDate: "1949-12-31", gender: "女" } });
    expect(deriveFromIds(schema, { basic: { idNumber: A, birthDate: "2000-01-01" } })).toEqual({ basic: { idNumber: A, birthDate: "2000-01-01", gender: "女" } });
  });

  it("replaces derived values when the ID itself was just changed", () => {
    const before = { basic: { idNumber: A, birthDate: "1949-12-31", gender: "女" } };
    expect(deriveFromIds(schema, { basic: { ...before.basic, idNumber: B } }, before)).toEqual({ basic: { idNumber: B, birthDate: "1980-01-01", gender: "男" } });
  });

  it("keeps a hand-typed birth date when something else changed", () => {
    const before = { basic: { idNumber: A, birthDate: "1949-12-31", gender: "女" } };
    const edited = { basic: { ...before.basic, birthDate: "1950-01-01" } };
    expect(deriveFromIds(schema, edited, before)).toEqual(edited);
  });

  it("works per table row, after an invalid intermediate value too", () => {
    const before = { people: [{ idNumber: A, birthDate: "1949-12-31", gender: "女" }, { idNumber: "1101" }] };
    const next = { people: [{ ...before.people[0], idNumber: B }, { idNumber: A }] };
    expect(deriveFromIds(schema, next, before)).toEqual({
      people: [
        { idNumber: B, birthDate: "1980-01-01", gender: "男" },
        { idNumber: A, birthDate: "1949-12-31", gender: "女" },
      ],
    });
  });
});
