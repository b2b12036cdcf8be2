import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { assertRecordInput } from "./check-record-data";
import { keepRemovedValues } from "./keep-removed-values";
import { toRecordView } from "./map-record";
import type { RecordAnswer, RecordView } from "./types";
import type { RecordOperation, WriteContext } from "./write/record-operation";
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
  return writeRecord(
    editOperation({
      actor,
      templateKey,
      recordId,
      locale,
      expectedRevision: expectedRevision as number,
      checkInput() {
        if (typeof expectedRevision !== "number" || !Number.isInteger(expectedRevision) || expectedRevision < 1)
          throw new DomainError("BAD_REQUEST", msg("records.revisionRequired"), { locale });
        assertRecordInput(input, locale);
      },
      // Removed fields are hidden from the form: whatever it sends for them, stored values stay.
      data: ({ template, stored }) => keepRemovedValues(template.fields, stored, input),
      result: ({ template }, written) => toRecordView(written!, template.content.schema, answer === "full", actor),
    }),
  );
}

/**
 * An edit of a live record's data by a person, as the write pipeline runs it: from the revision
 * they started from to the data `data` makes of what is stored, noting them as its last editor.
 * updateRecord sends one alone; the undo of an import sets its updates back with them in batches.
 */
export function editOperation<Out>(params: {
  actor: Actor | null;
  templateKey: string;
  recordId: string;
  expectedRevision: number;
  locale: Locale;
  data: (ctx: WriteContext) => unknown;
  /** More for the audit event's meta (what the edit is part of). */
  meta?: Record<string, unknown>;
  checkInput?: () => void;
  result: RecordOperation<Out>["result"];
}): RecordOperation<Out> {
  const { actor, templateKey, recordId, expectedRevision, locale, data, meta, checkInput, result } = params;
  return {
    action: "record.update",
    permission: "record.update",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision,
    ...(checkInput ? { checkInput } : {}),
    change: (ctx) => ({ data: data(ctx), set: { updatedBy: ctx.actor.id, updatedByName: ctx.actor.name }, ...(meta ? { meta } : {}) }),
    result,
  };
}
