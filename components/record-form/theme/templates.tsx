"use client";

import type {
  FieldTemplateProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  RJSFSchema,
  SubmitButtonProps,
  TemplatesType,
} from "@rjsf/utils";
import { fieldKind } from "@/lib/schema/fields";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { isVisible } from "@/lib/schema/visibility";
import { cn } from "../../ui/cn";
import { ArrayFieldItemTemplate, ArrayFieldTemplate } from "./array-templates";
import { isCell, isRow, useRootData, type FormContext } from "./context";

type Any = RJSFSchema;
const FULL_WIDTH = new Set(["textarea", "address", "table", "multiselect", "section"]);

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
  const rootData = useRootData();
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
