/** Finding Firefox: FIREFOX_PATH first, then Debian's firefox-esr, then firefox; and what a machine without one is told. */
import { describe, expect, it } from 'vitest';
import { firefoxPath } from '../e2e/firefox';

describe('finding Firefox', () => {
  it('takes FIREFOX_PATH, then /usr/bin/firefox-esr, then /usr/bin/firefox', () => {
    expect(firefoxPath({ FIREFOX_PATH: '/opt/firefox/firefox' }, (p) => p === '/opt/firefox/firefox' || p === '/usr/bin/firefox-esr')).toBe('/opt/firefox/firefox');
    expect(firefoxPath({}, (p) => p === '/usr/bin/firefox-esr' || p === '/usr/bin/firefox')).toBe('/usr/bin/firefox-esr');
    expect(firefoxPath({}, (p) => p === '/usr/bin/firefox')).toBe('/usr/bin/firefox');
  });

  it('tells a machine without Firefox the command that installs it, and that FIREFOX_PATH can point at another', () => {
    expect(() => firefoxPath({}, () => false)).toThrow('No Firefox found for the Firefox end-to-end tests. Install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) or set FIREFOX_PATH to another Firefox (140+).');
  });

  it('says so when FIREFOX_PATH points at nothing, instead of quietly using another Firefox', () => {
    expect(() => firefoxPath({ FIREFOX_PATH: '/nowhere/firefox' }, (p) => p === '/usr/bin/firefox-esr')).toThrow(/FIREFOX_PATH is \/nowhere\/firefox, which does not exist.*sudo apt-get install -y firefox-esr/);
  });
});
