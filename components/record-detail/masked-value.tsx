"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { useToast } from "@/components/ui/toast";
import { Spinner } from "@/components/ui/spinner";
import { formatValue } from "@/lib/schema/format-value";
import type { FieldKind } from "@/lib/schema/types";

/**
 * A masked personal-data value with a "查看" button for roles allowed to see it in full. The
 * server records each reveal; the page is refreshed so that the history shows it at once.
 */
export function MaskedValue({
  templateKey,
  recordId,
  pointer,
  kind,
  masked,
  nowrap = false,
  endpoint,
}: {
  templateKey: string;
  recordId: string;
  pointer: string;
  kind: FieldKind;
  masked: string;
  /** Keep value and button on one line (table cells). */
  nowrap?: boolean;
  /** Where the audited reveal is asked for; default: the record's own (a customer's proposed value has its own). */
  endpoint?: string;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const router = useRouter();
  const [full, setFull] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);

  const reveal = async () => {
    if (full !== null) return setShown(true);
    setBusy(true);
    try {
      const res = await apiFetch<{ value: unknown }>(endpoint ?? `/api/templates/${encodeURIComponent(templateKey)}/records/${recordId}/reveal`, { body: { path: pointer } });
      setFull(formatValue(kind, res.value, locale));
      setShown(true);
      router.refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.detail.revealFailed, "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className={`inline-flex items-center gap-x-2 gap-y-0.5 ${nowrap ? "whitespace-nowrap" : "flex-wrap"}`}>
      <span className={shown ? "rounded bg-amber-50 px-1 font-medium text-slate-900 ring-1 ring-amber-200 ring-inset" : "font-mono tracking-tight text-slate-700"}>{shown && full !== null ? full : masked}</span>
      <button
        type="button"
        onClick={shown ? () => setShown(false) : reveal}
        disabled={busy}
        title={shown ? undefined : t.detail.actions.revealTitle}
        aria-pressed={shown}
        className="inline-flex items-center gap-1 rounded px-1 text-xs font-medium text-blue-700 hover:bg-blue-50 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60"
      >
        {busy && <Spinner className="size-3" />}
        {shown ? t.detail.actions.hide : t.detail.actions.reveal}
      </button>
    </span>
  );
}
