"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (which also saves as PDF); never called on its own. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button variant="primary" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
