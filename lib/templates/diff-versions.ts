import "server-only";
import type { Actor } from "../auth/roles";
import { diffContents } from "../designer/diff-content";
import type { VersionDiff } from "./edit-types";
import { loadContentRef, loadReadableTemplate } from "./load-content-ref";
import type { VersionRef } from "./template-input";

/** A readable field-level diff between two versions of a template, either of which may be the draft. */
export async function diffVersions(params: { actor: Actor | null; templateKey: string; from: VersionRef; to: VersionRef }): Promise<VersionDiff> {
  const { actor, templateKey, from, to } = params;
  const doc = await loadReadableTemplate(actor, templateKey);
  const [a, b] = await Promise.all([loadContentRef(actor, doc, from), loadContentRef(actor, doc, to)]);
  return { from, to, changes: diffContents(a, b) };
}
