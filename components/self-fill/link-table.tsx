"use client";

import { fmt } from "@/lib/i18n/dictionaries";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { useToast } from "@/components/ui/toast";
import type { LinkView } from "@/lib/self-fill/link-view";

const TONE = { unopened: "neutral", opened: "blue", submitted: "green", expired: "amber", revoked: "red" } as const;

/** A link as listed, with the titles of its sections and (on 我的自填链接) where its record is. */
export type ListedLink = LinkView & { sectionTitles: string[]; templateName?: string; recordHref?: string | null };

/**
 * Self-fill links with their state (未打开 / 已打开 / 已提交 / 已过期 / 已撤销) and a revoke
 * (confirmed) for those still usable. Never the address: it was shown once, when made.
 */
export function LinkTable({ links, showRecord = false, currentUserId }: { links: ListedLink[]; showRecord?: boolean; currentUserId: string }) {
  const { t } = useI18n();
  const l = t.selfFill.links;
  const router = useRouter();
  const toast = useToast();
  const [revoking, setRevoking] = useState<ListedLink | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/self-fill/links/${revoking.id}`, { method: "DELETE" });
      toast(l.revoked);
      setRevoking(null);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="self-fill-links">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">{l.state}</th>
              {showRecord && <th className="py-2 pr-3 font-medium">{l.record}</th>}
              <th className="py-2 pr-3 font-medium">{l.sections}</th>
              <th className="py-2 pr-3 font-medium">{l.use}</th>
              <th className="py-2 pr-3 font-medium">{l.expires}</th>
              <th className="py-2 pr-3 font-medium">{l.madeBy}</th>
              <th className="py-2 font-medium">
                <span className="sr-only">{l.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id} className="border-b border-slate-100 last:border-0" data-state={link.state}>
                <td className="py-2 pr-3">
                  <Badge tone={TONE[link.state]}>{t.selfFill.state[link.state]}</Badge>
                  {link.held.map((h) => (
                    <span key={h.at} className="mt-1 block text-xs text-amber-800" data-testid="self-fill-held">
                      {fmt(l.held, { fields: h.fields.join(t.common.listSeparator) })}
                    </span>
                  ))}
                </td>
                {showRecord && (
                  <td className="py-2 pr-3">
                    <span className="block text-xs text-slate-500">{link.templateName}</span>
                    {link.recordHref ? (
                      <Link href={link.recordHref} className="text-blue-700 hover:underline">
                        {link.forNew ? l.forNew : l.openRecord}
                      </Link>
                    ) : (
                      l.forNew
                    )}
                  </td>
                )}
                <td className="py-2 pr-3 text-slate-700">{link.sectionTitles.join("、")}</td>
                <td className="py-2 pr-3 text-slate-700">{link.once ? l.once : l.untilExpiry}</td>
                <td className="py-2 pr-3 whitespace-nowrap text-slate-700">
                  <LocalDateTime iso={link.expiresAt} />
                </td>
                <td className="py-2 pr-3 text-slate-700">{link.createdBy.name}</td>
                <td className="py-2 text-right">
                  {(link.state === "unopened" || link.state === "opened" || (link.state === "submitted" && !link.once)) && link.createdBy.id === currentUserId && (
                    <Button size="sm" variant="danger" onClick={() => setRevoking(link)}>
                      {l.revoke}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog open={revoking !== null} title={l.revokeTitle} description={l.revokeConfirm} confirmLabel={l.revoke} danger busy={busy} onConfirm={() => void revoke()} onCancel={() => setRevoking(null)} />
    </div>
  );
}
