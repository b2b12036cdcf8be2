import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/shared/role";

const tones = { admin: "violet", agent: "blue", reviewer: "amber", viewer: "neutral" } as const;

/** A user's role as a coloured label. */
export function RoleBadge({ role, label }: { role: Role; label: string }) {
  return <Badge tone={tones[role]}>{label}</Badge>;
}
