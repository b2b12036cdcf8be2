import { Badge, toneFor } from "@/components/ui/badge";
import type { DetailField } from "./detail-tree";
import { isBlank } from "./detail-tree";
import { MaskedValue } from "./masked-value";

/** Where a value lives and whether the viewer may reveal masked personal data in it. */
export interface RevealContext {
  templateKey: string;
  recordId: string;
  canReveal: boolean;
  /** Personal-data kinds the service already shows in full here (the reader's own records' names). */
  clearKinds?: readonly string[];
}

/** One value on the detail page: "—" when empty, choices as badges, masked data with a reveal button. */
export function FieldValue({ field, reveal, empty, inTable = false }: { field: DetailField; reveal: RevealContext; empty: string; inTable?: boolean }) {
  if (isBlank(field.value)) return <span className="text-slate-400">{empty}</span>;
  if (field.pii && reveal.canReveal && typeof field.value === "string" && !reveal.clearKinds?.includes(field.pii))
    return <MaskedValue templateKey={reveal.templateKey} recordId={reveal.recordId} pointer={field.pointer} kind={field.kind} masked={field.text} nowrap={inTable} />;
  if (field.kind === "select") return <Badge tone={toneFor(String(field.value), field.options)}>{field.text}</Badge>;
  if (field.kind === "multiselect" && Array.isArray(field.value))
    return (
      <span className="flex flex-wrap gap-1">
        {field.value.map((v) => (
          <Badge key={String(v)} tone={toneFor(String(v), field.options)}>
            {String(v)}
          </Badge>
        ))}
      </span>
    );
  if (field.pii) return <span className="font-mono tracking-tight text-slate-700">{field.text}</span>;
  return <span className={field.wide ? "whitespace-pre-wrap" : undefined}>{field.text}</span>;
}
