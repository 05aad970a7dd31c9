/**
 * Signing in from the options page: a personal access token (and a refused one), and OAuth with
 * PKCE through the sandbox's consent window opened by identity.launchWebAuthFlow, with the
 * redirect URL this browser gives the extension (Firefox: https://<sha1 of the gecko id>
 * .extensions.allizom.org/), shown on the Account tab; then sign-out revoking the grant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchDriver, type Driver, type Tab } from '../e2e/driver';

let d: Driver;
beforeAll(async () => {
  d = await launchDriver();
});
afterAll(async () => d?.close());
afterEach(async () => {
  await d.message('session.signOut', {});
  await d.closeTabs();
});

const me = () => d.sandbox.seed.users.me;

async function saveApp(options: Tab) {
  const app = d.sandbox.world.oauthApp;
  await options.page().getByLabel('Client ID').fill(app.clientId);
  await options.page().getByLabel(/Client secret/).fill(app.clientSecret);
  await options.page().getByRole('button', { name: 'Save app' }).click();
  await expect.poll(() => options.page().getByRole('status').first().text()).toMatch(/App saved/);
}

/** Starts the OAuth sign-in and returns the consent window Asana (the sandbox) shows. */
async function consentWindow(options: Tab): Promise<Tab> {
  const next = d.nextTab();
  await options.page().getByRole('button', { name: 'Connect with Asana' }).click();
  const consent = await next;
  await expect.poll(() => consent.page().getByRole('button', { name: 'Allow' }).count()).toBe(1);
  return consent;
}

describe('not connected', () => {
  it('the popup asks to connect and opens the options page', async () => {
    const popup = await d.openPopup();
    const next = d.nextTab();
    await popup.page().getByRole('button', { name: 'Connect to Asana' }).click();
    const options = await next;
    await expect.poll(() => options.url()).toContain(`${d.extensionOrigin}/options.html`);
    await expect.poll(() => options.page().getByLabel('Personal access token', { exact: true }).count()).toBe(1);
  });
});

describe('personal access token', () => {
  it('connects with a token and shows “Connected as NAME (email)”, the token nowhere on the page', async () => {
    const options = await d.openOptions('#account');
    await options.page().getByLabel('Personal access token', { exact: true }).fill(me().token);
    await options.page().getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => options.page().getByTestId('connected-as').text()).toContain(`Connected as ${me().name} (${me().email})`);
    expect(await options.evaluate(() => document.documentElement.outerHTML)).not.toContain(me().token);
  });

  it('shows Asana’s refusal of a bad token, and stays disconnected', async () => {
    const options = await d.openOptions('#account');
    await options.page().getByLabel('Personal access token', { exact: true }).fill('0/not-a-real-token');
    await options.page().getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => options.page().getByRole('alert').text()).toMatch(/Asana refused this token \(“Not Authorized”\)\. Copy the whole token again/);
    expect((await d.message('session.get', {})).data.connected).toBe(false);
  });
});

describe('OAuth with PKCE through the consent window', () => {
  it('shows this browser’s redirect URL, signs in with Allow, and signs out revoking the grant', async () => {
    const options = await d.openOptions('#account');
    await expect.poll(() => options.page().getByTestId('redirect-url').text()).toBe(d.redirectUrl);
    if (d.browser === 'firefox') expect(d.redirectUrl).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    d.sandbox.world.oauthApp.redirectUris.push(d.redirectUrl);
    await saveApp(options);
    const consent = await consentWindow(options);
    expect(await consent.page().getByText(d.sandbox.world.oauthApp.name).count()).toBeGreaterThan(0);
    await consent.page().getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => options.page().getByTestId('connected-as').text(), { timeout: 15_000 }).toContain(`Connected as ${me().name} (${me().email}) with your Asana app (OAuth)`);
    // The code exchange used PKCE (the sandbox checks the verifier against the S256 challenge) and this redirect URL.
    expect(d.sandbox.stats.requests.filter((r) => r.path === '/-/oauth_token' && r.status === 200).length).toBeGreaterThanOrEqual(1);
    const grants = () => [...d.sandbox.world.oauth.grants.values()].filter((g) => g.user === me().gid);
    expect(grants().length).toBeGreaterThan(0);
    // The token works: a task page shows its figures.
    const task = await d.openAsana(d.taskUrl(d.sandbox.seed.tasks.empty.gid));
    await expect.poll(() => task.widget().getByText('No time logged on this task yet.').count()).toBe(1);

    await options.bringToFront();
    await options.page().getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => options.page().getByRole('status').first().text()).toMatch(/Signed out/);
    expect(grants().every((g) => g.revoked)).toBe(true);
  });

  it('says what happened when the user chooses Deny', async () => {
    const options = await d.openOptions('#account');
    d.sandbox.world.oauthApp.redirectUris.push(d.redirectUrl);
    await saveApp(options);
    const consent = await consentWindow(options);
    await consent.page().getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => options.page().getByRole('alert').text(), { timeout: 15_000 }).toMatch(/You chose not to allow access in Asana/);
    expect((await d.message('session.get', {})).data.connected).toBe(false);
  });

  it('says what to check when the redirect URL is not registered in the Asana app', async () => {
    const options = await d.openOptions('#account');
    const app = d.sandbox.world.oauthApp;
    app.redirectUris = app.redirectUris.filter((u) => u !== d.redirectUrl);
    await saveApp(options);
    const next = d.browser === 'firefox' ? d.nextTab() : null;
    await options.page().getByRole('button', { name: 'Connect with Asana' }).click();
    if (next) {
      // Firefox keeps the sign-in window open on Asana's error page, which says why; the person
      // reads it and closes the window.
      const window = await next;
      await expect.poll(() => window.page().getByText(/does not match any redirect URL registered/).count()).toBeGreaterThan(0);
      await window.close();
    }
    await expect.poll(() => options.page().getByRole('alert').text(), { timeout: 15_000 }).toMatch(/redirect URL shown below is registered/);
    expect((await d.message('session.get', {})).data.connected).toBe(false);
  });
});
