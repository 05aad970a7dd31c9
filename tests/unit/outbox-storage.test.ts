/** The outbox as stored: damaged parts are dropped, the rest kept (lib/background/outbox-storage.ts). */
import { describe, expect, it } from 'vitest';
import { parseOutbox } from '@/lib/background/outbox-storage';

describe('parseOutbox', () => {
  it.each([
    ['nothing stored', undefined, {}],
    ['no renames yet (stored before they existed)', { ops: [], claimed: [] }, {}],
    ['a local id → Asana gid', { ops: [], claimed: [], renamed: { 'local-abcdef123456': '1209000000000001' } }, { 'local-abcdef123456': '1209000000000001' }],
    ['damaged pairs dropped', { ops: [], claimed: [], renamed: { 'local-abcdef123456': 'not digits', '123': '456', 'local-bbbbbbbbbbbb': 7, 'local-cccccccccccc': '789' } }, { 'local-cccccccccccc': '789' }],
    ['an array instead of a map', { ops: [], claimed: [], renamed: ['local-abcdef123456'] }, {}],
  ])('renamed ids: %s', (_, raw, renamed) => {
    expect(parseOutbox(raw).renamed).toEqual(renamed);
  });
});
