import { fromContent } from "@/lib/template-model/from-content";
import { isContainer } from "@/lib/template-model/model";
import { allFields } from "@/lib/template-model/model-paths";
import type { FieldKind, TemplateContent } from "@/lib/schema/types";

/** One field of a version as the versions page lists it. */
export interface FieldRow {
  path: string;
  key: string;
  label: string;
  kind: FieldKind;
  /** 0 for root fields (sections, root tables), 1 for their fields, 2 for table columns in sections… */
  depth: number;
  removed: boolean;
  container: boolean;
}

/** A root field (normally a section) with everything under it, in display order. */
export interface FieldBlock {
  root: FieldRow;
  fields: FieldRow[];
}

/** The fields of a version grouped by root section, for the field list with its migration buttons. */
export function fieldBlocks(content: TemplateContent): FieldBlock[] {
  const blocks: FieldBlock[] = [];
  for (const { field, place } of allFields(fromContent(content))) {
    const depth = place.path.split(".").length - 1;
    const row: FieldRow = {
      path: place.path,
      key: field.key,
      label: field.label || field.key,
      kind: field.kind,
      depth,
      // A field under a hidden section is hidden too.
      removed: field.removed || (depth > 0 && (blocks.at(-1)?.root.removed ?? false)),
      container: isContainer(field.kind),
    };
    if (depth === 0) blocks.push({ root: row, fields: [] });
    else blocks.at(-1)?.fields.push(row);
  }
  return blocks;
}
