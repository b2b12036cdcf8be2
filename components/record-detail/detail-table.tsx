import { RIGHT_ALIGNED_KINDS, type DetailTable as Table } from "./detail-tree";
import { FieldValue, type RevealContext } from "./field-value";

/** A read-only table of an array of objects; scrolls sideways on narrow screens. */
export function DetailTable({ table, reveal, labels }: { table: Table; reveal: RevealContext; labels: { empty: string; emptyTable: string; rowNumber: string } }) {
  if (table.rows.length === 0) return <p className="text-sm text-slate-400">{labels.emptyTable}</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="w-12 px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-500">
              {labels.rowNumber}
            </th>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`px-3 py-2 text-xs font-medium whitespace-nowrap text-slate-500 ${RIGHT_ALIGNED_KINDS.has(c.kind) ? "text-right" : "text-left"}`}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {table.rows.map((row, i) => (
            <tr key={row.pointer} className="align-top">
              <td className="px-3 py-2 text-slate-400 tabular-nums">{i + 1}</td>
              {row.cells.map((cell, c) => (
                <td
                  key={table.columns[c].key}
                  className={`px-3 py-2 text-slate-900 ${RIGHT_ALIGNED_KINDS.has(table.columns[c].kind) ? "text-right tabular-nums whitespace-nowrap" : ""} ${
                    cell?.wide || table.columns[c].kind === "textarea" ? "min-w-48" : "whitespace-nowrap"
                  }`}
                >
                  {cell ? <FieldValue field={cell} reveal={reveal} empty={labels.empty} inTable /> : <span className="text-slate-300">{labels.empty}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
