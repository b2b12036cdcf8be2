import type { JsonSchema } from "../../schema/types";
import type { DiffedContext, RecordFields, WriteHook } from "./record-operation";

/**
 * The sections the schema requires at its root that `data` lacks. A record written through the
 * pipeline holds all of them, but for a new customer's self-fill: it is validated with every rule
 * of the template except the presence of the sections the link did not offer (submit-self-fill.ts).
 */
export function missingSections(schema: JsonSchema, data: Record<string, unknown>): string[] {
  return (schema.required ?? []).filter((k) => data[k] === undefined || data[k] === null);
}

/**
 * What a data write sets for completeness: the required sections the record lacks (待补全), or
 * an empty list once a write holds them all (an edit by staff passes the full schema). Records
 * that never lacked a section get no marker at all. Pure: derived from the data written.
 */
export function completenessOnWrite(ctx: Pick<DiffedContext, "change" | "template" | "existing" | "next">): RecordFields | undefined {
  if (ctx.change.data === undefined) return undefined;
  const missing = missingSections(ctx.template.content.schema, ctx.next);
  if (missing.length) return { incomplete: missing };
  return ctx.existing?.incomplete?.length ? { incomplete: [] } : undefined;
}

/** The write hook of completeness: every path that writes data runs it. */
export const completenessHook: WriteHook = {
  name: "completeness",
  beforeWrite: (ctx) => completenessOnWrite(ctx),
};
