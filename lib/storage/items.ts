/**
 * Every stored item, defined once: where it lives (./keys.ts: key, fallback, version, guarded)
 * with its valibot schema, and its migrations in ./migrations.ts. Nothing else in the extension
 * names a storage key. The background turns these into WXT storage items (./store.ts); views read
 * them through one hook (`useItem`), which validates with `check`.
 */
import * as v from 'valibot';
import { accountKey, floatingKey, outboxKey, pageReportKey, recoveryKey, uiPrefsKey, userKeys, type StoredKey } from './keys';
import { checkItem, type Checked } from './read';
import {
  AccountSchema, BudgetCacheSchema, CategoryCacheSchema, FloatingPrefsSchema, MyEntriesSchema, WeekStatusSchema, OutboxSchema, PageReportSchema, RecentTaskSchema, RecoveredSchema, SettingsSchema, TaskCacheSchema,
  TaskIndexSchema, TimerSchema, UiPrefsSchema, IdleQuestionSchema,
} from './schemas';

export * from './keys';

export interface ItemDef<T> extends StoredKey<T> {
  schema: v.GenericSchema<unknown, T>;
  /** `raw` checked against the schema: the value, or the fallback and why. */
  check: (raw: unknown) => Checked<T>;
}

function withSchema<T>(where: StoredKey<T>, schema: v.GenericSchema<unknown, T>): ItemDef<T> {
  const def: ItemDef<T> = { ...where, schema, check: (raw) => checkItem(def, raw) };
  return def;
}

const nullable = <T,>(schema: v.GenericSchema<unknown, T>) => v.nullable(schema) as v.GenericSchema<unknown, T | null>;
const array = <T,>(schema: v.GenericSchema<unknown, T>) => v.array(schema) as v.GenericSchema<unknown, T[]>;

export const accountItem = withSchema(accountKey, nullable(AccountSchema));
export const outboxItem = withSchema(outboxKey, OutboxSchema);
export const uiPrefsItem = withSchema(uiPrefsKey, UiPrefsSchema);
export const recoveryItem = withSchema(recoveryKey, array(RecoveredSchema));
export const floatingItem = withSchema(floatingKey, nullable(FloatingPrefsSchema));
export const pageReportItem = withSchema(pageReportKey, nullable(PageReportSchema));

/** The items of one Asana user. */
export function userItems(userGid: string) {
  const k = userKeys(userGid);
  return {
    settings: withSchema(k.settings, SettingsSchema),
    timer: withSchema(k.timer, nullable(TimerSchema)),
    idle: withSchema(k.idle, nullable(IdleQuestionSchema)),
    recentTasks: withSchema(k.recentTasks, array(RecentTaskSchema)),
    taskIndex: withSchema(k.taskIndex, TaskIndexSchema),
    task: (taskGid: string) => withSchema(k.task(taskGid), nullable(TaskCacheSchema)),
    categories: (workspaceGid: string) => withSchema(k.categories(workspaceGid), nullable(CategoryCacheSchema)),
    budget: (projectGid: string) => withSchema(k.budget(projectGid), nullable(BudgetCacheSchema)),
    weeks: withSchema(k.weeks, v.record(v.string(), WeekStatusSchema)),
    mine: withSchema(k.mine, nullable(MyEntriesSchema)),
  };
}
export type UserItems = ReturnType<typeof userItems>;
