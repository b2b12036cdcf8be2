import "server-only";
import { factsKey, reminderFacts, staleFacts } from "../schema/reminder-facts";
import { upgradeRecordData } from "../templates/upgrade-record-data";
import { backfillBeside, startBesideBackfill, type Beside } from "./backfill-beside";
import { rulesOfTemplate } from "./write/reminder-facts-hook";

/**
 * The reminder facts (lib/schema/reminder-facts.ts) of records stored before they existed, or
 * before a published version changed the table rules, so that the 工作台 asks them through the
 * index. Correctness never waits for it: until then the 工作台 asks such records the old way. A
 * record of an older version is read in the current version's shape, as the write pipeline would
 * store it.
 */
const reminderFactsBeside: Beside = {
  field: "facts",
  name: "reminder facts",
  forTemplate: (template) => {
    const rules = rulesOfTemplate(template);
    return {
      stale: staleFacts(factsKey(rules)),
      valueOf: async (doc) => {
        const stored = (doc.data ?? {}) as Record<string, unknown>;
        const data = doc.templateVersion < template.version ? (await upgradeRecordData({ templateKey: template.key, fromVersion: doc.templateVersion, toVersion: template.version, data: stored })).data : stored;
        return reminderFacts(rules, data);
      },
    };
  },
};

/** Fills in stale reminder facts (backfillBeside); returns how many records it updated. */
export const backfillReminderFacts = (params: { templateKey?: string } = {}): Promise<number> => backfillBeside(reminderFactsBeside, params);

/** backfillReminderFacts in the background, one run at a time (startBesideBackfill). */
export const startReminderFactsBackfill = (): Promise<number> => startBesideBackfill(reminderFactsBeside);
