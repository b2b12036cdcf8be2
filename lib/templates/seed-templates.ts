import "server-only";
import { connectDb } from "../db/connect";
import { TemplateModel, TemplateVersionModel } from "../db/models/template";
import { checkTemplate } from "../schema/check-template";
import { listFields } from "../schema/fields";
import { checkReminders } from "../schema/reminder-rules";
import { contentOf, shippedTemplates } from "./shipped";

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Seeds the templates shipped in `schemas/` that the database does not have yet. Each step is
 * idempotent (fixed ids), so a start that crashed half-way is completed by the next one. A
 * template that already exists is never touched: administrators may have changed it.
 */
export async function seedTemplates(): Promise<string[]> {
  await connectDb();
  const seeded: string[] = [];
  for (const t of shippedTemplates) {
    const content = contentOf(t);
    const problems = [...checkTemplate(content), ...checkReminders(content, listFields(content.schema, content.uiSchema))];
    if (problems.length) throw new Error(`schemas/${t.key}.json is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    if (await TemplateModel.exists({ _id: t.key })) continue;
    try {
      await TemplateVersionModel.create({
        _id: `${t.key}@1`,
        templateKey: t.key,
        version: 1,
        content: JSON.stringify(content),
        note: "初始版本",
        publishedAt: new Date(),
        publishedBy: "system",
      });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    try {
      await TemplateModel.create({
        _id: t.key,
        name: t.name,
        productLine: t.productLine,
        description: t.description,
        currentVersion: 1,
        createdBy: "system",
      });
      seeded.push(t.key);
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
  }
  return seeded;
}
