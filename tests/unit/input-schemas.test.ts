/**
 * The schemas of what we send to Asana (lib/asana/input-schemas.ts), one by one: what each
 * accepts, what it refuses, and the message a refusal gives (the person reads it in the form or
 * the refused write's notice, in their language). Mutation testing found these unchecked: which
 * message is given, and that every pattern is anchored at both ends.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { Billable, CategoryName, Color, Description, IsoDate, LOCAL_ID_PATTERN, Minutes, ObjectOnly, OpId, TargetRef } from '@/lib/asana/input-schemas';
import { t } from '@/lib/i18n';

/** The first issue's message, or null when the value is accepted. */
const refusal = (schema: v.GenericSchema, value: unknown) => {
  const result = v.safeParse(schema, value);
  return result.success ? null : result.issues[0].message;
};

describe('what each schema refuses, and the words it uses', () => {
  it.each([
    ['TargetRef', TargetRef, 'not-an-id', 'vEntryId'],
    ['OpId', OpId, 'UPPER', 'vOpId'],
    ['IsoDate', IsoDate, '1 Jan 2027', 'vDate'],
    ['IsoDate (no such day)', IsoDate, '2027-02-30', 'vRealDate'],
    ['Minutes (a fraction)', Minutes, 1.5, 'vWholeMinutes'],
    ['Minutes (zero)', Minutes, 0, 'vMinMinutes'],
    ['Minutes (over a day)', Minutes, 1441, 'vMaxMinutes'],
    ['Description', Description, 'x'.repeat(10_001), 'vDescriptionLong'],
    ['Billable', Billable, 'sometimes', 'vBillable'],
    ['Color', Color, 'plaid', 'vColor'],
    ['CategoryName (blank)', CategoryName, '   ', 'vNeedsName'],
    ['CategoryName (long)', CategoryName, 'n'.repeat(201), 'vNameLong'],
  ] as const)('%s', (_, schema, value, key) => {
    const message = refusal(schema as v.GenericSchema, value);
    expect(message).toBe(t(key));
    expect(message).not.toBe('');
  });

  it('accepts what Asana accepts', () => {
    for (const [schema, value] of [
      [TargetRef, '1209173527104068'],
      [TargetRef, 'local-abc123'],
      [OpId, 'abc-123'],
      [IsoDate, '2028-02-29'],
      [Minutes, 1],
      [Minutes, 1440],
      [Description, 'x'.repeat(10_000)],
      [Billable, 'nonBillable'],
      [Color, 'yellow-green'],
      [CategoryName, ' Design '],
    ] as const) expect(refusal(schema as v.GenericSchema, value)).toBeNull();
    expect(v.parse(CategoryName, '  Design ')).toBe('Design');
  });
});

describe('patterns are anchored at both ends', () => {
  it.each(['xlocal-abcdef', 'local-abcdef!', 'local-abcdef local-abcdef'])('a local id: %s is refused', (id) => {
    expect(LOCAL_ID_PATTERN.test(id)).toBe(false);
    expect(refusal(TargetRef, id)).toBe(t('vEntryId'));
  });
  it.each(['x2027-01-01', '2027-01-01x', '12027-01-01', '2027-01-011'])('a date: %s is refused as not a date (not as a day that does not exist)', (day) => {
    expect(refusal(IsoDate, day)).toBe(t('vDate'));
  });
  it.each(['!abcdef', 'abcdef!', 'a'.repeat(41)])('an op id: %s is refused', (id) => {
    expect(refusal(OpId, id)).toBe(t('vOpId'));
  });
});

describe('ObjectOnly', () => {
  const schema = ObjectOnly(v.object({}));
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'x'],
    ['a number', 3],
    ['undefined', undefined],
  ])('refuses %s as an object', (_, value) => {
    expect(refusal(schema, value)).toBe(t('vObject'));
  });
  it('accepts an object', () => {
    expect(refusal(schema, {})).toBeNull();
  });
});
