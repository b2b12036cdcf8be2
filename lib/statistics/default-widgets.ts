import "server-only";
import { connectDb } from "../db/connect";
import { TemplateModel } from "../db/models/template";
import { shippedDashboards } from "../templates/shipped";
import { widgetInput, type Widget } from "./widget";

/** Widgets that pass the stored shape; one that does not (edited by hand in the database) is left out, not an error. */
export function validWidgets(raw: unknown[]): Widget[] {
  return raw.flatMap((w) => {
    const parsed = widgetInput.safeParse(w);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The dashboard a template shows until an administrator saves one: the one shipped beside it in
 * `schemas/`, or its origin's for a clone (车险客户档案 cloned from the customer archive has the
 * same fields), or none.
 */
export async function defaultWidgets(templateKey: string): Promise<Widget[]> {
  let shipped = shippedDashboards.find((d) => d.templateKey === templateKey);
  if (!shipped) {
    await connectDb();
    const doc = await TemplateModel.findById(templateKey, { origin: 1 }).lean<{ origin?: { templateKey?: string } }>();
    const origin = doc?.origin?.templateKey;
    shipped = origin ? shippedDashboards.find((d) => d.templateKey === origin) : undefined;
  }
  return shipped ? validWidgets(shipped.widgets) : [];
}
