"use client";

import { useEffect, useId, useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/form-controls";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { CalendarLinkStatus } from "@/lib/calendar/calendar-link";
import { fmt } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/schema/format-value";

/**
 * 日历订阅: make, replace or revoke one's calendar feed link. The full link is shown once, right
 * after it is made (the server keeps only its hash), with a copy button and how to subscribe.
 */
export function CalendarLinkDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const c = t.workbench.calendar;
  const toast = useToast();
  const id = useId();
  const [status, setStatus] = useState<CalendarLinkStatus | null | undefined>(undefined);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState(false);

  const fail = (err: unknown) => setError(err instanceof ApiError ? err.message : t.common.errors.generic);

  useEffect(() => {
    apiFetch<{ link: CalendarLinkStatus | null }>("/api/calendar-link").then((r) => setStatus(r.link), fail);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once when the dialog opens
  }, []);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await apiFetch<CalendarLinkStatus & { token: string }>("/api/calendar-link", { method: "POST", body: { names } });
      setStatus({ createdAt: made.createdAt, lastUsedAt: made.lastUsedAt, names: made.names });
      setUrl(`${window.location.origin}/api/calendar/${made.token}.ics`);
      setCopied(false);
      toast(c.created);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/calendar-link", { method: "DELETE" });
      setStatus(null);
      setUrl(null);
      setConfirming(false);
      toast(c.revoked);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // No clipboard (plain http on a phone): select the text so that the user copies it by hand.
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
      return;
    }
    setCopied(true);
  };

  return (
    <>
      <Dialog
        open
        onClose={onClose}
        title={c.title}
        className="max-w-xl"
        footer={
          <>
            {status && (
              <Button variant="danger" onClick={() => setConfirming(true)} disabled={busy}>
                {c.revoke}
              </Button>
            )}
            <Button variant={status ? "secondary" : "primary"} onClick={() => void create()} busy={busy} disabled={status === undefined}>
              {status ? c.recreate : c.create}
            </Button>
            <Button onClick={onClose}>{c.close}</Button>
          </>
        }
      >
        <div className="flex flex-col gap-3 text-sm text-slate-700">
          <p>{c.intro}</p>
          {status === undefined && !error && <Spinner className="size-4" />}
          {status === null && <p className="font-medium">{c.none}</p>}
          {status && (
            <p className="font-medium">
              {fmt(c.active, {
                created: formatDateTime(status.createdAt),
                used: status.lastUsedAt ? fmt(c.lastUsed, { at: formatDateTime(status.lastUsedAt) }) : c.neverUsed,
              })}
              <span className="block text-xs font-normal text-slate-500">{status.names ? c.namesShown : c.namesMasked}</span>
              {!url && <span className="block text-xs font-normal text-slate-500">{c.recreateHint}</span>}
            </p>
          )}
          {status !== undefined && (
            <label className="flex items-start gap-2 rounded-md border border-slate-200 p-2.5">
              <input type="checkbox" className="mt-0.5" checked={names} onChange={(e) => setNames(e.target.checked)} />
              <span>
                <span className="font-medium text-slate-900">{c.namesOption}</span>
                <span className="block text-xs text-slate-500">{c.namesHelp}</span>
              </span>
            </label>
          )}
          {url && (
            <div className="flex flex-col gap-2 rounded-md border border-blue-200 bg-blue-50 p-3">
              <label htmlFor={`${id}-url`} className="font-medium text-slate-900">
                {c.linkLabel}
              </label>
              <div className="flex gap-2">
                <Input id={`${id}-url`} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" data-testid="calendar-url" />
                <Button variant="primary" onClick={() => void copy()}>
                  {copied ? c.copied : c.copy}
                </Button>
              </div>
              <p className="text-xs text-slate-600">{c.secret}</p>
              <h3 className="mt-1 font-medium text-slate-900">{c.howTo}</h3>
              <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
                <li>{c.iphone}</li>
                <li>{c.android}</li>
                <li>{c.outlook}</li>
              </ul>
            </div>
          )}
          <p className="text-xs text-slate-500">{c.privacy}</p>
          {error && <Alert tone="error">{error}</Alert>}
        </div>
      </Dialog>
      <ConfirmDialog open={confirming} title={c.revoke} description={c.revokeConfirm} confirmLabel={c.revoke} danger busy={busy} onConfirm={() => void revoke()} onCancel={() => setConfirming(false)} />
    </>
  );
}
