import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { getPublishedTemplate } from "./get-published-template";
import type { PublishedTemplate } from "./types";

/** The published template for a page, or Next's not-found page when there is none. */
export async function loadTemplateOr404(actor: Actor, key: string): Promise<PublishedTemplate> {
  try {
    return await getPublishedTemplate(actor, decodeURIComponent(key));
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
