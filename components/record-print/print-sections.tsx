import type { DetailField, DetailNode, DetailSection, DetailTable } from "@/components/record-detail/detail-tree";
import { isBlank, nodeBlocks, RIGHT_ALIGNED_KINDS } from "@/components/record-detail/detail-tree";

export interface PrintLabels {
  empty: string;
  emptySection: string;
  emptyTable: string;
  rowNumber: string;
  general: string;
}

/** A value as plain text for paper: no badges or buttons, personal data in a fixed-width face. */
function PrintValue({ field, empty }: { field: DetailField; empty: string }) {
  if (isBlank(field.value)) return <span className="text-slate-400">{empty}</span>;
  if (field.pii) return <span className="font-mono tracking-tight">{field.text}</span>;
  return <span className={field.wide ? "whitespace-pre-wrap" : undefined}>{field.text}</span>;
}

/** Consecutive fields as a two-column label/value grid; a row never splits across pages. */
function FieldGrid({ fields, labels }: { fields: DetailField[]; labels: PrintLabels }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2">
      {fields.map((f) => (
        <div key={f.pointer} className={`flex min-w-0 break-inside-avoid gap-2 border-b border-dotted border-slate-200 pb-1 ${f.wide ? "col-span-2" : ""}`}>
          <dt className="w-28 shrink-0 text-slate-500">{f.title}</dt>
          <dd className="min-w-0 break-words text-slate-900">
            <PrintValue field={f} empty={labels.empty} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A sub-table as a real table: its header repeats on every page, and rows do not split. */
function PrintTable({ table, labels }: { table: DetailTable; labels: PrintLabels }) {
  if (table.rows.length === 0) return <p className="text-slate-400">{labels.emptyTable}</p>;
  return (
    <table className="w-full border-collapse text-[0.8125rem]">
      <thead className="[display:table-header-group]">
        <tr>
          <th scope="col" className="w-12 border border-slate-300 bg-slate-100 px-2 py-1 text-left font-medium whitespace-nowrap">
            {labels.rowNumber}
          </th>
          {table.columns.map((c) => (
            <th key={c.key} scope="col" className={`border border-slate-300 bg-slate-100 px-2 py-1 font-medium ${RIGHT_ALIGNED_KINDS.has(c.kind) ? "text-right" : "text-left"}`}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={row.pointer} className="break-inside-avoid align-top">
            <td className="border border-slate-300 px-2 py-1 tabular-nums">{i + 1}</td>
            {row.cells.map((cell, c) => (
              <td key={table.columns[c].key} className={`border border-slate-300 px-2 py-1 ${RIGHT_ALIGNED_KINDS.has(table.columns[c].kind) ? "text-right tabular-nums" : ""}`}>
                {cell ? <PrintValue field={cell} empty={labels.empty} /> : <span className="text-slate-400">{labels.empty}</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Nodes in order: runs of fields as grids, groups and nested tables under sub-headings. */
function Nodes({ nodes, labels }: { nodes: DetailNode[]; labels: PrintLabels }) {
  const blocks = nodeBlocks(nodes);
  return (
    <div className="flex flex-col gap-3">
      {blocks.map((block) => {
        const first = block[0];
        if (first.type === "field") return <FieldGrid key={first.pointer} fields={block as DetailField[]} labels={labels} />;
        // A root table is the whole section: its title is already the section's.
        const isRootTable = first.type === "table" && first.pointer.lastIndexOf("/") === 0;
        return (
          <div key={first.pointer}>
            {!isRootTable && <h3 className="mb-1.5 font-semibold text-slate-700 break-after-avoid">{first.title}</h3>}
            {first.type === "table" ? <PrintTable table={first} labels={labels} /> : first.type === "group" ? <Nodes nodes={first.children} labels={labels} /> : null}
          </div>
        );
      })}
    </div>
  );
}

/** Every section of the record, in the form's order, as blocks of the printed file; empty ones say so in one line. */
export function PrintSections({ sections, labels }: { sections: DetailSection[]; labels: PrintLabels }) {
  return (
    <div className="flex flex-col gap-5">
      {sections.map((s) => {
        const titleId = `print-${s.id}-title`;
        return (
          <section key={s.id} aria-labelledby={titleId}>
            <h2 id={titleId} className="mb-2 flex items-baseline justify-between border-b-2 border-slate-800 pb-1 text-base font-semibold break-after-avoid">
              <span>{s.title ?? labels.general}</span>
              {s.isEmpty && <span className="text-sm font-normal text-slate-500">{labels.emptySection}</span>}
            </h2>
            {!s.isEmpty && <Nodes nodes={s.nodes} labels={labels} />}
          </section>
        );
      })}
    </div>
  );
}
