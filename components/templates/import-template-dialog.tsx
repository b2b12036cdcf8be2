"use client";

import { useId, useState, type ChangeEvent, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fieldErrorMap } from "@/components/users/field-error-map";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TemplateAdminSummary } from "@/lib/templates/edit-types";
import { importProblems, isKeyConflict, readImportFile, type ImportFileResult, type ImportProblem } from "./import-file";

const MAX_MB = 5;

type Failure = { kind: "message"; text: string } | { kind: "problems"; title: string; problems: ImportProblem[] } | { kind: "conflict"; key: string };

/**
 * "导入模板": choose an exported .json file, see which template it holds, optionally rename it or
 * give it another key, import. Problems are shown in the dialog: not JSON, not a template file,
 * content problems listed by field, and a taken key with the choice to import under a new one.
 */
export function ImportTemplateDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (template: TemplateAdminSummary) => void }) {
  const { t } = useI18n();
  const d = t.templates.importDialog;
  const id = useId();
  const [fileName, setFileName] = useState("");
  const [file, setFile] = useState<Extract<ImportFileResult, { ok: true }> | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFileName("");
    setFile(null);
    setFileError(null);
    setName("");
    setKey("");
    setErrors({});
    setFailure(null);
  };
  const close = () => {
    if (busy) return;
    reset();
    onClose();
  };

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) reads it again.
    e.target.value = "";
    setFailure(null);
    setErrors({});
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    setFileName(chosen.name);
    if (chosen.size > MAX_MB * 1024 * 1024) return setFileError(fmt(d.errors.tooBig, { size: MAX_MB }));
    let result: ImportFileResult;
    try {
      result = readImportFile(await chosen.text(), t.designer.json.syntaxErrors);
    } catch {
      return setFileError(d.errors.read);
    }
    if (result.ok) setFile(result);
    // A file that is not JSON says where and why, the way the JSON view does.
    else if (result.reason === "notJson") setFileError(fmt(d.errors.notJsonAt, { line: result.line, column: result.column, detail: result.detail }));
    else setFileError(d.errors[result.reason]);
  };

  const send = async (onConflict: "error" | "rename") => {
    if (!file) return setFailure({ kind: "message", text: d.errors.pickFirst });
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const body = { mode: "import", document: file.document, onConflict, ...(name.trim() ? { name: name.trim() } : {}), ...(key.trim() ? { key: key.trim() } : {}) };
      const { template } = await apiFetch<{ template: TemplateAdminSummary }>("/api/templates", { body });
      reset();
      onImported(template);
    } catch (err) {
      if (!(err instanceof ApiError)) return setFailure({ kind: "message", text: t.common.errors.generic });
      if (isKeyConflict(err.status, err.fieldErrors)) return setFailure({ kind: "conflict", key: key.trim() || file.summary.key });
      const inFile = err.fieldErrors.filter((e) => !["/key", "/name"].includes(e.path));
      const mine = fieldErrorMap(err.fieldErrors.filter((e) => ["/key", "/name"].includes(e.path)));
      setErrors(mine);
      // Problems inside the template's content are listed one by one; a problem with the file itself is one message.
      if (inFile.length && !inFile.every((e) => e.path.startsWith("/document")))
        setFailure({ kind: "problems", title: fmt(d.errors.invalidTitle, { count: inFile.length }), problems: importProblems(inFile) });
      else if (!Object.keys(mine).length) setFailure({ kind: "message", text: inFile[0]?.message ?? err.message });
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send("error");
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={d.title}
      className="max-w-lg"
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            {t.common.actions.cancel}
          </Button>
          <Button type="submit" form={`${id}-form`} variant="primary" busy={busy} disabled={!file}>
            {d.submit}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={submit} noValidate className="flex flex-col gap-4 pt-1 pb-1">
        <p className="text-sm text-slate-500">{d.help}</p>
        <FormField id={`${id}-file`} label={d.file} required error={fileError}>
          {/* The native control would speak the browser's language ("Choose File"); ours is Chinese. */}
          <div className="flex min-w-0 items-center gap-3">
            <input
              id={`${id}-file`}
              type="file"
              accept=".json,application/json"
              onChange={pick}
              aria-invalid={!!fileError || undefined}
              aria-describedby={fileError ? `${id}-file-error` : undefined}
              className="peer sr-only"
            />
            <label
              htmlFor={`${id}-file`}
              className={`${buttonClass("secondary")} cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600`}
            >
              {fileName ? d.change : d.choose}
            </label>
            <span className={`min-w-0 truncate text-sm ${fileName ? "text-slate-700" : "text-slate-400"}`}>{fileName || d.noFile}</span>
          </div>
        </FormField>
        {file && (
          <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
            <p className="font-medium text-slate-900">{fmt(d.summary, { name: file.summary.name || "—" })}</p>
            <p className="mt-0.5 font-mono text-xs text-slate-500">
              {fmt(d.summaryMeta, { key: file.summary.key || "—", version: file.summary.version || "—" })} · {fileName}
            </p>
          </div>
        )}
        {failure?.kind === "message" && <Alert tone="error">{failure.text}</Alert>}
        {failure?.kind === "problems" && (
          <Alert tone="error" title={failure.title}>
            <ul className="mt-1 flex max-h-56 list-disc flex-col gap-1 overflow-y-auto pl-5">
              {failure.problems.map((p, i) => (
                <li key={i}>
                  <span className="font-medium">{p.where}</span>
                  {p.pointer && p.pointer !== p.where && <code className="ml-1 text-xs text-red-700/80">{p.pointer}</code>}
                  <br />
                  {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {failure?.kind === "conflict" && (
          <Alert
            tone="warning"
            title={fmt(d.conflictTitle, { key: failure.key })}
            actions={
              <Button size="sm" variant="primary" onClick={() => void send("rename")} busy={busy}>
                {d.renameImport}
              </Button>
            }
          >
            {d.conflictHelp}
          </Alert>
        )}
        {file && (
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id={`${id}-name`} label={d.name} help={d.nameHelp} error={errors.name}>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} placeholder={file.summary.name} invalid={!!errors.name} maxLength={100} autoComplete="off" />
            </FormField>
            <FormField id={`${id}-key`} label={d.key} help={d.keyHelp} error={errors.key}>
              <Input
                id={`${id}-key`}
                value={key}
                onChange={(e) => {
                  setKey(e.target.value.toLowerCase());
                  if (failure?.kind === "conflict") setFailure(null);
                }}
                placeholder={file.summary.key}
                invalid={!!errors.key}
                className="font-mono"
                spellCheck={false}
                maxLength={64}
                autoComplete="off"
              />
            </FormField>
          </div>
        )}
      </form>
    </Dialog>
  );
}
