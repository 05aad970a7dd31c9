/**
 * Turning a reminder on asks for the optional `notifications` permission in that click, and a
 * refusal leaves it off and says why (components/options/idle-reminder-prefs.tsx). The browser's
 * prompt cannot run here (nor be reached from Playwright in e2e): its answer is the one thing
 * given, through WXT's fake browser; the request itself and what is sent to the background are
 * the component's own.
 */
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IdleReminderPrefs } from '@/components/options/idle-reminder-prefs';
import { DEFAULT_SETTINGS } from '@/lib/storage/schemas';

let root: HTMLElement;
let sent: Array<{ type: string; payload: Record<string, unknown> }>;
beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
  sent = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const m = message as { type: string; payload: Record<string, unknown> };
    sent.push(m);
    return { ok: true, data: { ...DEFAULT_SETTINGS, ...m.payload } };
  });
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

const daily = () => [...root.querySelectorAll('label')].find((l) => l.textContent?.includes('Remind me when less than my target'))!.querySelector('input')!;
const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe('turning a reminder on', () => {
  it('asks for notifications in the click, and when refused keeps it off and says why', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false as never);
    render(h(IdleReminderPrefs, { settings: DEFAULT_SETTINGS, onSaved: () => undefined }), root);
    await act(() => daily().click());
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    await flush();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Reminders stay off: the browser was not allowed to show notifications. Turn the reminder on again and choose Allow.');
    expect(sent).toEqual([]);
  });

  it('saves it on once allowed', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    const saved: string[] = [];
    render(h(IdleReminderPrefs, { settings: DEFAULT_SETTINGS, onSaved: (s: string) => saved.push(s) }), root);
    await act(() => daily().click());
    await flush();
    expect(sent.map((m) => [m.type, (m.payload.reminders as { daily: boolean }).daily])).toEqual([['settings.update', true]]);
    expect(saved).toEqual(['Saved: reminders.']);
  });

  it('turns it off without asking', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    const on = { ...DEFAULT_SETTINGS, reminders: { daily: true, long: false, days: [1, 2, 3, 4, 5], at: 990, targetMinutes: 480, from: 540, to: 1080 } };
    render(h(IdleReminderPrefs, { settings: on, onSaved: () => undefined }), root);
    await act(() => daily().click());
    await flush();
    expect(request).not.toHaveBeenCalled();
    expect(sent.map((m) => (m.payload.reminders as { daily: boolean }).daily)).toEqual([false]);
  });
});
