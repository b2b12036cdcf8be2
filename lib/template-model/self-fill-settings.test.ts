import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { diffContents } from "./diff-content";
import { fromContent } from "./from-content";
import { selfFillSettings, setSelfFillPrivacy, setSelfFillSection } from "./self-fill-settings";
import { toContent } from "./to-content";

const content = customerArchive as unknown as TemplateContent;

describe("self-fill settings in the designer model", () => {
  it("round-trips the archive's settings and edits them", () => {
    const model = fromContent(content);
    expect(selfFillSettings(model)).toMatchObject({ sections: ["basic", "policyholder", "beneficiary"], consent: true });
    const more = setSelfFillSection(model, "policy", true);
    // Kept in the template's section order.
    expect(selfFillSettings(more).sections).toEqual(["basic", "policy", "policyholder", "beneficiary"]);
    const fewer = setSelfFillPrivacy(setSelfFillSection(more, "basic", false), { consent: false, notice: "说明" });
    expect(toContent(fewer).selfFill).toEqual({ sections: ["policy", "policyholder", "beneficiary"], consent: false, notice: "说明" });
  });

  it("drops a deleted section from the choice when compiled", () => {
    const model = fromContent(content);
    const without = { ...model, sections: model.sections.filter((s) => s.key !== "beneficiary") };
    expect(toContent(without).selfFill?.sections).toEqual(["basic", "policyholder"]);
  });

  it("shows in a version diff when it changes", () => {
    const changed = toContent(setSelfFillPrivacy(fromContent(content), { consent: false }));
    expect(diffContents(content, changed).filter((d) => d.type === "selfFill")).toHaveLength(1);
    expect(diffContents(content, toContent(fromContent(content))).filter((d) => d.type === "selfFill")).toEqual([]);
  });
});
