import { describe, expect, it } from "vitest";
import { explainResidentId, isResidentId, residentIdCheckChar, residentIdFacts } from "./cn-id";

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe("residentIdCheckChar", () => {
  it("computes the GB 11643 check character", () => {
    // Published examples: 11010519491231002X and 440524188001010014.
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
    expect(residentIdCheckChar("31010419800101123")).toBe("9");
  });

  it("agrees with ISO 7064 MOD 11-2 written independently, for every residue", () => {
    // Weights are 2^(17-i) mod 11; the check value is (12 - sum mod 11) mod 11, 10 written X.
    const reference = (d: string) => {
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += Number(d[i]) * (2 ** (17 - i) % 11);
      const v = (12 - (sum % 11)) % 11;
      return v === 10 ? "X" : String(v);
    };
    const seen = new Set<string>();
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let digits = "";
      for (let i = 0; i < 17; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        digits += String(seed % 10);
      }
      expect(residentIdCheckChar(digits), digits).toBe(reference(digits));
      seen.add(reference(digits));
    }
    expect(seen.size).toBe(11);
  });
});

describe("isResidentId / explainResidentId", () => {
  const valid = [withCheck("11010519491231002"), withCheck("31010419800101123"), withCheck("44030520000229001"), withCheck("51010719991231888")];

  it.each(valid)("accepts %s", (id) => {
    expect(isResidentId(id)).toBe(true);
    expect(explainResidentId(id)).toEqual({ kind: "ok" });
  });

  it("accepts the X check character in upper and lower case", () => {
    expect(isResidentId("11010519491231002X")).toBe(true);
    expect(isResidentId("11010519491231002x")).toBe(true);
  });

  it("rejects a wrong check digit and says which one was expected", () => {
    const good = withCheck("31010419800101123");
    const bad = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(isResidentId(bad)).toBe(false);
    expect(explainResidentId(bad)).toEqual({ kind: "checksum", expected: good[17] });
    expect(explainResidentId("110105194912310021")).toEqual({ kind: "checksum", expected: "X" });
  });

  it("rejects an X where a digit is expected", () => {
    const digitCheck = withCheck("31010419800101123");
    expect(isResidentId(digitCheck.slice(0, 17) + "X")).toBe(false);
  });

  it("rejects impossible birth dates even with a correct check character", () => {
    expect(explainResidentId(withCheck("11010519990230001"))).toEqual({ kind: "birthDate" });
    expect(explainResidentId(withCheck("11010519991301001"))).toEqual({ kind: "birthDate" });
    expect(explainResidentId(withCheck("11010519990100001"))).toEqual({ kind: "birthDate" });
    expect(explainResidentId(withCheck("11010518991231001"))).toEqual({ kind: "birthDate" });
    // 1900 was not a leap year; 2000 was.
    expect(explainResidentId(withCheck("11010519000229001"))).toEqual({ kind: "birthDate" });
    expect(isResidentId(withCheck("11010520000229001"))).toBe(true);
  });

  it("rejects birth dates in the future", () => {
    const year = new Date().getUTCFullYear() + 1;
    expect(explainResidentId(withCheck(`110105${year}0101001`))).toEqual({ kind: "birthDate" });
  });

  it("rejects wrong lengths and reports the length", () => {
    expect(explainResidentId("11010519491231002")).toEqual({ kind: "length", length: 17 });
    expect(explainResidentId("11010519491231002XX")).toEqual({ kind: "length", length: 19 });
    expect(explainResidentId("")).toEqual({ kind: "length", length: 0 });
    // Old 15-digit IDs are not accepted.
    expect(isResidentId("110105491231002")).toBe(false);
  });

  it("rejects letters and other characters", () => {
    expect(explainResidentId("1101051949123100AX")).toEqual({ kind: "chars" });
    expect(explainResidentId("11010519491231002Y")).toEqual({ kind: "chars" });
    expect(explainResidentId("110105 1949123100X")).toEqual({ kind: "chars" });
    expect(explainResidentId("１１０１０５１９４９１２３１００２Ｘ")).toEqual({ kind: "chars" });
  });

  it("recognizes what a spreadsheet made of an 18-digit number", () => {
    expect(explainResidentId("1.23457E+17")).toEqual({ kind: "scientific" });
    expect(explainResidentId("1.10105E+17")).toEqual({ kind: "scientific" });
    expect(explainResidentId("1E+17")).toEqual({ kind: "scientific" });
    expect(isResidentId("1.23457E+17")).toBe(false);
  });
});

describe("residentIdFacts", () => {
  it("reads the birth date and gender (17th digit odd = male)", () => {
    expect(residentIdFacts("11010519491231002X")).toEqual({ birthDate: "1949-12-31", gender: "女" });
    expect(residentIdFacts(withCheck("31010419800101123"))).toEqual({ birthDate: "1980-01-01", gender: "男" });
    expect(residentIdFacts(withCheck("44030520000229002"))).toEqual({ birthDate: "2000-02-29", gender: "女" });
  });

  it("works with a lower-case x", () => {
    expect(residentIdFacts("11010519491231002x")).toEqual({ birthDate: "1949-12-31", gender: "女" });
  });

  it("gives nothing for invalid IDs", () => {
    expect(residentIdFacts("110105194912310021")).toBeNull();
    expect(residentIdFacts(withCheck("11010519990230001"))).toBeNull();
    expect(residentIdFacts("1.23457E+17")).toBeNull();
  });
});
