import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { createRecord } from "../records/create-record";
import { getByPath } from "../schema/fields";
import type { DemoHints, FieldInfo } from "../schema/types";
import { getPublishedTemplate } from "../templates/get-published-template";
import { DEMO_MAX_COUNT } from "./demo-limits";
import { generateRecord, sequenceHints } from "./generate-record";

// Tries per record when a generated unique value is taken (another load running at once).
const MAX_ATTEMPTS = 50;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One past the highest number the template's sequence hints have written so far (deleted records count). */
async function nextSequence(templateKey: string, hints: DemoHints | undefined, fields: FieldInfo[]): Promise<number> {
  let highest = 0;
  for (const h of sequenceHints(hints)) {
    const field = fields.find((f) => f.path === h.path);
    if (!field || field.inArray) continue;
    const key = `data.${h.path}`;
    const filter = { templateKey, [key]: { $regex: `^${escapeRegex(h.prefix)}${h.digits > 0 ? `\\d{${h.digits}}` : "\\d+"}$` } };
    // With a fixed number of digits text order is number order, so the first one is the highest.
    const docs = await RecordModel.find(filter, { [key]: 1 })
      .sort({ [key]: -1 })
      .limit(h.digits > 0 ? 1 : 0)
      .lean();
    for (const doc of docs) highest = Math.max(highest, Number(String(getByPath((doc as { data?: unknown }).data, field.segments)).slice(h.prefix.length)));
  }
  return highest + 1;
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Fills a template with synthetic records (administrators): generated from the template's schema
 * and demo hints, and every one created through createRecord, so validation, unique values and
 * audit apply as for typed-in records. Sequence numbers continue after those already stored; a
 * number taken meanwhile is skipped.
 */
export async function loadDemoData(params: {
  actor: Actor | null;
  templateKey: string;
  count: number;
  /** Fixes the random choices (tests, reproducible demos); a new seed per load otherwise. */
  seed?: number;
  /** The language of the records' field errors, should one be refused. */
  locale?: Locale;
  onProgress?: (created: number, total: number) => void;
}): Promise<{ created: number }> {
  const { actor, templateKey, count, locale = "zh" } = params;
  assertCan(actor, "demo.load");
  if (!Number.isInteger(count) || count < 1 || count > DEMO_MAX_COUNT) throw new DomainError("BAD_REQUEST", msg("demo.countRange", { max: DEMO_MAX_COUNT }));
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const { schema, demo } = template.content;
  let sequence = await nextSequence(templateKey, demo, template.fields);
  const seed = params.seed ?? Math.floor(Math.random() * 2 ** 31);
  const today = localToday();
  let created = 0;
  for (let i = 0; i < count; i++) {
    for (let attempt = 1; ; attempt++) {
      const input = generateRecord({ schema, hints: demo, seed: seed + i * 7919 + attempt * 104729, sequence: sequence++, today });
      try {
        await createRecord({ actor, templateKey, input, locale });
        break;
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== "VALIDATION") throw err;
        const taken = err.fieldErrors?.every((e) => e.keyword === "x-unique");
        if (taken && attempt < MAX_ATTEMPTS) continue;
        const first = err.problems?.[0];
        const problem = first ? msg("demo.fieldProblem", { label: first.label, message: first.message }) : err.text;
        throw new DomainError("BAD_REQUEST", msg("demo.invalidRecord", { problem }), { fieldErrors: err.problems, locale: err.locale });
      }
    }
    created += 1;
    params.onProgress?.(created, count);
  }
  await writeAuditEvent({
    id: `demo:${templateKey}:${Date.now()}:${seed}`,
    actor,
    action: "template.demoLoad",
    entity: "template",
    entityId: templateKey,
    templateKey,
    meta: { count, created, version: template.version },
  });
  return { created };
}
