import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";

/**
 * Every page of a template first checks that the template exists. Here, above the pages'
 * loading.tsx, and not in the pages themselves: once the loading skeleton streams, the status is
 * sent, and an unknown template (/t/nope) would answer 200 with a "not found" body. The pages'
 * own lookups hit the same per-request cache.
 */
export default async function TemplateLayout({ children, params }: { children: React.ReactNode; params: Promise<{ templateKey: string }> }) {
  const { templateKey } = await params;
  const actor = await requireActor();
  try {
    await getPublishedTemplate(actor, templateKey);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return children;
}
