"use client";

import type { DesignerProblem } from "@/lib/template-model/check-model";
import { isContainer, type DesignerField } from "@/lib/template-model/model";
import { useI18n } from "../i18n-provider";
import { CheckProp, ProblemNote } from "./prop-inputs";

/**
 * A table's row key (`x-rowKey`): the columns that tell its rows apart when a spreadsheet is
 * imported again, ticked among the table's value columns and kept in their order.
 */
export function RowKeyEditor({ field, onChange, problems }: { field: DesignerField; onChange: (rowKey: string[] | undefined) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const p = t.designer.props;
  const chosen = field.rowKey ?? [];
  // A hidden column stays listed while it is part of the key, so that it can be unticked.
  const columns = (field.children ?? []).filter((c) => !isContainer(c.kind) && (!c.removed || chosen.includes(c.key)));
  const toggle = (key: string, on: boolean) => {
    const next = columns.map((c) => c.key).filter((k) => (k === key ? on : chosen.includes(k)));
    onChange(next.length ? next : undefined);
  };
  return (
    <div role="group" aria-label={p.rowKey} className="flex flex-col gap-1.5">
      <p className="text-xs font-medium text-slate-600">{p.rowKey}</p>
      {columns.map((c) => (
        <CheckProp key={c.key} label={c.label || c.key} checked={chosen.includes(c.key)} onChange={(on) => toggle(c.key, on)} />
      ))}
      {problems.length > 0 ? <ProblemNote problems={problems} /> : <p className="text-xs text-slate-400">{p.rowKeyHelp}</p>}
    </div>
  );
}
