"use client";

import { useI18n } from "@/components/i18n-provider";
import { cn } from "@/components/ui/cn";

/** The import's steps, in order; the wizard says which one it is at. */
export const IMPORT_STEPS = ["upload", "map", "check", "run", "done"] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/**
 * Where the import stands, as a row of numbered steps (上传文件 → 对应列 → 检查 → 导入 → 完成):
 * the steps behind are ticked, the current one is marked for screen readers too (aria-current).
 */
export function ImportSteps({ current }: { current: ImportStep }) {
  const { t } = useI18n();
  const at = IMPORT_STEPS.indexOf(current);
  return (
    <nav aria-label={t.imports.steps.label}>
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        {IMPORT_STEPS.map((step, i) => {
          const done = i < at || (step === "done" && current === "done");
          return (
            <li key={step} className="flex items-center gap-2" aria-current={i === at ? "step" : undefined}>
              {i > 0 && <span aria-hidden="true" className={cn("h-px w-6", i <= at ? "bg-blue-400" : "bg-slate-200")} />}
              <span
                className={cn(
                  "flex size-6 items-center justify-center rounded-full text-xs font-medium",
                  done ? "bg-blue-600 text-white" : i === at ? "border-2 border-blue-600 text-blue-700" : "border border-slate-300 text-slate-400",
                )}
                aria-hidden="true"
              >
                {done ? "✓" : i + 1}
              </span>
              <span className={cn(i === at ? "font-medium text-slate-900" : done ? "text-slate-700" : "text-slate-400")}>{t.imports.steps[step]}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
