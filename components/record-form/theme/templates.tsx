"use client";

import type {
  ArrayFieldItemTemplateProps,
  ArrayFieldTemplateProps,
  FieldTemplateProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  SubmitButtonProps,
  TemplatesType,
} from "@rjsf/utils";
import { useEffect, useRef, type CSSProperties } from "react";
import { fieldKind } from "@/lib/schema/fields";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { isVisible } from "@/lib/schema/visibility";
import { cn } from "../../ui/cn";
import { isCell, isRow, themeText, type FormContext } from "./context";

type Any = RJSFSchema;
const FULL_WIDTH = new Set(["textarea", "address", "table", "multiselect", "section"]);
/** Column widths in tables by field kind, so that an 18-character ID fits and a yes/no stays narrow. */
const COLUMN_WIDTH: Record<string, string> = {
  idNumber: "minmax(12.5rem,1.3fr)",
  boolean: "minmax(5.5rem,0.5fr)",
  date: "minmax(10rem,0.9fr)",
  datetime: "minmax(12rem,1fr)",
  money: "minmax(8rem,0.9fr)",
  percent: "minmax(6.5rem,0.7fr)",
  textarea: "minmax(14rem,2fr)",
  address: "minmax(14rem,2fr)",
};

function ctx(props: { registry: { formContext?: unknown } }): FormContext {
  return (props.registry.formContext as FormContext) ?? { rootData: {}, locale: "zh" };
}

/** Label, control, then the error (or help) under it; in table cells only the control and error. */
function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors = [], rawHelp, hidden, required, displayLabel, schema, fieldPathId } = props;
  if (hidden) return <div className="hidden">{children}</div>;
  const path = fieldPathId.path;
  const sch = schema as JsonSchema;
  // Sections, tables and rows lay themselves out (cards, grids); multiselects are ordinary fields.
  if (sch.type === "object" || (sch.type === "array" && sch.items?.type === "object") || isRow(path)) return children;
  const errors = rawErrors.filter(Boolean);
  const errorId = `${id}__error`;
  if (isCell(path)) {
    return (
      <div className="min-w-0">
        {children}
        {errors.length > 0 && (
          <p id={errorId} className="mt-1 text-xs leading-snug text-red-600">
            {errors[0]}
          </p>
        )}
      </div>
    );
  }
  const isCheckbox = (schema as JsonSchema).type === "boolean" && !(props.uiSchema as UiSchema)?.["ui:widget"];
  return (
    <div className="flex min-w-0 flex-col gap-1.5" data-field={path.join(".")}>
      {displayLabel && !isCheckbox && (
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {label}
          {required && (
            <span className="ml-0.5 text-red-600" aria-hidden="true">
              *
            </span>
          )}
        </label>
      )}
      {children}
      {errors.length > 0 ? (
        <p id={errorId} className="text-xs leading-snug text-red-600" role="alert">
          {errors[0]}
        </p>
      ) : rawHelp ? (
        <p id={`${id}__help`} className="text-xs text-slate-500">
          {rawHelp}
        </p>
      ) : null}
    </div>
  );
}

/** The record root renders its sections; a section is a card; a table row renders its cells. */
function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { properties, schema, uiSchema, formData, fieldPathId, title, description } = props;
  const path = fieldPathId.path;
  const { rootData } = ctx(props);
  const sch = schema as JsonSchema;
  const visible = properties.filter((p) => {
    const child = sch.properties?.[p.name];
    return !p.hidden && !child?.["x-removed"] && isVisible(child?.["x-visibleWhen"], formData, rootData);
  });
  if (isRow(path)) {
    // Cells for every column, keeping empty cells for fields hidden in this row so columns line up.
    // On phones the grid becomes one card per row, so each cell carries its column title.
    return (
      <>
        {properties
          .filter((p) => !sch.properties?.[p.name]?.["x-removed"])
          .map((p) => (
            <div role="cell" key={p.name} className={cn("px-3 py-1.5 sm:px-2 sm:py-2", !visible.includes(p) && "max-sm:hidden")}>
              <span className="mb-1 block text-xs font-medium text-slate-600 sm:hidden" aria-hidden="true">
                {sch.properties?.[p.name]?.title ?? p.name}
                {sch.required?.includes(p.name) && <span className="ml-0.5 text-red-600">*</span>}
              </span>
              {visible.includes(p) ? p.content : <span className="block py-2 text-center text-xs text-slate-300">—</span>}
            </div>
          ))}
      </>
    );
  }
  if (path.length === 0) return <div className="flex flex-col gap-5">{visible.map((p) => p.content)}</div>;
  const ui = (uiSchema ?? {}) as UiSchema;
  const body = (
    <div className="grid grid-cols-1 gap-x-6 gap-y-5 md:grid-cols-2">
      {visible.map((p) => {
        const child = sch.properties?.[p.name] ?? {};
        const wide = FULL_WIDTH.has(fieldKind(child, (ui[p.name] as UiSchema) ?? {}));
        return (
          <div key={p.name} className={cn("min-w-0", wide && "md:col-span-2")}>
            {p.content}
          </div>
        );
      })}
    </div>
  );
  if (path.length === 1) {
    return (
      <section id={`section-${String(path[0])}`} aria-labelledby={`section-${String(path[0])}-title`} className="scroll-mt-20 rounded-lg border border-slate-200 bg-white shadow-xs">
        <header className="border-b border-slate-100 px-5 py-3.5">
          <h2 id={`section-${String(path[0])}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
        </header>
        <div className="px-5 py-5">{body}</div>
      </section>
    );
  }
  return (
    <fieldset className="rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium text-slate-700">{title}</legend>
      {body}
    </fieldset>
  );
}

/** Tables (arrays of objects) as compact editable grids; other arrays as plain lists. */
function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, schema, title, fieldPathId, disabled, readonly, rawErrors = [], uiSchema } = props;
  const { locale } = ctx(props);
  const text = themeText[locale];
  const itemSchema = ((schema as JsonSchema).items ?? {}) as JsonSchema;
  const columns = Object.entries(itemSchema.properties ?? {}).filter(([, s]) => !s["x-removed"]);
  const requiredCols = new Set(itemSchema.required ?? []);
  const path = fieldPathId.path;
  const help = (uiSchema as UiSchema | undefined)?.["ui:help"] as string | undefined;
  const errors = rawErrors.filter(Boolean);
  const template = `${columns.map(([, s]) => COLUMN_WIDTH[fieldKind(s)] ?? "minmax(8rem,1fr)").join(" ")} 5.5rem`;
  const tableRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const count = useRef(items.length);
  const adding = useRef(false);
  // Keyboard users land in the row they just added; after a removal the focus (which was on the
  // removed row's button) goes to 添加一行 instead of falling back to the top of the page.
  useEffect(() => {
    const rows = tableRef.current?.querySelectorAll<HTMLElement>(":scope > [data-row]");
    if (adding.current && items.length > count.current) rows?.[rows.length - 1]?.querySelector<HTMLElement>("input,select,textarea")?.focus();
    else if (items.length < count.current && (!document.activeElement || document.activeElement === document.body)) addRef.current?.focus();
    adding.current = false;
    count.current = items.length;
  }, [items.length]);
  const grid = (
    <div className="sm:overflow-x-auto sm:rounded-md sm:border sm:border-slate-200">
      <div ref={tableRef} role="table" aria-label={title} className="flex flex-col gap-3 text-sm sm:grid sm:min-w-full sm:gap-0 sm:[grid-template-columns:var(--cols)]" style={{ "--cols": template } as CSSProperties}>
        <div role="row" className="hidden sm:contents">
          {columns.map(([key, s]) => (
            <div role="columnheader" key={key} className="border-b border-slate-200 bg-slate-50 px-2 py-2 text-xs font-semibold text-slate-600">
              {s.title ?? key}
              {requiredCols.has(key) && <span className="ml-0.5 text-red-600" aria-hidden="true">*</span>}
            </div>
          ))}
          <div role="columnheader" className="sticky right-0 border-b border-l border-slate-200 bg-slate-50 px-2 py-2">
            <span className="sr-only">{text.actions}</span>
          </div>
        </div>
        {items}
        {items.length === 0 && (
          <div role="row" className="contents">
            <div role="cell" className="rounded-md border border-dashed border-slate-200 px-3 py-6 text-center text-sm text-slate-400 sm:rounded-none sm:border-0" style={{ gridColumn: "1 / -1" }}>
              {text.noRows}
            </div>
          </div>
        )}
      </div>
    </div>
  );
  const addButton = canAdd && !readonly && (
    <button
      ref={addRef}
      type="button"
      onClick={(e) => {
        // Only for the keyboard (a click without a pointer has detail 0): a mouse user clicking
        // 添加一行 a few times would otherwise leave each new row's first field "touched" and red.
        adding.current = e.detail === 0;
        onAddClick(e);
      }}
      disabled={disabled}
      className="mt-3 inline-flex h-8 items-center self-start gap-1 rounded-md border border-dashed border-slate-300 px-3 text-sm font-medium text-blue-700 hover:border-blue-400 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600"
    >
      <span aria-hidden="true">＋</span> {text.addRow}
    </button>
  );
  const errorBlock = errors.length > 0 && (
    <p className="mt-2 text-sm text-red-600" role="alert" id={`${fieldPathId.$id}__error`}>
      {errors[0]}
    </p>
  );
  if (path.length === 1) {
    return (
      <section id={`section-${String(path[0])}`} aria-labelledby={`section-${String(path[0])}-title`} className="scroll-mt-20 rounded-lg border border-slate-200 bg-white shadow-xs">
        <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3.5">
          <h2 id={`section-${String(path[0])}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <span className="text-xs text-slate-500">{items.length > 0 ? (locale === "zh" ? `${items.length} 行` : `${items.length} rows`) : ""}</span>
        </header>
        <div className="px-5 py-5" id={fieldPathId.$id}>
          {help && <p className="mb-3 text-xs text-slate-500">{help}</p>}
          {grid}
          {errorBlock}
          {addButton}
        </div>
      </section>
    );
  }
  return (
    <div className="flex flex-col gap-1.5" id={fieldPathId.$id}>
      <span className="text-sm font-medium text-slate-700">{title}</span>
      {help && <p className="text-xs text-slate-500">{help}</p>}
      {grid}
      {errorBlock}
      {addButton}
    </div>
  );
}

/** One table row: the item's cells, then move and remove buttons. */
function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, index, hasToolbar } = props;
  const { locale } = ctx(props);
  const text = themeText[locale];
  const btn =
    "inline-flex size-7 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-30";
  return (
    <div role="row" className="flex flex-col rounded-md border border-slate-200 py-1.5 sm:contents" data-row={index}>
      {children}
      {/* Kept in view at the right edge when a wide table scrolls sideways. */}
      <div role="cell" className="flex items-start justify-end gap-0.5 px-2 py-1 sm:sticky sm:right-0 sm:border-l sm:border-slate-100 sm:bg-white sm:px-1 sm:py-2">
        {hasToolbar && (
          <>
            {buttonsProps.hasMoveUp && (
              <button type="button" className={btn} onClick={buttonsProps.onMoveUpItem} disabled={buttonsProps.disabled || index === 0} title={text.moveUp} aria-label={`${text.moveUp} ${text.row.replace("{n}", String(index + 1))}`}>
                ↑
              </button>
            )}
            {buttonsProps.hasMoveDown && (
              <button
                type="button"
                className={btn}
                onClick={buttonsProps.onMoveDownItem}
                disabled={buttonsProps.disabled || index === buttonsProps.totalItems - 1}
                title={text.moveDown}
                aria-label={`${text.moveDown} ${text.row.replace("{n}", String(index + 1))}`}
              >
                ↓
              </button>
            )}
            {buttonsProps.hasRemove && (
              <button
                type="button"
                className={cn(btn, "hover:bg-red-50 hover:text-red-600")}
                onClick={buttonsProps.onRemoveItem}
                disabled={buttonsProps.disabled}
                title={text.removeRow}
                aria-label={`${text.removeRow} ${text.row.replace("{n}", String(index + 1))}`}
              >
                ✕
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}

const Nothing = () => null;
function NoSubmit(_props: SubmitButtonProps) {
  return null;
}
function NoButton(_props: IconButtonProps) {
  return null;
}

/** The record form's templates: sections as cards, tables as grids, errors under each field. */
export const templates: Partial<TemplatesType<unknown, Any, FormContext>> = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ErrorListTemplate: Nothing,
  TitleFieldTemplate: Nothing,
  DescriptionFieldTemplate: Nothing,
  FieldErrorTemplate: Nothing,
  FieldHelpTemplate: Nothing,
  ButtonTemplates: { SubmitButton: NoSubmit, AddButton: NoButton, CopyButton: NoButton, MoveDownButton: NoButton, MoveUpButton: NoButton, RemoveButton: NoButton, ClearButton: NoButton },
};
