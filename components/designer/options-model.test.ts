import { describe, expect, it } from "vitest";
import { newOptionLabel, optionIssues, parseBulkOptions } from "./options-model";

describe("options", () => {
  it("flags blank choices and repeats after the first", () => {
    expect(optionIssues(["教师", "医生", "教师", " ", "医生"])).toEqual([null, null, "duplicate", "blank", "duplicate"]);
  });

  it("reads one choice per line and keeps the line being typed out", () => {
    expect(parseBulkOptions("教师\n 医生 \r\n工程师\n")).toEqual(["教师", "医生", "工程师"]);
    expect(parseBulkOptions("教师\n\n其他")).toEqual(["教师", "", "其他"]);
    expect(parseBulkOptions("")).toEqual([""]);
  });

  it("names a new choice after the free number", () => {
    expect(newOptionLabel(["选项1", "选项3"], "选项")).toBe("选项4");
    expect(newOptionLabel(["选项3"], "选项")).toBe("选项2");
  });
});
