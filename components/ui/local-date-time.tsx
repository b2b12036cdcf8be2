"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/schema/format-value";

const noSubscribe = () => () => {};

/**
 * A timestamp in the reader's time zone. The server does not know that zone, so the first render
 * (and hydration) shows the UTC time the server computed; the browser then swaps in local time.
 */
export function LocalDateTime({ iso, className }: { iso: string; className?: string }) {
  const text = useSyncExternalStore(
    noSubscribe,
    () => formatDateTime(iso),
    () => iso.slice(0, 16).replace("T", " "),
  );
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
