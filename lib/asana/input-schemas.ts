/**
 * What we send to Asana, as valibot schemas: checked where a request enters the background
 * (lib/messaging/protocol.ts) and again where the outbox reads a stored write back
 * (lib/storage/schemas.ts), so a write is the same shape at both ends.
 */
import { t } from '../i18n';
import * as v from 'valibot';
import { BILLABLE_STATUSES, CATEGORY_COLORS, GID_PATTERN } from './constants';

export const Gid = v.pipe(v.string(), v.regex(GID_PATTERN, () => t('vGid')));
/** A local id for an entry or category still waiting in the outbox: `local-<op id>`. */
export const LOCAL_ID_PATTERN = /^local-[a-z0-9-]{6,40}$/;
/** An entry or category id: Asana's, or a local id. */
export const TargetRef = v.pipe(v.string(), v.check((s) => GID_PATTERN.test(s) || LOCAL_ID_PATTERN.test(s), () => t('vEntryId')));
export const OpId = v.pipe(v.string(), v.regex(/^[a-z0-9-]{6,40}$/, () => t('vOpId')));
export const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, () => t('vDate')),
  v.check((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), () => t('vRealDate')),
);
export const Minutes = v.pipe(v.number(), v.integer(() => t('vWholeMinutes')), v.minValue(1, () => t('vMinMinutes')), v.maxValue(1440, () => t('vMaxMinutes')));
export const Description = v.pipe(v.string(), v.maxLength(10_000, () => t('vDescriptionLong')));
export const Billable = v.picklist(BILLABLE_STATUSES, () => t('vBillable'));
export const Color = v.picklist(CATEGORY_COLORS, () => t('vColor'));
export const CategoryName = v.pipe(v.string(), v.trim(), v.minLength(1, () => t('vNeedsName')), v.maxLength(200, () => t('vNameLong')));

/**
 * An object, never an array or null. valibot's object schemas accept an array for an object
 * (`typeof [] === 'object'`), which once made `patch: []` a valid (empty) change.
 */
export const ObjectOnly = <S extends v.GenericSchema>(schema: S) =>
  v.pipe(v.custom<v.InferInput<S>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), () => t('vObject')), schema);

/** A new entry's fields (`POST /tasks/{gid}/time_tracking_entries`). */
export const EntryFields = v.strictObject({
  duration_minutes: Minutes,
  entered_on: IsoDate,
  description: v.optional(Description),
  categories: v.optional(v.pipe(v.array(Gid), v.maxLength(1, () => t('vOneCategory')))),
  billable_status: v.optional(Billable),
  attributable_to: v.optional(Gid),
});
export type EntryFieldsInput = v.InferOutput<typeof EntryFields>;

/** A change that changes something (an empty one would send a PUT for nothing). */
const notEmpty = <T extends object>() => v.check((x: T) => Object.keys(x).length > 0, () => t('vChangeSomething'));

/** A change to an entry (`PUT /time_tracking_entries/{gid}`): any of the fields, at least one. */
const EntryPatchFields = v.partial(EntryFields);
export const EntryPatch = v.pipe(ObjectOnly(EntryPatchFields), notEmpty<v.InferOutput<typeof EntryPatchFields>>());
export type EntryPatchInput = v.InferOutput<typeof EntryPatch>;

/** A new category (`POST /time_tracking_categories`, with the workspace). */
export const CategoryFields = v.strictObject({ name: CategoryName, color: Color });
/** A change to a category (`PUT /time_tracking_categories/{gid}`). */
const CategoryPatchFields = v.strictObject({ name: v.optional(CategoryName), color: v.optional(Color), is_archived: v.optional(v.boolean()) });
export const CategoryPatch = v.pipe(ObjectOnly(CategoryPatchFields), notEmpty<v.InferOutput<typeof CategoryPatchFields>>());
