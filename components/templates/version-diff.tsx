"use client";

import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";

import { fmt } from "@/lib/i18n/dictionaries";
import { groupChanges, optionChanges, valueChange, type Change, type ChangeType } from "./diff-groups";

const tones: Partial<Record<ChangeType, "green" | "amber" | "red" | "blue" | "violet" | "neutral">> = {
  added: "green",
  restored: "green",
  removed: "amber",
  deleted: "red",
  kind: "violet",
  required: "blue",
  options: "blue",
  key: "violet",
};

function Entry({ entry }: { entry: Change }) {
  const { t } = useI18n();
  const d = t.templates.versions.diff;
  const words = { yes: t.common.yes, no: t.common.no, none: t.common.empty, kinds: t.templates.kinds };
  const values = valueChange(entry, words);
  const options = entry.type === "options" ? optionChanges(entry) : null;
  return (
    <li className="flex flex-col gap-1 px-4 py-2.5">
      <p className="text-sm text-slate-800">{entry.message}</p>
      {entry.path && <p className="font-mono text-xs text-slate-400">{entry.path}</p>}
      {values && (
        <p className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className="sr-only">{d.before}</span>
          <del className="rounded bg-red-50 px-1.5 py-0.5 break-all text-red-700 decoration-red-300">{values.before}</del>
          <span aria-hidden="true" className="text-slate-400">
            →
          </span>
          <span className="sr-only">{d.after}</span>
          <ins className="rounded bg-emerald-50 px-1.5 py-0.5 break-all text-emerald-800 no-underline">{values.after}</ins>
        </p>
      )}
      {options && (
        <p className="flex flex-wrap items-center gap-1 text-xs">
          {options.kept.map((o) => (
            <span key={`k-${o}`} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">
              {o}
            </span>
          ))}
          {options.added.map((o) => (
            <ins key={`a-${o}`} className="rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800 no-underline" title={d.addedOptions}>
              + {o}
            </ins>
          ))}
          {options.dropped.map((o) => (
            <del key={`d-${o}`} className="rounded bg-red-50 px-1.5 py-0.5 text-red-700" title={d.droppedOptions}>
              {o}
            </del>
          ))}
        </p>
      )}
    </li>
  );
}

/** A readable diff between two versions: changes grouped by type (新增字段, 隐藏字段, 标签…), old → new. */
export function VersionDiff({ changes }: { changes: Change[] }) {
  const { t } = useI18n();
  const groups = groupChanges(changes);
  if (!groups.length) return <p className="px-4 py-6 text-center text-sm text-slate-500">{t.templates.versions.diff.none}</p>;
  return (
    <div className="flex flex-col divide-y divide-slate-100">
      {groups.map((g) => (
        <section key={g.type} aria-label={t.templates.diffTypes[g.type] ?? g.type} data-diff-type={g.type}>
          <h3 className="flex items-center gap-2 bg-slate-50/70 px-4 py-2 text-xs font-semibold text-slate-600">
            <Badge tone={tones[g.type] ?? "neutral"}>{t.templates.diffTypes[g.type] ?? g.type}</Badge>
            <span className="font-normal text-slate-400 tabular-nums">{fmt(t.templates.versions.diff.count, { count: g.entries.length })}</span>
          </h3>
          <ul className="divide-y divide-slate-50">
            {g.entries.map((e, i) => (
              <Entry key={`${e.path}-${i}`} entry={e} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
