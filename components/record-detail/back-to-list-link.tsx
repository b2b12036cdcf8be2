"use client";

import { useParams } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";

/** A link to the list of the template in the current URL (not-found pages receive no params). */
export function BackToListLink({ label }: { label: string }) {
  const params = useParams<{ templateKey?: string }>();
  if (!params.templateKey) return null;
  return (
    <ButtonLink href={`/t/${params.templateKey}`} variant="primary">
      {label}
    </ButtonLink>
  );
}
