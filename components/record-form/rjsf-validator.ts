import { customizeValidator } from "@rjsf/validator-ajv8";
import { customFormats } from "@/lib/schema/ajv";

/**
 * rjsf's own validator, used only to resolve `if`/`then` branches and defaults while rendering.
 * Deciding whether data is valid is the shared validator's job (lib/schema/validate.ts), so this
 * one is lenient about our `x-…` keywords.
 */
export const rjsfValidator = customizeValidator({ customFormats, ajvOptionsOverrides: { strict: false, allErrors: false } });
