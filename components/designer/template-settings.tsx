"use client";

import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { LIST_META_COLUMNS, moveColumn, setColumn, setDefaultSort, setTitleField, sortCandidates, titleCandidates } from "@/lib/template-model/list-settings";
import type { DesignerModel } from "@/lib/template-model/model";
import { criticalCandidates, isCriticalIn, setCritical, setVerificationEnabled, verificationSettings } from "@/lib/template-model/verification-settings";
import { fmt } from "@/lib/i18n/dictionaries";
import { DATA_SCOPES, scopeOf } from "@/lib/schema/scopes";
import type { DataScope } from "@/lib/schema/types";
import { ROLES } from "@/lib/shared/role";
import { useI18n } from "../i18n-provider";
import { Select } from "../ui/form-controls";
import { Prop, PropGroup, ProblemNote } from "./prop-inputs";
import { ReminderRulesEditor } from "./reminder-rules-editor";
import { SelfFillSettings } from "./self-fill-settings";

const arrow = (d: string) => (
  <svg viewBox="0 0 20 20" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

function Mini({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="flex size-7 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-30">
      {children}
    </button>
  );
}

/**
 * What the properties panel shows when no field is selected: the template's own settings — the
 * field that names a record, the list's default sort and its columns (order, meta columns), and
 * verification (双重验证) with its critical fields, and customer self-fill (客户自填). Field columns come and go with each field's
 * 在列表中显示.
 */
export function TemplateSettings({ model, onModel, problems }: { model: DesignerModel; onModel: (model: DesignerModel) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const s = t.designer.settings;
  const meta = t.list.meta;
  const titles = titleCandidates(model);
  const sorts = sortCandidates(model);
  const labelOf = (c: string) => (c.startsWith("@") ? (meta[c] ?? c) : fieldLabelPath(model, c));
  const columns = model.list.columns;
  const sort = model.list.defaultSort ?? { field: "@updatedAt", dir: "desc" as const };
  const at = (prop: string) => problems.filter((p) => p.property === prop || p.property?.startsWith(`${prop}.`) || p.property?.startsWith(`${prop}/`));
  return (
    <>
      <p className="px-4 pb-3 text-sm text-slate-500">{t.designer.props.none}</p>
      <PropGroup title={s.title}>
        <Prop label={s.titleField} help={s.titleHelp} problems={at("list.titleField")}>
          {(id) => (
            <Select id={id} value={model.list.titleField ?? ""} onChange={(e) => onModel(setTitleField(model, e.target.value || undefined))}>
              <option value="">{s.none}</option>
              {titles.map((c) => (
                <option key={c.path} value={c.path}>
                  {fieldLabelPath(model, c.path)}
                </option>
              ))}
            </Select>
          )}
        </Prop>
        <Prop label={s.sort} problems={at("list.defaultSort")}>
          {(id) => (
            <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-2">
              <Select id={id} value={sort.field} onChange={(e) => onModel(setDefaultSort(model, { field: e.target.value, dir: sort.dir }))}>
                {LIST_META_COLUMNS.filter((c) => c !== "@owner").map((c) => (
                  <option key={c} value={c}>
                    {meta[c] ?? c}
                  </option>
                ))}
                {sorts.map((c) => (
                  <option key={c.path} value={c.path}>
                    {fieldLabelPath(model, c.path)}
                  </option>
                ))}
              </Select>
              <Select aria-label={s.sortDir} value={sort.dir} onChange={(e) => onModel(setDefaultSort(model, { field: sort.field, dir: e.target.value as "asc" | "desc" }))}>
                <option value="desc">{s.desc}</option>
                <option value="asc">{s.asc}</option>
              </Select>
            </div>
          )}
        </Prop>
      </PropGroup>
      <PropGroup title={s.columns}>
        <p className="-mt-1 text-xs text-slate-400">{s.columnsHelp}</p>
        {columns.length === 0 ? (
          <p className="text-sm text-slate-500">{s.noColumns}</p>
        ) : (
          <ol className="flex flex-col gap-0.5">
            {columns.map((c, i) => (
              <li key={c} className="flex items-center gap-1 rounded-md px-1 py-0.5 hover:bg-slate-50">
                <span className="w-5 text-right text-xs text-slate-400 tabular-nums">{i + 1}</span>
                <span className="min-w-0 flex-1 truncate text-sm text-slate-700">{labelOf(c)}</span>
                <Mini label={fmt(s.moveUp, { label: labelOf(c) })} onClick={() => onModel(moveColumn(model, i, -1))} disabled={i === 0}>
                  {arrow("M10 15V5M5 9l5-5 5 5")}
                </Mini>
                <Mini label={fmt(s.moveDown, { label: labelOf(c) })} onClick={() => onModel(moveColumn(model, i, 1))} disabled={i === columns.length - 1}>
                  {arrow("M10 5v10M5 11l5 5 5-5")}
                </Mini>
                <Mini label={fmt(s.hide, { label: labelOf(c) })} onClick={() => onModel(setColumn(model, c, false))}>
                  {arrow("M5 5l10 10M15 5 5 15")}
                </Mini>
              </li>
            ))}
          </ol>
        )}
        <ProblemNote problems={at("list.columns")} />
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {LIST_META_COLUMNS.filter((c) => !columns.includes(c)).map((c) => (
            <button key={c} type="button" className="text-sm text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600" onClick={() => onModel(setColumn(model, c, true))}>
              + {fmt(s.show, { label: meta[c] ?? c })}
            </button>
          ))}
        </div>
      </PropGroup>
      <ReminderRulesEditor model={model} onModel={onModel} problems={problems} />
      <VerificationSettings model={model} onModel={onModel} problems={at("verification")} />
      <SelfFillSettings model={model} onModel={onModel} problems={at("selfFill")} />
      <ScopeSettings model={model} onModel={onModel} problems={at("scopes")} />
    </>
  );
}

/** 数据范围: per role, whether it sees its own, its team's or all records (issue 11). */
function ScopeSettings({ model, onModel, problems }: { model: DesignerModel; onModel: (model: DesignerModel) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const d = t.designer.scopes;
  return (
    <PropGroup title={d.title}>
      <p className="-mt-1 text-xs text-slate-400">{d.help}</p>
      {ROLES.map((role) => (
        <Prop key={role} label={t.common.roles[role]}>
          {(id) => (
            <Select id={id} value={scopeOf(model, role)} onChange={(e) => onModel({ ...model, scopes: { ...model.scopes, [role]: e.target.value as DataScope } })} data-testid={`scope-${role}`}>
              {DATA_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {d[scope]}
                </option>
              ))}
            </Select>
          )}
        </Prop>
      ))}
      <ProblemNote problems={problems} />
    </PropGroup>
  );
}

/** 双重验证: on or off, and the fields, tables or whole sections whose change needs a new check. */
function VerificationSettings({ model, onModel, problems }: { model: DesignerModel; onModel: (model: DesignerModel) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const v = t.verification.settings;
  const settings = verificationSettings(model);
  const candidates = criticalCandidates(model);
  return (
    <PropGroup title={v.title}>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" className="mt-0.5 size-4" checked={settings.enabled} onChange={(e) => onModel(setVerificationEnabled(model, e.target.checked))} data-testid="verification-enabled" />
        <span>{v.enabled}</span>
      </label>
      {settings.enabled && (
        <fieldset className="flex flex-col gap-0.5">
          <legend className="text-sm font-medium text-slate-700">{v.critical}</legend>
          <p className="mb-1 text-xs text-slate-400">{v.criticalHint}</p>
          {candidates.map((c) => {
            const own = settings.critical.includes(c.path);
            const covered = !own && isCriticalIn(model, c.path);
            return (
              <label key={c.path} className="flex items-center gap-2 py-0.5 text-sm text-slate-700" style={{ paddingLeft: `${c.depth * 1.25}rem` }}>
                <input type="checkbox" className="size-4" checked={own || covered} disabled={covered} onChange={(e) => onModel(setCritical(model, c.path, e.target.checked))} />
                <span className={c.container ? "font-medium" : undefined}>{c.field.label || c.field.key}</span>
                {c.container && <span className="text-xs text-slate-400">{v.wholeSection}</span>}
              </label>
            );
          })}
        </fieldset>
      )}
      <ProblemNote problems={problems} />
    </PropGroup>
  );
}
