import type { FieldPathList } from "@rjsf/utils";
import { createContext, useContext } from "react";

/** What every template of the record form can see besides its own props. */
export interface FormContext {
  /** "zh" or "en", for the few strings the templates render themselves. */
  locale: "zh" | "en";
}

/** The form context as the templates see it (defaults before the form provides one). */
export function formContextOf(props: { registry: { formContext?: unknown } }): FormContext {
  return (props.registry.formContext as FormContext) ?? { locale: "zh" };
}

/**
 * The whole record as currently typed, for conditions that refer to other sections. A React
 * context of its own rather than part of rjsf's formContext: rjsf compares every field's props,
 * registry and formContext included, to decide whether to re-render it, so a formContext that
 * changed on every keystroke re-rendered all fields (a 300-field form lagged; see benchmarks/).
 */
export const RootDataContext = createContext<unknown>({});

/** The record as currently typed (templates that evaluate `x-visibleWhen`). */
export const useRootData = () => useContext(RootDataContext);

/** True when a field path ends in an array index: the field is a table row. */
export function isRow(path: FieldPathList): boolean {
  return typeof path[path.length - 1] === "number";
}

/** True when a field sits directly inside a table row: it renders as a cell. */
export function isCell(path: FieldPathList): boolean {
  return path.length >= 2 && typeof path[path.length - 2] === "number";
}

/** Strings the theme renders itself (everything else comes from the template). */
export const themeText = {
  zh: { addRow: "添加一行", removeRow: "删除此行", moveUp: "上移", moveDown: "下移", noRows: "暂无记录，点击“添加一行”开始填写", choose: "请选择", clear: "清除", clearChoice: "清除{label}的选择", yes: "是", no: "否", row: "第 {n} 行", rows: "{n} 行", cell: "{label}（第 {n} 行）", actions: "操作", dateHint: "年-月-日，如 2023-01-31", dateHintCell: "年-月-日", pickDate: "选择日期" },
  en: { addRow: "Add row", removeRow: "Remove row", moveUp: "Move up", moveDown: "Move down", noRows: "No rows yet; use “Add row” to start", choose: "Choose…", clear: "Clear", clearChoice: "Clear {label}", yes: "Yes", no: "No", row: "Row {n}", rows: "{n} rows", cell: "{label} (row {n})", actions: "Actions", dateHint: "YYYY-MM-DD", dateHintCell: "YYYY-MM-DD", pickDate: "Pick a date" },
};
