"use client";

import type { Dependent, DependentKind } from "@/lib/template-model/dependents";
import { useI18n } from "../i18n-provider";

const ORDER: DependentKind[] = ["title", "required", "column", "sort", "condition"];

/** What depends on a field about to be removed or deleted, grouped by kind, for a confirmation. */
export function DependentsList({ dependents }: { dependents: Dependent[] }) {
  const { t } = useI18n();
  const words = t.designer.canvas.dependents;
  return (
    <ul className="mt-2 flex flex-col gap-2 text-sm" data-testid="remove-dependents">
      {ORDER.map((kind) => {
        const labels = dependents.filter((d) => d.kind === kind).map((d) => d.label);
        if (labels.length === 0) return null;
        return (
          <li key={kind}>
            <span className="font-medium text-slate-900">{words[kind]}</span>
            <span className="block text-slate-600">{labels.join("、")}</span>
          </li>
        );
      })}
    </ul>
  );
}
