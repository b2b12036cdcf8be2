import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { assertRecordInput } from "./check-record-data";
import { keepRemovedValues } from "./keep-removed-values";
import { toRecordView } from "./map-record";
import type { RecordAnswer, RecordView } from "./types";
import { writeRecord } from "./write/write-record";

/**
 * Saves a new version of a record's data. The edit carries the revision it started from; if
 * someone saved in between, nothing is written and the caller gets a 409 conflict. The record
 * moves to the template's current version, since that is what it was validated against.
 * Answers with the record masked, as the detail page shows it: it holds values the caller never
 * sent (those of removed fields are kept), and an answer in full would be an unaudited reveal.
 * `answer: "full"` is for in-process callers only (see createRecord).
 */
export async function updateRecord(params: {
  actor: Actor | null;
  templateKey: string;
  recordId: string;
  input: unknown;
  expectedRevision: unknown;
  locale?: Locale;
  answer?: RecordAnswer;
}): Promise<RecordView> {
  const { actor, templateKey, recordId, input, expectedRevision, locale = "zh", answer = "masked" } = params;
  return writeRecord({
    action: "record.update",
    permission: "record.update",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision: expectedRevision as number,
    checkInput() {
      if (typeof expectedRevision !== "number" || !Number.isInteger(expectedRevision) || expectedRevision < 1)
        throw new DomainError("BAD_REQUEST", msg("records.revisionRequired"), { locale });
      assertRecordInput(input, locale);
    },
    // Removed fields are hidden from the form: whatever it sends for them, stored values stay.
    change: ({ template, stored, actor }) => ({ data: keepRemovedValues(template.fields, stored, input), set: { updatedBy: actor.id, updatedByName: actor.name } }),
    result: ({ template }, written) => toRecordView(written!, template.content.schema, answer === "full", actor),
  });
}
