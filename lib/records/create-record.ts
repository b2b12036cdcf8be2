import "server-only";
import type { Actor } from "../auth/roles";
import type { Locale } from "../i18n/locale";
import { toRecordView } from "./map-record";
import type { RecordAnswer, RecordView } from "./types";
import { assertTakesNewRecords } from "./write/new-record";
import { writeRecord } from "./write/write-record";

/**
 * Creates a record in a template's current version: validated, unique values claimed, audited.
 * Answers with the record as the detail page shows it (personal data masked): an answer in full
 * would be a reveal nobody audited. `answer: "full"` is for in-process callers that produced the
 * data themselves (demo data, tests); no route passes it.
 */
export async function createRecord(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale; answer?: RecordAnswer }): Promise<RecordView> {
  const { actor, templateKey, input, locale = "zh", answer = "masked" } = params;
  return writeRecord({
    action: "record.create",
    permission: "record.create",
    actor,
    templateKey,
    locale,
    record: { create: true },
    guard: ({ template }) => assertTakesNewRecords(template, locale),
    change: () => ({ data: input }),
    result: ({ template }, written) => toRecordView(written!, template.content.schema, answer === "full", actor),
  });
}
