import "server-only";
import type { Actor } from "../auth/roles";
import type { Locale } from "../i18n/locale";
import { toRecordView } from "./map-record";
import type { RecordView } from "./types";
import { assertTakesNewRecords } from "./write/new-record";
import { writeRecord } from "./write/write-record";

/** Creates a record in a template's current version: validated, unique values claimed, audited. */
export async function createRecord(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<RecordView> {
  const { actor, templateKey, input, locale = "zh" } = params;
  return writeRecord({
    action: "record.create",
    permission: "record.create",
    actor,
    templateKey,
    locale,
    record: { create: true },
    guard: ({ template }) => assertTakesNewRecords(template, locale),
    change: () => ({ data: input }),
    result: ({ template }, written) => toRecordView(written!, template.content.schema, true),
  });
}
