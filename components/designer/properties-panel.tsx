"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { changeKind } from "@/lib/template-model/change-kind";
import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { CHOICE_KINDS, isContainer, NUMBER_KINDS, PALETTE, WIDGETS, type DesignerField, type DesignerModel, type FieldPath, type FieldWidget } from "@/lib/template-model/model";
import { allFields, childrenAt, getField, setShowInList, updateField } from "@/lib/template-model/model-paths";
import { suggestPii } from "@/lib/template-model/suggest-pii";
import type { FieldKind, PiiKind } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Select } from "../ui/form-controls";
import { ConditionEditor } from "./condition-editor";
import { DefaultEditor } from "./default-editor";
import { canHold, changeKey, derivedKeyFor, holderAt, holderOf, moveAcross, relabel } from "./designer-ops";
import { KeyEditor } from "./key-editor";
import { OptionsEditor } from "./options-editor";
import { RowKeyEditor } from "./row-key-editor";
import { TemplateSettings } from "./template-settings";
import { CheckProp, ListProp, NumberProp, Prop, PropGroup, TextProp } from "./prop-inputs";

const PII: PiiKind[] = ["idNumber", "phone", "email", "name", "address", "text"];
// Properties that have a control in the panel; problems about anything else show at the top.
const PLACED = new Set(["label", "key", "kind", "widget", "description", "help", "placeholder", "default", "required", "min", "max", "minLength", "maxLength", "pattern", "patternMessage", "options", "unique", "importAliases", "rowKey", "showInList", "filterable", "pii", "visibleWhen"]);
/** The id of the label input, focused after a field is added. */
export const LABEL_INPUT_ID = "designer-prop-label";
const TEXT_LIKE: FieldKind[] = ["text", "textarea", "mobile", "phone", "email", "idNumber", "address"];

/**
 * The properties of the selected field or section, each control with the checks' problems about
 * it right underneath. Published fields keep their key and kind (a migration changes those).
 */
export function PropertiesPanel({
  model,
  path,
  published,
  problems,
  onModel,
  onRemove,
  onRestore,
  onDelete,
  onMigrate,
  onDeselect,
}: {
  model: DesignerModel;
  path: FieldPath | null;
  published: boolean;
  problems: DesignerProblem[];
  onModel: (model: DesignerModel, path?: FieldPath) => void;
  onRemove: (path: FieldPath) => void;
  onRestore: (path: FieldPath) => void;
  onDelete: (path: FieldPath) => void;
  onMigrate: (path: FieldPath) => void;
  /** Clears the selection: the panel shows the template settings. */
  onDeselect: () => void;
}) {
  const { t } = useI18n();
  const p = t.designer.props;
  // Fields whose personal-data proposal the admin turned down in this session.
  const [dismissedPii, setDismissedPii] = useState<Set<FieldPath>>(() => new Set());
  const field = path ? getField(model, path) : undefined;
  const frame = "@2xl:sticky @2xl:top-18 @2xl:max-h-[calc(100vh-5.5rem)] @2xl:overflow-y-auto rounded-lg border border-slate-200 bg-white shadow-xs";
  if (!path || !field) {
    return (
      <aside aria-label={p.title} className={frame}>
        <h2 className="px-4 pt-3.5 pb-1.5 text-sm font-semibold text-slate-900">{p.title}</h2>
        <TemplateSettings model={model} onModel={onModel} problems={problems} />
      </aside>
    );
  }
  const at = (prop: string) => problems.filter((x) => x.property === prop);
  const unplaced = problems.filter((x) => !x.property || !PLACED.has(x.property));
  const set = (patch: Partial<DesignerField>) => onModel(updateField(model, path, (f) => ({ ...f, ...patch })));
  const suggestion = field.removed ? null : suggestPii(field);
  const holder = holderAt(model, holderOf(path));
  const entries = allFields(model);
  const inTable = entries.find((e) => e.place.path === path)?.place.inTable ?? false;
  const container = isContainer(field.kind);
  const kinds = PALETTE.map((x) => x.kind).filter((k) => k === field.kind || (holder !== undefined && canHold(holder, k)));
  if (!kinds.includes(field.kind)) kinds.unshift(field.kind);
  const siblingKeys = (childrenAt(model, holderOf(path)) ?? []).filter((f) => f.key !== field.key).map((f) => f.key);
  const range = NUMBER_KINDS.includes(field.kind) ? [p.min, p.max] : field.kind === "table" ? [p.minRows, p.maxRows] : field.kind === "multiselect" ? [p.minChoices, p.maxChoices] : null;
  const moveTargets = published ? [] : entries.filter((e) => isContainer(e.field.kind) && e.place.path !== holderOf(path) && e.place.path !== path && !e.place.path.startsWith(`${path}.`) && canHold(e.field, field.kind));

  return (
    <aside aria-label={p.title} className={frame}>
      <div className="flex items-baseline justify-between gap-2 px-4 pt-3.5 pb-2">
        <h2 className="text-sm font-semibold text-slate-900">{p.title}</h2>
        <span className="truncate text-xs text-slate-400">{fieldLabelPath(model, path)}</span>
      </div>
      <div className="-mt-1 px-4 pb-2">
        {/* The way back to the template's own settings (title, sort, columns). */}
        <Button size="sm" variant="link" className="text-xs" onClick={onDeselect}>
          ← {t.designer.settings.title}
        </Button>
      </div>
      {unplaced.length > 0 && (
        <Alert tone="error" className="mx-4 mb-3 px-3 py-2">
          {unplaced.map((x, i) => (
            <p key={i}>{x.message}</p>
          ))}
        </Alert>
      )}
      {field.removed && (
        <Alert tone="warning" className="mx-4 mb-3 px-3 py-2" actions={<Button size="sm" onClick={() => onRestore(path)}>{p.restoreField}</Button>}>
          {p.removedNote}
        </Alert>
      )}
      <PropGroup title={p.groups.basic}>
        <TextProp id={LABEL_INPUT_ID} label={p.label} value={field.label} problems={at("label")} onChange={(v) => { const r = relabel(model, path, v ?? "", published); onModel(r.model, r.path); }} />
        <KeyEditor key={path} value={field.key} published={published} derived={derivedKeyFor(model, path, field.label)} siblingKeys={siblingKeys} problems={at("key")} onCommit={(k) => { const r = changeKey(model, path, k); onModel(r.model, r.path); }} />
        {published ? (
          <Prop label={p.kind} help={p.kindPublished} problems={at("kind")}>
            {(id) => (
              <div className="flex flex-wrap items-center gap-2">
                <span id={id} className="rounded-md bg-slate-100 px-2 py-1 text-sm text-slate-700">{t.designer.kinds[field.kind]}</span>
                {!container && (
                  <Button size="sm" onClick={() => onMigrate(path)}>
                    {p.changeKeyKind}
                  </Button>
                )}
              </div>
            )}
          </Prop>
        ) : (
          <Prop label={p.kind} problems={at("kind")}>
            {(id) => (
              <Select id={id} value={field.kind} onChange={(e) => onModel(updateField(model, path, (f) => changeKind(f, e.target.value as FieldKind)))}>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t.designer.kinds[k]}
                  </option>
                ))}
              </Select>
            )}
          </Prop>
        )}
        {field.kind === "section" && <TextProp label={p.description} value={field.description} multiline onChange={(v) => set({ description: v })} problems={at("description")} />}
        {field.kind !== "section" && <TextProp label={p.help} value={field.help} onChange={(v) => set({ help: v })} problems={at("help")} />}
        {(TEXT_LIKE.includes(field.kind) || NUMBER_KINDS.includes(field.kind) || (field.kind === "select" && field.widget !== "radio")) && (
          <TextProp label={p.placeholder} value={field.placeholder} onChange={(v) => set({ placeholder: v })} problems={at("placeholder")} />
        )}
        {!container && <DefaultEditor field={field} onChange={(v) => set({ default: v })} problems={at("default")} />}
      </PropGroup>

      {CHOICE_KINDS.includes(field.kind) && (
        <PropGroup title={p.groups.choices}>
          {field.options ? <OptionsEditor key={path} options={field.options} onChange={(options) => set({ options })} problems={at("options")} published={published} /> : <p className="text-xs text-slate-500">{t.designer.options.fromJson}</p>}
          {WIDGETS[field.kind] && (
            <Prop label={p.widget} problems={at("widget")}>
              {(id) => (
                <Select id={id} value={field.widget ?? WIDGETS[field.kind]![0]} onChange={(e) => set({ widget: e.target.value as FieldWidget })}>
                  {WIDGETS[field.kind]!.map((w) => (
                    <option key={w} value={w}>
                      {p.widgets[w]}
                    </option>
                  ))}
                </Select>
              )}
            </Prop>
          )}
        </PropGroup>
      )}
      {field.kind === "boolean" && (
        <PropGroup title={p.widget}>
          <Select aria-label={p.widget} value={field.widget ?? "checkbox"} onChange={(e) => set({ widget: e.target.value as FieldWidget })}>
            {WIDGETS.boolean!.map((w) => (
              <option key={w} value={w}>
                {p.widgets[w]}
              </option>
            ))}
          </Select>
        </PropGroup>
      )}

      {field.kind !== "section" && (
        <PropGroup title={p.groups.rules}>
          {(field.kind !== "table" || field.visibleWhen) && (
            <CheckProp label={field.kind === "table" ? p.requiredTable : field.visibleWhen ? p.requiredConditional : p.required} checked={field.required} disabled={field.removed} onChange={(v) => set({ required: v })} problems={at("required")} />
          )}
          {range && (
            <div className="grid grid-cols-2 gap-2">
              <NumberProp label={range[0]} value={field.min} onChange={(v) => set({ min: v })} problems={at("min")} />
              <NumberProp label={range[1]} value={field.max} onChange={(v) => set({ max: v })} problems={at("max")} />
            </div>
          )}
          {TEXT_LIKE.includes(field.kind) && (
            <>
              <div className="grid grid-cols-2 gap-2">
                <NumberProp label={p.minLength} step={1} value={field.minLength} onChange={(v) => set({ minLength: v })} problems={at("minLength")} />
                <NumberProp label={p.maxLength} step={1} value={field.maxLength} onChange={(v) => set({ maxLength: v })} problems={at("maxLength")} />
              </div>
              <TextProp label={p.pattern} mono placeholder={p.patternPlaceholder} value={field.pattern} onChange={(v) => set({ pattern: v })} problems={at("pattern")} />
              <TextProp label={p.patternMessage} placeholder={p.patternMessagePlaceholder} value={field.patternMessage} onChange={(v) => set({ patternMessage: v })} problems={at("patternMessage")} />
            </>
          )}
        </PropGroup>
      )}

      {!container && (
        <PropGroup title={p.groups.list}>
          {!inTable && <CheckProp label={p.showInList} checked={field.showInList} disabled={field.removed} onChange={(v) => onModel(setShowInList(model, path, v))} problems={at("showInList")} />}
          <CheckProp label={p.filterable} checked={field.filterable} onChange={(v) => set({ filterable: v })} problems={at("filterable")} />
          {!inTable && <CheckProp label={p.unique} checked={field.unique} onChange={(v) => set({ unique: v })} problems={at("unique")} />}
          <ListProp label={p.importAliases} help={p.importAliasesHelp} placeholder={p.importAliasesPlaceholder} value={field.importAliases} onChange={(v) => set({ importAliases: v })} problems={at("importAliases")} />
        </PropGroup>
      )}

      {field.kind === "table" && (
        <PropGroup title={p.groups.import}>
          <RowKeyEditor field={field} onChange={(rowKey) => set({ rowKey })} problems={at("rowKey")} />
        </PropGroup>
      )}

      {!container && (
        <PropGroup title={p.groups.privacy}>
          {suggestion && !dismissedPii.has(path) && (
            <Alert
              tone="info"
              className="px-3 py-2"
              actions={
                <>
                  <Button size="sm" variant="primary" onClick={() => set({ pii: suggestion.pii })}>
                    {p.piiAccept}
                  </Button>
                  <Button size="sm" onClick={() => setDismissedPii((s) => new Set(s).add(path))}>
                    {p.piiDismiss}
                  </Button>
                </>
              }
            >
              <span data-testid="pii-suggestion">
                {fmt(suggestion.word ? p.piiSuggestWord : p.piiSuggest, { label: field.label || field.key, word: suggestion.word ?? "", kind: p.piiKinds[suggestion.pii] })}
                {suggestion.sensitive && <span className="mt-1 block">{p.piiSensitive}</span>}
              </span>
            </Alert>
          )}
          <Prop label={p.pii} help={p.piiHelp} problems={at("pii")}>
            {(id) => (
              <Select id={id} value={field.pii ?? ""} onChange={(e) => set({ pii: (e.target.value || undefined) as PiiKind | undefined })}>
                <option value="">{p.piiNone}</option>
                {PII.map((k) => (
                  <option key={k} value={k}>
                    {p.piiKinds[k]}
                  </option>
                ))}
              </Select>
            )}
          </Prop>
        </PropGroup>
      )}

      <PropGroup title={p.groups.condition}>
        <ConditionEditor model={model} path={path} rule={field.visibleWhen} onChange={(visibleWhen) => set({ visibleWhen })} problems={at("visibleWhen")} />
      </PropGroup>

      {moveTargets.length > 0 && (
        <PropGroup title={p.groups.move}>
          <Prop label={p.moveTo} help={p.moveHelp}>
            {(id) => (
              <Select
                id={id}
                value=""
                onChange={(e) => {
                  const r = moveAcross(model, path, e.target.value);
                  onModel(r.model, r.path);
                }}
              >
                <option value="">—</option>
                {moveTargets.map((e) => (
                  <option key={e.place.path} value={e.place.path}>
                    {fieldLabelPath(model, e.place.path)}
                  </option>
                ))}
              </Select>
            )}
          </Prop>
        </PropGroup>
      )}

      <div className="flex flex-wrap gap-2 border-t border-slate-100 px-4 py-3.5">
        {field.removed ? (
          <Button size="sm" onClick={() => onRestore(path)}>
            {p.restoreField}
          </Button>
        ) : (
          <Button size="sm" onClick={() => onRemove(path)} title={p.removeHint}>
            {p.removeField}
          </Button>
        )}
        {!published && (
          <Button size="sm" variant="danger" onClick={() => onDelete(path)}>
            {p.deleteField}
          </Button>
        )}
      </div>
    </aside>
  );
}
