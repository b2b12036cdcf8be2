import { z } from "zod";
import { DEMO_MAX_COUNT } from "./demo-limits";

/** Body of a demo-data request: how many records to generate (default 200). */
export const loadDemoBody = z
  .object({
    count: z
      .number({ message: "数量必须是数字" })
      .int("数量必须是整数")
      .min(1, "数量至少为 1")
      .max(DEMO_MAX_COUNT, `数量最多为 ${DEMO_MAX_COUNT}`)
      .default(200),
  })
  .strict();
