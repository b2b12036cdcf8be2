import { z } from "zod";
import { zodKey } from "../validation/parse-input";
import { DEMO_MAX_COUNT } from "./demo-limits";

/** Body of a demo-data request: how many records to generate (default 200). */
export const loadDemoBody = z
  .object({
    count: z
      .number({ message: zodKey("demo.countNumber") })
      .int(zodKey("demo.countBounds"))
      .min(1, zodKey("demo.countBounds"))
      .max(DEMO_MAX_COUNT, zodKey("demo.countBounds"))
      .default(200),
  })
  .strict();
