"use client";

import { shownTotal } from "@/components/list/pagination";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { PageHeader } from "@/components/page/page-header";
import { postVerification } from "@/components/record-detail/verification-actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select, Textarea } from "@/components/ui/form-controls";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { fmt } from "@/lib/i18n/dictionaries";
import type { QueueItem, VerificationQueue } from "@/lib/verification/list-verification-queue";

type Outcome = { recordId: string; status: "verified" | "refused"; error?: { message: string } };

/**
 * The queue 待我核对 with the keyboard: J/K (or ↓/↑) move, Enter opens the record, V verifies,
 * R returns with a reason, X ticks a row for 批量核对. Filters live in the URL.
 */
export function QueueView({ queue, filters }: { queue: VerificationQueue; filters: { template: string; enteredBy: string } }) {
  const { t } = useI18n();
  const q = t.verification.queue;
  const router = useRouter();
  const toast = useToast();
  const [active, setActive] = useState(0);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [returning, setReturning] = useState<QueueItem | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const items = queue.items;
  const current = items[Math.min(active, items.length - 1)];

  const href = (item: QueueItem) => `/t/${encodeURIComponent(item.templateKey)}/r/${item.recordId}`;
  const setFilter = (name: "template" | "enteredBy", value: string) => {
    const next = new URLSearchParams({ ...filters, [name]: value });
    for (const [k, v] of [...next.entries()]) if (!v) next.delete(k);
    router.push(`/verification${next.size ? `?${next}` : ""}`);
  };
  const act = useCallback(
    async (item: QueueItem, verb: "verify" | "return", why?: string) => {
      setBusy(true);
      try {
        await postVerification({ templateKey: item.templateKey, recordId: item.recordId, revision: item.revision, verb, reason: why });
        toast(verb === "verify" ? t.verification.panel.verified : t.verification.panel.returned);
        setReturning(null);
        setReason("");
        router.refresh();
      } catch (err) {
        toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
      } finally {
        setBusy(false);
      }
    },
    [router, t, toast],
  );
  const bulk = async () => {
    const chosen = items.filter((i) => ticked.has(i.recordId)).map((i) => ({ templateKey: i.templateKey, recordId: i.recordId, revision: i.revision }));
    setBusy(true);
    try {
      const { outcomes } = await apiFetch<{ outcomes: Outcome[] }>("/api/verification/bulk", { body: { items: chosen } });
      const refused = outcomes.filter((o) => o.status === "refused");
      toast(fmt(q.bulkDone, { ok: outcomes.length - refused.length }));
      if (refused.length) toast(fmt(q.bulkRefused, { n: refused.length, reasons: [...new Set(refused.map((o) => o.error?.message ?? ""))].join("；") }), "error");
      setTicked(new Set());
      router.refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (returning || busy || e.metaKey || e.ctrlKey || e.altKey || /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(target.tagName)) return;
      if (!current) return;
      const move = (to: number) => {
        e.preventDefault();
        const i = Math.max(0, Math.min(items.length - 1, to));
        setActive(i);
        rows.current[i]?.scrollIntoView({ block: "nearest" });
      };
      const key = e.key.toLowerCase();
      if (key === "j" || e.key === "ArrowDown") move(active + 1);
      else if (key === "k" || e.key === "ArrowUp") move(active - 1);
      else if (e.key === "Enter") router.push(href(current));
      else if (key === "v") {
        e.preventDefault();
        void act(current, "verify");
      } else if (key === "r") {
        e.preventDefault();
        setReturning(current);
      } else if (key === "x") {
        e.preventDefault();
        toggle(current.recordId);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <PageHeader
        title={q.title}
        description={q.description}
        actions={
          ticked.size > 0 ? (
            <Button variant="primary" disabled={busy} onClick={bulk}>
              {fmt(q.bulk, { n: ticked.size })}
            </Button>
          ) : undefined
        }
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          <span className="whitespace-nowrap text-slate-600">{q.template}</span>
          <Select value={filters.template} onChange={(e) => setFilter("template", e.target.value)} className="w-auto" data-testid="queue-template">
            <option value="">{q.allTemplates}</option>
            {queue.templates.map((tp) => (
              <option key={tp.key} value={tp.key}>
                {tp.name}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex items-center gap-2">
          <span className="whitespace-nowrap text-slate-600">{q.enteredBy}</span>
          <Select value={filters.enteredBy} onChange={(e) => setFilter("enteredBy", e.target.value)} className="w-auto" data-testid="queue-entered-by">
            <option value="">{q.allPeople}</option>
            {queue.enteredBy.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </label>
        <span className="text-slate-500">{fmt(q.total, { n: shownTotal(queue) })}</span>
        <span className="ml-auto hidden text-xs text-slate-400 md:inline">{q.keys}</span>
      </div>
      {items.length === 0 ? (
        <EmptyState title={q.empty} description={q.emptyHint} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="verification-queue">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="w-10 px-3 py-2">
                  <span className="sr-only">{q.select}</span>
                </th>
                <th className="px-3 py-2 font-medium">{q.record}</th>
                <th className="px-3 py-2 font-medium">{q.template}</th>
                <th className="px-3 py-2 font-medium">{q.kind}</th>
                <th className="px-3 py-2 font-medium">{q.enteredBy}</th>
                <th className="px-3 py-2 font-medium">{q.since}</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                <tr
                  key={item.recordId}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  aria-selected={i === active}
                  onClick={() => setActive(i)}
                  className={cn("border-b border-slate-100 last:border-0", i === active ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-500" : "hover:bg-slate-50")}
                  data-testid="queue-row"
                >
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={q.select} checked={ticked.has(item.recordId)} onChange={() => toggle(item.recordId)} className="size-4" />
                  </td>
                  <td className="px-3 py-2 font-medium text-slate-900">
                    <Link href={href(item)} className="hover:underline">
                      {item.title || item.recordId}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-slate-600">{item.templateName}</td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-center gap-1">
                      <Badge tone={item.isNew ? "blue" : "amber"}>{item.isNew ? q.isNew : q.isChange}</Badge>
                      {item.changedFields.slice(0, 4).map((f) => (
                        <span key={f.label} className={cn("text-xs", f.critical ? "font-medium text-red-700" : "text-slate-500")}>
                          {f.label}
                        </span>
                      ))}
                      {item.changedFields.length > 4 && <span className="text-xs text-slate-400">+{item.changedFields.length - 4}</span>}
                    </div>
                  </td>
                  <td className="px-3 py-2 text-slate-600">{item.enteredBy.name}</td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                    <LocalDateTime iso={item.since} />
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <Button size="sm" variant="primary" disabled={busy} onClick={() => act(item, "verify")}>
                      {t.verification.panel.verify}
                    </Button>{" "}
                    <Button size="sm" variant="secondary" disabled={busy} onClick={() => setReturning(item)}>
                      {t.verification.panel.return}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      <Dialog
        open={!!returning}
        onClose={() => setReturning(null)}
        title={t.verification.panel.returnTitle}
        footer={
          <>
            <Button variant="secondary" onClick={() => setReturning(null)}>
              {t.common.actions.cancel}
            </Button>
            <Button variant="primary" disabled={busy || !reason.trim()} onClick={() => returning && act(returning, "return", reason)}>
              {t.verification.panel.confirmReturn}
            </Button>
          </>
        }
      >
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium text-slate-700">{t.verification.panel.reason}</span>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t.verification.panel.reasonPlaceholder} rows={3} maxLength={500} autoFocus />
          <span className="text-slate-500">{t.verification.panel.returnHint}</span>
        </label>
      </Dialog>
    </div>
  );
}
