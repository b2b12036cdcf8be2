import { msg, type LocalText } from "../i18n/messages";
import type { WidgetProblem } from "./widget-fields";

/** A widget problem as a message, for a refused save and for the placeholder a dashboard shows. */
export function problemText(problem: WidgetProblem): LocalText {
  switch (problem.code) {
    case "fieldGone":
      return msg("statistics.fieldGone", { field: problem.field });
    case "personal":
      return msg("statistics.personal", { field: problem.field });
    case "needsField":
      return msg("statistics.needsField");
    case "mixedTables":
      return msg("statistics.mixedTables", { field: problem.field, sum: problem.sum });
    case "outsideTable":
      return msg("statistics.outsideTable", { table: problem.table, field: problem.field ?? msg("statistics.owner") });
    case "badChart":
      return msg("statistics.badChart");
  }
}
