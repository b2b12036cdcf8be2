"use client";

import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps } from "@rjsf/utils";
import { useEffect, useRef, type CSSProperties } from "react";
import { fieldKind } from "@/lib/schema/fields";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { cn } from "../../ui/cn";
import { formContextOf, themeText } from "./context";

/**
 * Column widths in tables by field kind, so that an 18-character ID fits and a yes/no stays narrow.
 * The minimums are as small as the content allows: the default template's tables (beneficiaries
 * with an ID, 沟通记录 with its text and follow-up columns) fit a 1280px screen without scrolling
 * sideways (the form's section index shows from 1440px, where there is room for both).
 */
const COLUMN_WIDTH: Record<string, string> = {
  idNumber: "minmax(12rem,1.3fr)",
  boolean: "minmax(5.5rem,0.5fr)",
  date: "minmax(8.75rem,0.9fr)",
  select: "minmax(7.5rem,1fr)",
  datetime: "minmax(12rem,1fr)",
  money: "minmax(8rem,0.9fr)",
  percent: "minmax(6.5rem,0.7fr)",
  textarea: "minmax(10rem,2fr)",
  address: "minmax(14rem,2fr)",
};

/** Tables (arrays of objects) as compact editable grids; other arrays as plain lists. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, schema, title, fieldPathId, disabled, readonly, rawErrors = [], uiSchema } = props;
  const { locale } = formContextOf(props);
  const text = themeText[locale];
  const itemSchema = ((schema as JsonSchema).items ?? {}) as JsonSchema;
  const columns = Object.entries(itemSchema.properties ?? {}).filter(([, s]) => !s["x-removed"]);
  const requiredCols = new Set(itemSchema.required ?? []);
  const path = fieldPathId.path;
  const help = (uiSchema as UiSchema | undefined)?.["ui:help"] as string | undefined;
  const errors = rawErrors.filter(Boolean);
  const itemUi = ((uiSchema as UiSchema | undefined)?.items ?? {}) as Record<string, UiSchema>;
  const template = `${columns.map(([key, s]) => COLUMN_WIDTH[fieldKind(s, itemUi[key])] ?? "minmax(7rem,1fr)").join(" ")} 5.5rem`;
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
          <span className="text-xs text-slate-500">{items.length > 0 ? text.rows.replace("{n}", String(items.length)) : ""}</span>
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
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, index, hasToolbar } = props;
  const { locale } = formContextOf(props);
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
