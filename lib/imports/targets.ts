import { toHalfWidth } from "../schema/normalize";
import type { FieldInfo, VisibleWhen } from "../schema/types";

/** A field a spreadsheet column can fill: a record field, or a column of one of its tables. */
export interface ImportTarget {
  /** The field's dot path ("basic.name", "payments.amount"): what a mapping names. */
  path: string;
  /** The table's dot path when the field is a table column ("payments", "beneficiary.list"). */
  table: string | null;
  /** Segments from the record root, or from the table row for a column. */
  segments: string[];
  title: string;
  /** Where it is, for people: "缴费记录 › 缴费金额". */
  label: string;
  field: FieldInfo;
  aliases: string[];
  /**
   * Fields a value in this column switches on: the form shows it only when another field equals a
   * value (跟进事项 when 是否需要跟进 is 是, 指定受益人 when 法定受益人 is 否). A sheet that gives the
   * value but has no column for the switch means it on (see convertRow). Same table row or record level.
   */
  implies: { path: string; table: string | null; segments: string[]; value: unknown }[];
  /**
   * The switches of the same conditions that no single value turns on (投保人姓名 is shown while
   * 与被保险人关系 is not 本人: 配偶, 子女, 父母 and 其他 all show it): a value in this column is
   * taken only when the record says the switch — a refused value names the column to add.
   */
  switchedBy: { path: string; title: string; rule: Pick<VisibleWhen, "notEquals" | "in" | "notIn"> }[];
  /**
   * A number field's column whose title names a unit of amount (保险金额（万元）): its plain numbers
   * are amounts in that unit (see `titleUnit`, set by resolveChoices).
   */
  unit?: { text: string; factor: number };
}

const TITLE_UNITS: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
/** Field kinds that hold an amount a title's unit scales. */
const AMOUNT_KINDS = new Set(["number", "money", "integer"]);

/**
 * The unit of amount a column title names in a trailing hint — 保险金额（万元）, 保险金额(单位：万元),
 * 金额/亿元 — for a field that holds an amount; else undefined (元 is what money fields hold).
 */
export function titleUnit(title: string, target: ImportTarget): ImportTarget["unit"] {
  if (!AMOUNT_KINDS.has(target.field.kind)) return undefined;
  const m = /(?:[（(【[]\s*(?:单位\s*[:：]?\s*)?([千万亿十百]{1,2})\s*(元|人民币)?\s*[)）】\]]|[/／]\s*([千万亿十百]{1,2})(元)?)\s*$/.exec(toHalfWidth(title));
  const unit = m?.[1] ?? m?.[3];
  const factor = unit ? TITLE_UNITS[unit] : undefined;
  return factor ? { text: `${unit}${m?.[2] ?? m?.[4] ?? ""}`, factor } : undefined;
}

/**
 * The fields an import can fill, in display order: every value field outside tables, and the
 * columns of tables that are not themselves inside a table. Hidden (removed) fields take nothing.
 */
export function importTargets(fields: FieldInfo[]): ImportTarget[] {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const out: ImportTarget[] = [];
  for (const f of fields) {
    if (f.kind === "section" || f.kind === "table" || f.removed) continue;
    const ancestors = f.segments.slice(0, -1).map((_, i) => byPath.get(f.segments.slice(0, i + 1).join(".")));
    if (ancestors.some((a) => a?.removed)) continue;
    const tables = ancestors.filter((a) => a?.kind === "table") as FieldInfo[];
    if (tables.length > 1) continue;
    const table = tables[0] ?? null;
    const label = [...ancestors.filter((a) => a && (a.kind === "table" || !table)).map((a) => a!.title), f.title].join(" › ");
    out.push({
      path: f.path,
      table: table?.path ?? null,
      segments: table ? f.segments.slice(table.segments.length) : f.segments,
      title: f.title,
      label,
      field: f,
      aliases: Array.isArray(f.schema["x-importAliases"]) ? (f.schema["x-importAliases"] as string[]) : [],
      ...switchesOf(f, ancestors, table, byPath),
    });
  }
  return out;
}

/**
 * The conditions of a field's own x-visibleWhen and of its sections' and table's, as the fields
 * they name — where that field can be set beside this one: in the same table row, or at record
 * level (not inside another table). `implies`: those one value turns on (`equals`, or `in` one
 * value) with that value; `switchedBy`: the others (`notEquals`, `notIn`, `in` several values).
 */
function switchesOf(f: FieldInfo, ancestors: (FieldInfo | undefined)[], table: FieldInfo | null, byPath: Map<string, FieldInfo>): Pick<ImportTarget, "implies" | "switchedBy"> {
  const out: Pick<ImportTarget, "implies" | "switchedBy"> = { implies: [], switchedBy: [] };
  for (const holder of [...ancestors, f]) {
    const when = holder?.schema["x-visibleWhen"];
    if (!holder || !when || typeof when.field !== "string") continue;
    const segments = when.field.startsWith("/") ? when.field.slice(1).split("/") : [...holder.segments.slice(0, -1), ...when.field.split(".")];
    const target = byPath.get(segments.join("."));
    if (!target || target.removed || target.kind === "section" || target.kind === "table") continue;
    const inTable = table && segments.length > table.segments.length && segments.slice(0, table.segments.length).join(".") === table.path;
    if (!inTable && target.inArray) continue;
    const place = inTable ? { path: target.path, table: table.path, segments: segments.slice(table.segments.length) } : { path: target.path, table: null, segments };
    const only = "equals" in when && when.equals !== undefined ? { value: when.equals } : Array.isArray(when.in) && when.in.length === 1 ? { value: when.in[0] } : null;
    if (only) out.implies.push({ ...place, value: only.value });
    else if ("notEquals" in when || Array.isArray(when.in) || Array.isArray(when.notIn))
      out.switchedBy.push({ path: target.path, title: target.title, rule: { ...("notEquals" in when ? { notEquals: when.notEquals } : {}), ...(when.in ? { in: when.in } : {}), ...(when.notIn ? { notIn: when.notIn } : {}) } });
  }
  return out;
}

/** A column title as compared: half-width, no spaces or marks people add (*, ：, 必填), lower case. */
export function headerKey(title: string): string {
  return toHalfWidth(title)
    .replace(/[（(]\s*(必填|选填|可选|required|optional)\s*[)）]/gi, "")
    // A unit in yuan is what money fields hold (保险金额（元）); 万元 is not, and is left unmatched.
    .replace(/[（(]\s*(元|人民币|rmb|cny|¥|￥)\s*[)）]/gi, "")
    .replace(/[\s*:：_\-—·•]/g, "")
    .toLowerCase();
}

/**
 * Suggests a target for each column title, or null. Order of preference: a record field's title,
 * a record field's alias, "表名.列名" (any separator), a table column's title, a table column's
 * alias. A target is suggested once: a second column with the same title stays unmapped.
 */
export function suggestMapping(titles: string[], targets: ImportTarget[]): (string | null)[] {
  const tiers: Map<string, string>[] = [new Map(), new Map(), new Map(), new Map(), new Map()];
  const put = (tier: number, key: string, path: string) => {
    if (key && !tiers[tier].has(key)) tiers[tier].set(key, path);
  };
  const tableTitles = new Map<string, string>();
  for (const t of targets) if (t.table) tableTitles.set(t.table, t.label.split(" › ").slice(-2, -1)[0] ?? "");
  for (const t of targets) {
    if (!t.table) {
      put(0, headerKey(t.title), t.path);
      put(0, headerKey(t.label.replace(/ › /g, "")), t.path);
      for (const a of t.aliases) put(1, headerKey(a), t.path);
    } else {
      put(2, headerKey(`${tableTitles.get(t.table)}${t.title}`), t.path);
      put(3, headerKey(t.title), t.path);
      for (const a of t.aliases) put(4, headerKey(a), t.path);
    }
  }
  const used = new Set<string>();
  const match = (key: string): string | null => {
    for (const tier of tiers) {
      const path = tier.get(key);
      if (path && !used.has(path)) {
        used.add(path);
        return path;
      }
      if (path) return null;
    }
    return null;
  };
  const keys = titles.map(headerKey);
  const out = keys.map(match);
  // Then the titles that matched nothing, without a hint after them (身份证号码(18位), 缴费日期
  // (yyyy-mm-dd), 保险金额(万元) — whose unit scales the amounts, see titleUnit): after every exact
  // title, so that 客户姓名(拼音) beside 客户姓名 does not take its field.
  return out.map((path, i) => path ?? (withoutHint(keys[i]) === keys[i] ? null : match(withoutHint(keys[i]))));
}

/** A compared title (`headerKey`) without a bracketed hint at its end: (18位), (手机), [必填], 【万元】. */
const withoutHint = (key: string) => key.replace(/(?:\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/, "");

/**
 * `suggestMapping` for columns that each belong to the record or to one table (`scopes`, per
 * column: null or the table's dot path). A table's column — one of a table sheet joined to the
 * records' sheet — is matched among that table's columns only, by its plain title. The record's
 * columns are matched among every field, `prefer`'s columns first: a table's own sheet imported
 * on its own means its 备注 and 缴费方式, not the record's. A field is suggested once.
 */
export function suggestScopedMapping(titles: string[], targets: ImportTarget[], scopes: (string | null)[] = [], prefer: string | null = null): (string | null)[] {
  const out: (string | null)[] = titles.map(() => null);
  const used = new Set<string>();
  const fill = (columns: number[], among: ImportTarget[], title = (i: number) => titles[i]) => {
    const open = columns.filter((i) => out[i] === null);
    const suggested = suggestMapping(
      open.map(title),
      among.filter((t) => !used.has(t.path)),
    );
    open.forEach((i, n) => {
      if (suggested[n] === null) return;
      out[i] = suggested[n];
      used.add(suggested[n]!);
    });
  };
  const tables = [...new Set(scopes.filter((s): s is string => !!s))];
  for (const table of tables) {
    const columns = titles.flatMap((_, i) => (scopes[i] === table ? [i] : []));
    const among = targets.filter((t) => t.table === table);
    fill(columns, among);
    // Then without the sheet's name before the title ("缴费记录·缴费方式" on a sheet not named as the table).
    fill(columns, among, (i) => titles[i].replace(/^[^·]*·/, ""));
  }
  const own = titles.flatMap((_, i) => (scopes[i] ? [] : [i]));
  if (prefer)
    fill(
      own,
      targets.filter((t) => t.table === prefer),
    );
  fill(own, targets);
  return out;
}
