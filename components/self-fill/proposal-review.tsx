"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { MaskedValue } from "@/components/record-detail/masked-value";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";
import { formatValue } from "@/lib/schema/format-value";
import type { ProposalView } from "@/lib/self-fill/list-proposals";

/**
 * A customer's submission as a field-by-field diff — the value when they opened the link, theirs,
 * and the record's value now where it changed since (personal data masked; a proposed value has
 * its own audited 查看) — with 采纳所选 / 全部采纳 (an ordinary edit
 * from the revision shown) and 拒绝 (confirmed).
 */
export function ProposalReview({ proposal, templateKey, revision, canReveal }: { proposal: ProposalView; templateKey: string; revision: number; canReveal: boolean }) {
  const { t, locale } = useI18n();
  const p = t.selfFill.proposal;
  const router = useRouter();
  const toast = useToast();
  const open = proposal.fields.filter((f) => !f.accepted);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/templates/${encodeURIComponent(templateKey)}/proposals/${proposal.id}`;
  const show = (kind: (typeof proposal.fields)[number]["kind"], v: unknown) => formatValue(kind, v, locale) || p.empty;

  const accept = async (paths: string[] | "all") => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`${base}/accept`, { method: "POST", body: { paths, revision } });
      toast(fmt(p.acceptedToast, { n: paths === "all" ? open.length : paths.length }));
      setChosen([]);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`${base}/reject`, { method: "POST" });
      toast(p.rejectedToast);
      setRejecting(false);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
      setRejecting(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-3 rounded-md border border-blue-200 bg-blue-50/40 p-3" data-testid="self-fill-proposal">
      <p className="text-sm text-slate-700">
        {fmt(p.intro, { at: "{at}", n: proposal.baseRevision })
          .split("{at}")
          .map((part, i) => (i === 0 ? <span key={i}>{part}</span> : [<LocalDateTime key={`at${i}`} iso={proposal.createdAt} />, <span key={i}>{part}</span>]))}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] text-left text-sm">
          <thead className="border-b border-slate-200 text-xs text-slate-500">
            <tr>
              <th className="w-8 py-2 pr-2 font-medium">
                <span className="sr-only">{p.select}</span>
              </th>
              <th className="py-2 pr-3 font-medium">{p.field}</th>
              <th className="py-2 pr-3 font-medium">{p.before}</th>
              <th className="py-2 pr-3 font-medium">{p.after}</th>
              <th className="py-2 font-medium">{p.current}</th>
            </tr>
          </thead>
          <tbody>
            {proposal.fields.map((f) => (
              <tr key={f.path} className="border-b border-slate-100 align-top last:border-0" data-path={f.path}>
                <td className="py-2 pr-2">
                  {f.accepted ? (
                    <span className="sr-only">{p.accepted}</span>
                  ) : (
                    <input
                      type="checkbox"
                      aria-label={f.label}
                      className="size-4 accent-blue-600"
                      checked={chosen.includes(f.path)}
                      onChange={(e) => setChosen((prev) => (e.target.checked ? [...prev, f.path] : prev.filter((x) => x !== f.path)))}
                    />
                  )}
                </td>
                <td className="py-2 pr-3 text-slate-800">
                  {f.label}
                  {f.accepted && (
                    <Badge tone="green" className="ml-2">
                      {p.accepted}
                    </Badge>
                  )}
                </td>
                <td className={f.before === undefined ? "py-2 pr-3 text-slate-400" : "py-2 pr-3 text-slate-500 line-through decoration-slate-300"}>{show(f.kind, f.before)}</td>
                <td className="py-2 pr-3 font-medium text-slate-900">
                  {/* A masked proposed value is seen in full only through the audited reveal, before it is accepted. */}
                  {f.pii && canReveal && typeof f.after === "string" ? (
                    <MaskedValue templateKey={templateKey} recordId="" pointer={f.path} kind={f.kind} masked={f.after} endpoint={`${base}/reveal`} />
                  ) : (
                    show(f.kind, f.after)
                  )}
                </td>
                <td className="py-2 text-slate-600">
                  {show(f.kind, f.current)}
                  {f.changedSince && !f.accepted && (
                    <Badge tone="amber" className="ml-2">
                      {p.changedSince}
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="danger" onClick={() => setRejecting(true)} disabled={busy}>
          {p.reject}
        </Button>
        <Button onClick={() => void accept(chosen)} disabled={busy || chosen.length === 0}>
          {fmt(p.acceptSelected, { n: chosen.length })}
        </Button>
        <Button variant="primary" onClick={() => void accept("all")} busy={busy}>
          {p.acceptAll}
        </Button>
      </div>
      <ConfirmDialog open={rejecting} title={p.rejectTitle} description={p.rejectConfirm} confirmLabel={p.reject} danger busy={busy} onConfirm={() => void reject()} onCancel={() => setRejecting(false)} />
    </div>
  );
}
