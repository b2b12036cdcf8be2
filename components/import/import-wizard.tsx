"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ImportJobView, ImportView } from "@/lib/imports/import-view";
import { columnLetters } from "@/lib/imports/exceljs-cell-refs";
import { rangesText } from "@/lib/imports/row-ranges";
import { rowLabel } from "@/lib/imports/sheet-joins";
import { ImportProgress } from "./import-progress";
import { ImportSteps, type ImportStep } from "./import-steps";
import { ImportUndo } from "./import-undo";

type Verdict = "create" | "update" | "unchanged" | "duplicate" | "reject";
const VERDICTS: Verdict[] = ["create", "update", "unchanged", "duplicate", "reject"];
const TONES = { create: "green", update: "blue", unchanged: "neutral", duplicate: "amber", reject: "red" } as const;
const ENCODINGS = ["utf-8", "gb18030", "utf-16le", "utf-16be", "big5"];
const DELIMITERS = [",", ";", "\t"];
/**
 * The rows to look at that a job lists (a few of each verdict, its samples) and how many it does
 * not: 5 of 9 refused rows were listed without a word about the other 4.
 */
export function problemRows(job: ImportJobView | null): { listed: NonNullable<ImportJobView["samples"]>; unlisted: number } {
  const listed = (job?.samples ?? []).filter((s) => s.verdict === "reject" || s.verdict === "duplicate");
  const total = (job?.rows?.reject ?? 0) + (job?.rows?.duplicate ?? 0);
  return { listed, unlisted: Math.max(0, total - listed.length) };
}

const active = (job: ImportJobView | null) => !!job && (job.progress.status === "running" || job.progress.status === "pending");

/**
 * The import, step by step: upload → sheet / encoding → column mapping, record key, mode and
 * fixed values → check (a dry run with a verdict per row) → run with progress → result and the
 * rows sent back as an .xlsx. Everything is decided on the server; this page shows and asks.
 */
export function ImportWizard({ templateKey, initial = null }: { templateKey: string; initial?: ImportView | null }) {
  const { t } = useI18n();
  const d = t.imports;
  const base = `/api/templates/${encodeURIComponent(templateKey)}/imports`;
  const [view, setView] = useState<ImportView | null>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const call = useCallback(async (run: () => Promise<{ import: ImportView }>) => {
    setBusy(true);
    setError(null);
    try {
      setView((await run()).import);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }, []);

  const upload = (file: File) =>
    call(async () => {
      const res = await fetch(base, { method: "POST", body: file, headers: { "x-file-name": encodeURIComponent(file.name), "content-type": "application/octet-stream" } });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? "INTERNAL", json?.error?.message ?? `${res.status}`);
      return json;
    });
  const patch = (body: Record<string, unknown>) => call(() => apiFetch(`${base}/${view!.id}`, { method: "PATCH", body }));
  const start = (phase: "check" | "run") => call(() => apiFetch(`${base}/${view!.id}/${phase}`, { method: "POST", body: {} }));

  // Poll while a check or run is under way.
  const id = view?.id;
  const polling = active(view?.check ?? null) || active(view?.run ?? null) || active((view?.undo ?? null) as ImportJobView | null);
  useEffect(() => {
    if (!id || !polling) return;
    const timer = setInterval(() => {
      apiFetch<{ import: ImportView }>(`${base}/${id}`)
        .then((r) => setView(r.import))
        .catch(() => undefined);
    }, 700);
    return () => clearInterval(timer);
  }, [base, id, polling]);
  // The history below (server-rendered) as of now whenever a check, run or undo starts or ends:
  // before, it said 只做过检查 for the import just run until the page was reloaded.
  const router = useRouter();
  const wasPolling = useRef(polling);
  useEffect(() => {
    if (wasPolling.current !== polling) router.refresh();
    wasPolling.current = polling;
  }, [polling, router]);

  if (!view)
    return (
      <div className="flex flex-col gap-4">
        <ImportSteps current="upload" />
        <Card className="p-6">
          <p className="text-sm text-slate-600">{d.intro}</p>
          <div
            className={`mt-4 flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-6 py-10 text-center ${dragging ? "border-blue-500 bg-blue-50" : "border-slate-300"}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              const file = e.dataTransfer.files[0];
              if (file) void upload(file);
            }}
          >
            <p className="text-sm text-slate-700">{busy ? d.uploading : d.drop}</p>
            {/* One control: the file input itself, hidden from sight inside a label drawn as a button (a
                tab stop, Enter or Space opens the chooser, named 选择文件). Before, the input was a tab
                stop of its own and a 选择文件 button after it clicked it. */}
            <label className={buttonClass("primary", "md", cn("cursor-pointer has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-blue-600", busy && "cursor-not-allowed opacity-50"))} aria-busy={busy || undefined}>
              <input type="file" accept=".xlsx,.csv,.xls,.txt,.tsv" className="sr-only" disabled={busy} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
              {busy && <Spinner className="size-4" />}
              {d.choose}
            </label>
            <p className="text-xs text-slate-500">{d.limits}</p>
          </div>
          {error && (
            <Alert tone="error" className="mt-4">
              {error}
            </Alert>
          )}
        </Card>
      </div>
    );

  const locked = !!view.run || active(view.check);
  const mapped = new Set(view.mapping.filter(Boolean));
  const missingRequired = view.targets.filter((f) => f.required && !f.table && !mapped.has(f.path));
  const checkDone = view.check?.progress.status === "done";
  const runDone = view.run?.progress.status === "done";
  const job = view.run ?? view.check;
  const { listed: problems, unlisted } = problemRows(job);
  const step: ImportStep = runDone ? "done" : view.run ? "run" : view.check ? "check" : "map";

  return (
    <div className="flex flex-col gap-4">
      <ImportSteps current={step} />
      <Card className="p-5">
        <div className="flex flex-wrap items-end gap-4">
          <div className="min-w-0">
            <div className="text-xs text-slate-500">{d.file}</div>
            <div className="truncate font-medium text-slate-900">{view.fileName}</div>
          </div>
          {view.format === "xlsx" && view.sheets.length > 1 && (
            <label className="flex flex-col gap-1 text-xs text-slate-500">
              {d.sheet}
              <Select value={view.sheet ?? ""} disabled={locked || busy} onChange={(e) => patch({ sheet: e.target.value })}>
                {view.sheets.map((s) => (
                  <option key={s} value={s}>
                    {view.hiddenSheets.includes(s) ? fmt(d.hiddenSheet, { sheet: s }) : s}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {view.format === "xlsx" && view.sheets.length > 1 && (
            <label className="flex max-w-md items-start gap-2 text-sm text-slate-700">
              <input type="checkbox" className="mt-1 size-4" checked={view.joinSheets} disabled={locked || busy} onChange={(e) => patch({ joinSheets: e.target.checked })} />
              <span>
                {d.joinSheets}
                <span className="block text-xs text-slate-500">{view.joins.length ? fmt(d.joinSheetsHelp, { sheets: view.joins.join("、") }) : d.joinSheetsNone}</span>
              </span>
            </label>
          )}
          {view.format === "csv" && (
            <label className="flex flex-col gap-1 text-xs text-slate-500">
              {d.encoding}
              <Select value={view.encoding ?? ""} disabled={locked || busy} onChange={(e) => patch({ encoding: e.target.value })}>
                {ENCODINGS.map((e) => (
                  <option key={e} value={e}>
                    {d.encodings[e]}
                    {e === view.detectedEncoding ? d.detected : ""}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {view.format === "csv" && (
            <label className="flex flex-col gap-1 text-xs text-slate-500">
              {d.delimiter}
              <Select value={view.delimiter ?? ","} disabled={locked || busy} onChange={(e) => patch({ delimiter: e.target.value })}>
                {DELIMITERS.map((s) => (
                  <option key={s} value={s}>
                    {d.delimiters[s]}
                    {s === view.detectedDelimiter ? d.detected : ""}
                  </option>
                ))}
              </Select>
            </label>
          )}
          {view.headerRow !== null && (
            <label className="flex flex-col gap-1 text-xs text-slate-500">
              {d.headerRow}
              <Input
                key={`${view.sheet}:${view.encoding}:${view.delimiter}:${view.headerRow}`}
                type="number"
                min={1}
                max={100}
                className="w-24"
                defaultValue={view.headerRow}
                disabled={locked || busy}
                onBlur={(e) => {
                  const row = Number(e.target.value);
                  if (Number.isInteger(row) && row >= 1 && row !== view.headerRow) void patch({ headerRow: row });
                }}
              />
            </label>
          )}
          <Button className="ml-auto" variant="ghost" disabled={active(view.run)} onClick={() => setView(null)}>
            {d.another}
          </Button>
        </div>
      </Card>

      <Card className="p-5">
        <h2 className="text-base font-semibold text-slate-900">{d.mapping}</h2>
        <p className="mt-1 text-sm text-slate-500">{d.mappingHelp}</p>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="py-2 pr-3 font-medium">{d.column}</th>
                <th className="py-2 pr-3 font-medium">{d.sample}</th>
                <th className="py-2 font-medium">{d.field}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.headers.map((h, i) => (
                <tr key={i}>
                  <td className="py-1.5 pr-3 font-medium text-slate-800">
                    {h || `#${i + 1}`}
                    {/* Mapped, a hidden column is imported like any other: before, only the check's notes said it was there. */}
                    {view.hiddenColumns.includes(i) && (
                      <Badge tone="neutral" className="ml-2 font-normal">
                        {d.hiddenInExcel}
                      </Badge>
                    )}
                  </td>
                  <td className="max-w-56 truncate py-1.5 pr-3 text-slate-500">{view.sample.map((r) => r[i]).filter(Boolean).slice(0, 2).join(" · ")}</td>
                  <td className="py-1.5">
                    <Select
                      aria-label={`${d.field}：${h}`}
                      value={view.mapping[i] ?? ""}
                      disabled={locked || busy}
                      onChange={(e) => patch({ mapping: view.mapping.map((m, j) => (j === i ? e.target.value || null : m)) })}
                    >
                      <option value="">{d.ignore}</option>
                      {view.targets.map((f) => (
                        <option key={f.path} value={f.path}>
                          {f.label}
                        </option>
                      ))}
                    </Select>
                    {view.units[i] && <span className="mt-0.5 block text-xs text-amber-700">{fmt(d.columnUnit, { unit: view.units[i] })}</span>}
                    {!view.mapping[i] && view.sample.some((r) => !!r[i]?.trim()) && <span className="mt-0.5 block text-xs text-amber-700">{d.unmappedSample}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <label className="flex flex-col gap-1 text-sm text-slate-700">
            {d.key}
            <Select value={view.keyField ?? ""} disabled={locked || busy} onChange={(e) => patch({ keyField: e.target.value || null, ...(e.target.value ? {} : { mode: "create" }) })}>
              <option value="">{d.noKey}</option>
              {view.keyFields.map((k) => (
                <option key={k} value={k}>
                  {view.targets.find((f) => f.path === k)?.label ?? k}
                </option>
              ))}
            </Select>
            <span className="text-xs text-slate-500">{d.keyHelp}</span>
          </label>
          <fieldset className="flex flex-col gap-1 text-sm text-slate-700">
            <legend className="mb-1">{d.mode}</legend>
            {(["create", "upsert", "update"] as const).map((m) => (
              <label key={m} className="flex items-start gap-2">
                <input type="radio" name="mode" className="mt-1" checked={view.mode === m} disabled={locked || busy || (m !== "create" && !view.keyField)} onChange={() => patch({ mode: m })} />
                <span>
                  {d.modes[m]}
                  <span className="block text-xs text-slate-500">{d.modeHelp[m]}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        {missingRequired.length > 0 && (
          <div className="mt-4">
            <h3 className="text-sm font-medium text-slate-800">{d.constants}</h3>
            <p className="text-xs text-slate-500">{d.constantsHelp}</p>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {missingRequired.map((f) => (
                <label key={f.path} className="flex flex-col gap-1 text-sm text-slate-700">
                  {f.label}
                  <Input
                    defaultValue={view.constants[f.path] ?? ""}
                    disabled={locked || busy}
                    onBlur={(e) => e.target.value !== (view.constants[f.path] ?? "") && patch({ constants: { ...view.constants, [f.path]: e.target.value } })}
                  />
                </label>
              ))}
            </div>
          </div>
        )}
        {error && (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        )}
        {!view.run && (
          <div className="mt-5 flex flex-wrap items-center gap-3">
            <Button variant={checkDone ? "secondary" : "primary"} busy={busy && !checkDone} disabled={active(view.check)} onClick={() => start("check")}>
              {view.check ? d.recheck : d.check}
            </Button>
            {checkDone && (
              <Button variant="primary" busy={busy} onClick={() => start("run")}>
                {d.run}
              </Button>
            )}
            <span className="text-xs text-slate-500">{d.checkNote}</span>
          </div>
        )}
      </Card>

      {job && (
        <Card className="p-5" aria-live="polite">
          <ImportProgress job={job} label={view.run ? (runDone ? d.runDone.split("：")[0] : d.running) : checkDone ? d.checkDone.split("：")[0] : d.checking} />
          {active(job) && (
            <Button className="mt-3" size="sm" onClick={() => call(() => apiFetch(`${base}/${view.id}/cancel`, { method: "POST", body: {} }))}>
              {d.cancel}
            </Button>
          )}
          {job.progress.status === "failed" && (
            <Alert tone="warning" className="mt-3">
              {fmt(d.failed, { error: job.progress.error ?? "" })}
              {view.run && (
                <Button className="ml-3" size="sm" variant="primary" busy={busy} onClick={() => start("run")}>
                  {d.resume}
                </Button>
              )}
            </Alert>
          )}
          {job.progress.status === "cancelled" && <Alert tone="warning" className="mt-3">{d.cancelled}</Alert>}
          {job.progress.status === "done" && (
            <>
              <p className="mt-3 text-sm text-slate-700" data-testid="import-result">
                {view.run ? fmt(d.runDone, { created: job.records?.created ?? 0, updated: job.records?.updated ?? 0, unchanged: job.records?.unchanged ?? 0 }) : d.checkDone}
              </p>
              <div className="mt-2 flex flex-wrap gap-2" data-testid="import-verdicts">
                {VERDICTS.map((v) => (
                  <Badge key={v} tone={TONES[v]}>
                    {d.verdicts[v]} {job.rows?.[v] ?? 0}
                  </Badge>
                ))}
              </div>
              {!!job.skipped && (
                <div className="mt-3 text-sm text-slate-600" data-testid="import-skipped">
                  <p>{fmt(d.skipped, { count: job.skipped })}</p>
                  <ul className="mt-1 list-disc pl-5 text-slate-500">
                    {(job.skippedRows ?? []).map((s) => (
                      <li key={s.row}>{s.reason}</li>
                    ))}
                    {job.skipped > (job.skippedRows?.length ?? 0) && <li>…</li>}
                  </ul>
                </div>
              )}
              {job.sheetNotes && <SheetNotes notes={job.sheetNotes} view={view} />}
              {!!job.notices && (
                <div className="mt-3 text-sm text-amber-800" data-testid="import-notices">
                  <p>{fmt(d.notices, { count: job.notices })}</p>
                  <ul className="mt-1 list-disc pl-5">
                    {(job.noticeRows ?? []).map((s) => (
                      <li key={s.row}>
                        {rowLabel(s.row, view.joins.map((sheet) => ({ sheet })))}：{s.reason}
                      </li>
                    ))}
                    {job.notices > (job.noticeRows?.length ?? 0) && <li>…</li>}
                  </ul>
                </div>
              )}
              <h3 className="mt-4 text-sm font-medium text-slate-800">{d.problems}</h3>
              {problems.length === 0 ? (
                <p className="mt-1 text-sm text-slate-500">{d.problemsNone}</p>
              ) : (
                <>
                  <table className="mt-2 w-full text-sm">
                    <thead className="text-left text-xs text-slate-500">
                      <tr>
                        <th className="py-1 pr-3 font-medium">{d.row}</th>
                        <th className="py-1 pr-3 font-medium">{d.verdict}</th>
                        <th className="py-1 font-medium">{d.reason}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {problems.map((p) => (
                        <tr key={`${p.row}-${p.verdict}`}>
                          <td className="py-1.5 pr-3 tabular-nums">{rowLabel(p.row, view.joins.map((sheet) => ({ sheet })))}</td>
                          <td className="py-1.5 pr-3">
                            <Badge tone={TONES[p.verdict]}>{d.verdicts[p.verdict]}</Badge>
                          </td>
                          <td className="py-1.5 text-slate-700">{p.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {unlisted > 0 && <p className="mt-2 text-sm text-slate-600">{fmt(d.problemsMore, { count: unlisted, total: problems.length + unlisted })}</p>}
                  <a className="mt-3 inline-block text-sm text-blue-700 hover:underline" href={`${base}/${view.id}/errors?phase=${view.run ? "run" : "check"}`} title={d.errorSheetHelp}>
                    {d.errorSheet}
                  </a>
                </>
              )}
              {runDone && (
                <div className="mt-4">
                  <ButtonLink href={`/t/${encodeURIComponent(templateKey)}`} variant="primary">
                    {d.toList}
                  </ButtonLink>
                </div>
              )}
            </>
          )}
          {view.run && !active(view.run) && <ImportUndo view={view} templateKey={templateKey} busy={busy} onUndo={() => call(() => apiFetch(`${base}/${view.id}/undo`, { method: "POST", body: {} }))} />}
        </Card>
      )}
    </div>
  );
}

/** What the whole sheet holds that a person should know (see SheetNotes in scan-groups.ts), under 请注意. */
function SheetNotes({ notes, view }: { notes: NonNullable<ImportJobView["sheetNotes"]>; view: ImportView }) {
  const { t } = useI18n();
  const d = t.imports;
  const title = (column: number) => view.headers[column] || `#${column + 1}`;
  const joins = view.joins.map((sheet) => ({ sheet }));
  return (
    <div className="mt-3 text-sm text-amber-800" data-testid="import-sheet-notes">
      <p>{d.sheetNotes}</p>
      <ul className="mt-1 list-disc pl-5">
        {notes.hiddenRows && <li>{fmt(d.hiddenRows, { rows: rangesText(notes.hiddenRows, { separator: d.rangeSeparator, more: d.rangesMore }, joins), count: notes.hiddenRows.count, filtered: notes.filtered ? d.hiddenRowsFiltered : "" })}</li>}
        {(notes.hiddenColumns ?? []).map((c) => (
          <li key={`h${c.column}`}>{fmt(d.hiddenColumn, { column: title(c.column), count: c.rows })}</li>
        ))}
        {(notes.unmapped ?? []).map((c) => (
          <li key={`u${c.column}`}>{fmt(d.unmappedColumn, { column: title(c.column), count: c.rows })}</li>
        ))}
        {(notes.untitled ?? []).map((c) => (
          <li key={`n${c.sheet ?? 0}:${c.column}`}>{fmt(d.untitledColumn, { column: c.sheet ? fmt(d.sheetColumnLetter, { sheet: view.joins[c.sheet - 1] ?? "", letter: columnLetters(c.column + 1) }) : fmt(d.columnLetter, { letter: columnLetters(c.column + 1) }), count: c.rows })}</li>
        ))}
        {!!notes.untitledMore && <li>{fmt(d.untitledMore, { count: notes.untitledMore })}</li>}
      </ul>
    </div>
  );
}
