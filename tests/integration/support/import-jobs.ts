import type { Actor } from "@/lib/auth/roles";
import { getImport } from "@/lib/imports/load-import";

/** Waits until an import's check, run or undo has ended (done, failed or cancelled), and returns the import. */
export async function importEnded(actor: Actor, templateKey: string, id: string, phase: "check" | "run" | "undo") {
  for (let i = 0; i < 600; i++) {
    const view = await getImport({ actor, templateKey, id });
    const job = view[phase];
    if (job && ["done", "failed", "cancelled"].includes(job.progress.status)) return view;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${phase} did not end`);
}
