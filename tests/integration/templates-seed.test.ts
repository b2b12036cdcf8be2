import { describe, expect, it } from "vitest";
import { connectDb } from "@/lib/db/connect";
import { TemplateModel, TemplateVersionModel } from "@/lib/db/models/template";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { seedTemplates } from "@/lib/templates/seed-templates";
import { TEMPLATE } from "./support/fixtures";

describe("seedTemplates", () => {
  it("is idempotent: one template and one version however often it runs", async () => {
    await connectDb();
    await seedTemplates();
    expect(await seedTemplates()).toEqual([]);
    await Promise.all([seedTemplates(), seedTemplates()]);
    expect(await TemplateModel.countDocuments({ _id: TEMPLATE })).toBe(1);
    expect(await TemplateVersionModel.countDocuments({ templateKey: TEMPLATE })).toBe(1);
    const tpl = await TemplateModel.findById(TEMPLATE).lean();
    expect(tpl).toMatchObject({ name: "保险客户档案管理表", currentVersion: 1, status: "active" });
  });

  it("stores the schema as JSON text and serves it parsed, with its fields", async () => {
    const version = await TemplateVersionModel.findById(`${TEMPLATE}@1`).lean();
    expect(JSON.parse(version!.content).schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const published = await getPublishedTemplate({ id: "x", name: "x", email: "x@x", role: "viewer" }, TEMPLATE);
    expect(published).toMatchObject({ key: TEMPLATE, version: 1 });
    expect(published.fields.find((f) => f.path === "basic.idNumber")?.kind).toBe("idNumber");
    expect(published.content.list.titleField).toBe("basic.name");
  });
});
