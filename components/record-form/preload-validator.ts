import "server-only";
import { headers } from "next/headers";
import { preload } from "react-dom";
import type { ValidatorRef } from "@/lib/schema/standalone-runtime";

/**
 * Lets the browser fetch the record form's validator script while the page hydrates (the form
 * waits for it). Fetched only: run before hydration, it would make the first render differ from
 * the server's. The preload carries the request's nonce, or the Content-Security-Policy refuses it.
 */
export async function preloadValidator(ref: ValidatorRef): Promise<void> {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  preload(ref.src, { as: "script", nonce });
}
