"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input, Select } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";

/** A template a link may be made in: its offerable sections and the template's default choice. */
export interface LinkTemplateOption {
  key: string;
  name: string;
  sections: { key: string; title: string }[];
  defaults: string[];
}

const EXPIRY_DAYS = [1, 3, 7, 14, 30];

/**
 * 客户自填链接: choose the sections the customer may see and fill, the expiry and whether the link
 * is used once; the link is then shown once — with a QR code made on the server and a copy
 * button — since the server keeps only its hash. For a record (`recordId`) or a new customer.
 */
export function CreateLinkDialog({ templates, recordId, label, variant = "secondary" }: { templates: LinkTemplateOption[]; recordId?: string; label: string; variant?: "primary" | "secondary" }) {
  const { t } = useI18n();
  const d = t.selfFill.dialog;
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [templateKey, setTemplateKey] = useState(templates[0]?.key ?? "");
  const template = templates.find((x) => x.key === templateKey) ?? templates[0];
  const [sections, setSections] = useState<string[]>(template?.defaults ?? []);
  const [days, setDays] = useState(7);
  const [once, setOnce] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ url: string; qrSvg: string } | null>(null);
  const [copied, setCopied] = useState(false);

  const start = () => {
    setMade(null);
    setError(null);
    setCopied(false);
    setSections(template?.defaults ?? []);
    setOpen(true);
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await apiFetch<{ url: string; qrSvg: string }>("/api/self-fill/links", {
        method: "POST",
        body: { templateKey: template.key, recordId: recordId ?? null, sections, expiresInDays: days, once },
      });
      setMade(res);
      toast(d.created);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied(true);
    } catch {
      // No clipboard (plain http): select the text so that it is copied by hand.
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
    }
  };

  if (!template) return null;
  return (
    <>
      <Button variant={variant} onClick={start} data-testid="self-fill-open">
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={d.title}
        className="max-w-lg"
        footer={
          made ? (
            <Button onClick={() => setOpen(false)}>{d.close}</Button>
          ) : (
            <>
              <Button onClick={() => setOpen(false)}>{d.cancel}</Button>
              <Button variant="primary" busy={busy} disabled={sections.length === 0} onClick={() => void create()}>
                {d.create}
              </Button>
            </>
          )
        }
      >
        {made ? (
          <div className="flex flex-col gap-3 text-sm">
            <div className="flex flex-col items-center gap-1">
              {/* SVG made on the server by the qrcode library from our own link: no markup from users. */}
              <div className="size-48 [&>svg]:size-full" role="img" aria-label={d.qr} dangerouslySetInnerHTML={{ __html: made.qrSvg }} data-testid="self-fill-qr" />
              <span className="text-xs text-slate-500">{d.qr}</span>
            </div>
            <label htmlFor={`${id}-url`} className="font-medium text-slate-900">
              {d.linkLabel}
            </label>
            <div className="flex gap-2">
              <Input id={`${id}-url`} readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" data-testid="self-fill-url" />
              <Button variant="primary" onClick={() => void copy()}>
                {copied ? d.copied : d.copy}
              </Button>
            </div>
            <p className="text-xs text-slate-600">{d.secret}</p>
          </div>
        ) : (
          <div className="flex flex-col gap-4 text-sm text-slate-700">
            <p>{d.intro}</p>
            {!recordId && templates.length > 1 && (
              <label className="flex flex-col gap-1">
                <span className="font-medium text-slate-900">{d.template}</span>
                <Select
                  value={template.key}
                  onChange={(e) => {
                    setTemplateKey(e.target.value);
                    setSections(templates.find((x) => x.key === e.target.value)?.defaults ?? []);
                  }}
                >
                  {templates.map((x) => (
                    <option key={x.key} value={x.key}>
                      {x.name}
                    </option>
                  ))}
                </Select>
              </label>
            )}
            <fieldset>
              <legend className="mb-1 font-medium text-slate-900">{d.sections}</legend>
              <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
                {template.sections.map((s) => (
                  <label key={s.key} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      className="size-4 accent-blue-600"
                      checked={sections.includes(s.key)}
                      onChange={(e) => setSections((prev) => (e.target.checked ? [...prev, s.key] : prev.filter((k) => k !== s.key)))}
                    />
                    {s.title}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex flex-wrap gap-4">
              <label className="flex flex-col gap-1">
                <span className="font-medium text-slate-900">{d.expiry}</span>
                <Select value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {EXPIRY_DAYS.map((n) => (
                    <option key={n} value={n}>
                      {fmt(d.days, { n })}
                    </option>
                  ))}
                </Select>
              </label>
              <fieldset className="flex flex-col gap-1">
                <legend className="mb-1 font-medium text-slate-900">{d.use}</legend>
                <label className="flex items-center gap-2">
                  <input type="radio" name={`${id}-once`} className="size-4 accent-blue-600" checked={once} onChange={() => setOnce(true)} />
                  {d.once}
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name={`${id}-once`} className="size-4 accent-blue-600" checked={!once} onChange={() => setOnce(false)} />
                  {d.untilExpiry}
                </label>
              </fieldset>
            </div>
            {error && <Alert tone="error">{error}</Alert>}
          </div>
        )}
      </Dialog>
    </>
  );
}
