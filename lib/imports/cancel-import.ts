import "server-only";
import type { Actor } from "../auth/roles";
import { requestJobCancel } from "../jobs/cancel-job";
import { forgetSeenValues } from "./import-job";
import type { ImportView } from "./import-view";
import { loadImport, viewImport } from "./load-import";

/**
 * Stops an import's running check or run between two batches: what was written stays written and
 * consistent (each record whole, audited), and the import shows how far it got.
 */
export async function cancelImport(params: { actor: Actor | null; templateKey: string; id: string }): Promise<ImportView> {
  const { doc, template } = await loadImport(params);
  const jobId = doc.runJobId ?? doc.checkJobId;
  if (jobId) {
    const job = await requestJobCancel({ id: jobId, by: params.actor! });
    // No worker held it (not started, or stopped by an error): cancelled here, so let go here.
    if (job?.status === "cancelled") await forgetSeenValues(jobId);
  }
  return viewImport(doc, template, params.actor);
}
