import type { SelfFillLinkDoc } from "../db/models/self-fill-link";
import { linkState, type LinkState } from "./link-state";

/** A self-fill link as staff see it: never the token (shown once, when it is made). */
export interface LinkView {
  id: string;
  templateKey: string;
  recordId: string | null;
  forNew: boolean;
  sections: string[];
  once: boolean;
  state: LinkState;
  expiresAt: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  openedAt: string | null;
  submittedAt: string | null;
  submissions: number;
  /** Submissions held back: a unique value another record holds (labels of the fields, when). */
  held: { fields: string[]; at: string }[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A stored link as staff see it, its state as of `now`. */
export function toLinkView(doc: SelfFillLinkDoc & { _id: unknown }, now = new Date()): LinkView {
  return {
    id: String(doc._id),
    templateKey: doc.templateKey,
    recordId: doc.recordId ?? null,
    forNew: doc.forNew,
    sections: [...doc.sections],
    once: doc.once,
    state: linkState({ expiresAt: doc.expiresAt, once: doc.once, openedAt: doc.openedAt ?? null, submittedAt: doc.submittedAt ?? null, revokedAt: doc.revokedAt ?? null }, now),
    expiresAt: doc.expiresAt.toISOString(),
    createdAt: doc.createdAt.toISOString(),
    createdBy: { id: doc.createdBy, name: doc.createdByName },
    openedAt: iso(doc.openedAt),
    submittedAt: iso(doc.submittedAt),
    submissions: doc.submissions ?? 0,
    held: (doc.held ?? []).map((h) => ({ fields: [...h.fields], at: (h.at ?? new Date(0)).toISOString() })),
  };
}
