"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";

const recordUrl = (templateKey: string, recordId: string) => `/api/templates/${encodeURIComponent(templateKey)}/records/${recordId}`;

/** Calls verify or return on a record at the revision the reviewer looked at; the answer's message is the service's. */
export async function postVerification(params: { templateKey: string; recordId: string; revision: number; verb: "verify" | "return"; reason?: string }) {
  await apiFetch(`${recordUrl(params.templateKey, params.recordId)}/${params.verb}`, { body: { revision: params.revision, ...(params.reason !== undefined ? { reason: params.reason } : {}) } });
}

/** 核对通过 and 退回 (with a reason) for a reviewer who may check the record now. */
export function VerificationActions({ templateKey, recordId, revision, onDone }: { templateKey: string; recordId: string; revision: number; onDone?: () => void }) {
  const { t } = useI18n();
  const v = t.verification.panel;
  const toast = useToast();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const run = async (verb: "verify" | "return") => {
    setBusy(true);
    try {
      await postVerification({ templateKey, recordId, revision, verb, reason: verb === "return" ? reason : undefined });
      toast(verb === "verify" ? v.verified : v.returned);
      setReturning(false);
      onDone?.();
      router.refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="primary" disabled={busy} onClick={() => run("verify")}>
        {v.verify}
      </Button>
      <Button variant="secondary" disabled={busy} onClick={() => setReturning(true)}>
        {v.return}
      </Button>
      <Dialog
        open={returning}
        onClose={() => setReturning(false)}
        title={v.returnTitle}
        footer={
          <>
            <Button variant="secondary" onClick={() => setReturning(false)}>
              {t.common.actions.cancel}
            </Button>
            <Button variant="primary" disabled={busy || !reason.trim()} onClick={() => run("return")}>
              {v.confirmReturn}
            </Button>
          </>
        }
      >
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium text-slate-700">{v.reason}</span>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={v.reasonPlaceholder} rows={3} maxLength={500} autoFocus />
          <span className="text-slate-500">{v.returnHint}</span>
        </label>
      </Dialog>
    </>
  );
}
