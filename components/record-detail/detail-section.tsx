import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { nodeBlocks, type DetailNode, type DetailSection as Section } from "./detail-tree";
import { DetailTable } from "./detail-table";
import { FieldValue, type RevealContext } from "./field-value";

export interface SectionLabels {
  empty: string;
  emptySection: string;
  emptyTable: string;
  rowNumber: string;
  general: string;
}

/** Consecutive plain fields as a two-column label/value grid (one column on phones). */
function FieldGrid({ nodes, reveal, labels }: { nodes: DetailNode[]; reveal: RevealContext; labels: SectionLabels }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-4 sm:grid-cols-2">
      {nodes.map((n) =>
        n.type === "field" ? (
          <div key={n.pointer} className={cn("min-w-0", n.wide && "sm:col-span-2")}>
            <dt className="text-xs font-medium text-slate-500">{n.title}</dt>
            <dd className="mt-1 text-sm break-words text-slate-900">
              <FieldValue field={n} reveal={reveal} empty={labels.empty} />
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/** Renders nodes in order: runs of fields as grids, groups and nested tables under sub-headings. */
function Nodes({ nodes, reveal, labels }: { nodes: DetailNode[]; reveal: RevealContext; labels: SectionLabels }) {
  const blocks = nodeBlocks(nodes);
  return (
    <div className="flex flex-col gap-5">
      {blocks.map((block) => {
        const first = block[0];
        if (first.type === "field") return <FieldGrid key={first.pointer} nodes={block} reveal={reveal} labels={labels} />;
        // A root table is the whole section: its title is already the card's.
        const isRootTable = first.type === "table" && first.pointer.lastIndexOf("/") === 0;
        return (
          <div key={first.pointer} className={cn(!isRootTable && "border-t border-slate-100 pt-4")}>
            {!isRootTable && <h3 className="mb-3 text-sm font-semibold text-slate-700">{first.title}</h3>}
            {first.type === "table" ? (
              <DetailTable table={first} reveal={reveal} labels={labels} />
            ) : first.type === "group" ? (
              <Nodes nodes={first.children} reveal={reveal} labels={labels} />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** One section of a record as a card; "未填写" when nothing in it is filled in. */
export function DetailSection({ section, reveal, labels }: { section: Section; reveal: RevealContext; labels: SectionLabels }) {
  const titleId = `${section.id}-title`;
  return (
    <section id={section.id} aria-labelledby={titleId} className="scroll-mt-20">
      <Card>
        {section.isEmpty ? (
          // Nothing filled in: a one-line card, so that empty sections do not push the rest down.
          <div className="flex items-center justify-between gap-4 px-5 py-3.5">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              {section.title ?? labels.general}
            </h2>
            <span className="text-sm text-slate-400">{labels.emptySection}</span>
          </div>
        ) : (
          <>
            <CardHeader id={titleId} title={section.title ?? labels.general} />
            <div className="px-5 py-4">
              <Nodes nodes={section.nodes} reveal={reveal} labels={labels} />
            </div>
          </>
        )}
      </Card>
    </section>
  );
}
