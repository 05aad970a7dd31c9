import { describe, expect, it } from 'vitest';
import { estimateFromCustomFields } from '@/lib/asana/estimate';
import type { CustomFieldValue } from '@/lib/asana/schemas';

const asana = (over: Partial<CustomFieldValue> = {}): CustomFieldValue => ({
  gid: '77', name: 'Estimated time', asana_created_field: 'estimated_time', format: 'duration', number_value: 150, display_value: '2h 30m', ...over,
});
const own = (over: Partial<CustomFieldValue> = {}): CustomFieldValue => ({
  gid: '88', name: 'Estimate', asana_created_field: null, format: 'duration', number_value: 600, display_value: '10h', ...over,
});

describe('estimateFromCustomFields', () => {
  it.each([
    ['Asana’s field with a value', [asana()], { minutes: 150, display: '2h 30m', fieldGid: '77' }],
    ['found among other fields', [own(), asana({ number_value: 45, display_value: '45m' })], { minutes: 45, display: '45m', fieldGid: '77' }],
    ['empty field', [asana({ number_value: null, display_value: null })], { minutes: null, display: null, fieldGid: '77' }],
    ['zero is an estimate', [asana({ number_value: 0, display_value: '0m' })], { minutes: 0, display: '0m', fieldGid: '77' }],
    ['a negative value is no estimate', [asana({ number_value: -5 })], { minutes: null, display: null, fieldGid: '77' }],
    ['a user-made duration field is not Asana’s estimate', [own()], { minutes: null, display: null, fieldGid: null }],
    ['no custom fields', [], { minutes: null, display: null, fieldGid: null }],
    ['custom_fields null', null, { minutes: null, display: null, fieldGid: null }],
  ] as const)('%s', (_name, fields, expected) => {
    expect(estimateFromCustomFields(fields as CustomFieldValue[] | null)).toEqual(expected);
  });
});
