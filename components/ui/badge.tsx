import type { ReactNode } from "react";
import { cn } from "./cn";

type Tone = "neutral" | "blue" | "green" | "amber" | "red" | "violet";

const tones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  blue: "bg-blue-50 text-blue-700 ring-blue-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
};

/** A small label for states and roles. */
export function Badge({ tone = "neutral", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)}>{children}</span>;
}

/** A stable tone for an option value, so that the same choice always has the same colour. */
export function toneFor(value: string, options: string[] = []): Tone {
  const palette: Tone[] = ["blue", "green", "amber", "violet", "red", "neutral"];
  const i = options.indexOf(value);
  if (i >= 0) return palette[i % palette.length];
  let h = 0;
  for (const c of value) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}
