import "server-only";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { isRole } from "../shared/role";
import { userNames } from "../users/user-names";
import { parseInput } from "../validation/parse-input";
import { transferBody } from "./record-input";
import { writeRecord } from "./write/write-record";

/** Most records one transfer takes (a list's selection is at most a few pages). */
export const TRANSFER_MAX = 500;

/** What became of one record of a transfer, in input order. */
export type TransferOutcome = { recordId: string; status: "transferred" | "unchanged"; revision: number } | { recordId: string; status: "refused"; error: DomainError };

/**
 * 转移给…: an administrator hands records to another owner — who owns a record decides who sees
 * it under a data scope (own / team). Each record is its own write through the records pipeline
 * (`record.transfer`): the revision moves, the data and "last updated" stay, the audit event names
 * the previous and the new owner and appears in the record's history. The new owner must be an
 * active user who may edit records. A refused record (gone, changed meanwhile) leaves the others
 * transferred; a record the user already owns is left as it is.
 */
export async function transferRecords(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<TransferOutcome[]> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "record.transfer");
  const { ids, toUserId } = parseInput(transferBody, params.input);
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new DomainError("BAD_REQUEST", msg("records.transferEmpty"), { locale });
  if (unique.length > TRANSFER_MAX) throw new DomainError("BAD_REQUEST", msg("records.transferTooMany", { max: TRANSFER_MAX }), { locale });
  await connectDb();
  const to = /^[a-f0-9]{24}$/.test(toUserId) ? await UserModel.findById(toUserId, { name: 1, role: 1, active: 1 }).lean() : null;
  if (!to || !to.active || !isRole(to.role) || !roleCan(to.role, "record.update")) throw new DomainError("VALIDATION", msg("records.transferTarget"), { locale });
  const outcomes: TransferOutcome[] = [];
  for (const recordId of unique) {
    try {
      const written = await writeRecord({
        action: "record.transfer",
        permission: "record.transfer",
        actor,
        templateKey,
        locale,
        record: { id: recordId, in: "live" },
        change: async ({ existing }) => {
          if (existing!.ownerId === toUserId) return null;
          const fromOwner = (await userNames([existing!.ownerId])).get(existing!.ownerId) ?? "—";
          return { set: { ownerId: toUserId, ownerName: to.name }, touch: false, meta: { fromOwnerId: existing!.ownerId, fromOwner, toOwnerId: toUserId, toOwner: to.name } };
        },
        result: (ctx, doc) => ({ revision: (doc ?? ctx.existing!).revision, moved: doc !== null }),
      });
      outcomes.push({ recordId, status: written.moved ? "transferred" : "unchanged", revision: written.revision });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes.push({ recordId, status: "refused", error: err });
    }
  }
  return outcomes;
}
