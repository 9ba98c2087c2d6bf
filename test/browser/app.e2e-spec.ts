// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { paths } from '../../web/src/app/paths.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { writeTinyPolicy } from '../support/tiny-policy.js';
import { browserForTests, screenshot } from './support/browser.js';
import { ensureWebBuild } from './support/web-build.js';

// The app around the chat, in a real browser against the real app and its embedded random-weight model:
// signing up and a first reply, stopping a reply, API keys, roles and the navigation they open, the route
// guard and the 404 page. The model gets a longer context than the default tiny one so a reply runs long
// enough to be stopped; fixed seeds make its replies reproducible.
let t: TestApp;
let baseURL: string;

beforeAll(async () => {
  ensureWebBuild();
  t = await writeTinyPolicy({ contextLength: 1024 }).then((checkpoint) =>
    createTestApp({ POLICY_CHECKPOINT: checkpoint }),
  );
  baseURL = await t.listen();
});

afterAll(async () => {
  await t?.close();
});

const browse = browserForTests(() => baseURL);

/** The page links of the header's navigation, once it is on screen. */
async function navLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('list').getByRole('link');
  await links.first().waitFor();
  return (await links.allTextContents()).map((s) => s.trim());
}

describe('the web app', () => {
  it('signs a new person up, who chats with the embedded model', async () => {
    const page = await browse();
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await screenshot(page, 'sign-in');

    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.waitForURL('**/register');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 10 characters.').waitFor(); // checked before anything is sent
    await page.getByLabel('Display name').fill('Ada');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await screenshot(page, 'register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/chat');
    expect(await navLinks(page)).toEqual(['Chat', 'Contests']);

    // A seed makes the random-weight model's reply reproducible.
    await page.getByRole('button', { name: 'Reply settings' }).click();
    await page.getByLabel('Max tokens').fill('12');
    await page.getByLabel('Seed').fill('42');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello, model');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.locator('.msg--assistant:not([data-status="streaming"])').waitFor();
    expect(await page.locator('.msg--assistant .msg__meta').textContent()).toMatch(
      /^tiny-policy-\S+ · \d+ tokens · /,
    );
    expect(await page.getByRole('alert').count()).toBe(0);

    // The same address on a second visit: signed out, a wrong password is explained, the right one works.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    await screenshot(page, 'sign-in-error');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/chat');
    await page.getByRole('link', { name: /Hello, model/ }).waitFor();
  });

  it('stops a reply while the model is writing it', async () => {
    const ada = await t.newUser();
    const page = await browse({ cookie: ada.cookie });
    await page.goto('/chat');
    await page.getByRole('button', { name: 'Reply settings' }).click();
    await page.getByLabel('Max tokens').fill('1000');
    await page.getByLabel('Seed').fill('1');
    await page.getByRole('button', { name: 'Reply settings' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Please go on for a long time');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const stop = page.getByRole('button', { name: 'Stop' });
    await page.locator('.msg__text--streaming').waitFor(); // the first words are on screen
    await stop.click();

    await page.locator('.msg--assistant[data-status="stopped"]').waitFor();
    await page.getByText('Stopped', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Send message' }).waitFor();
    await screenshot(page, 'chat-stopped');
    const id = page.url().split('/chat/')[1];
    const { body } = await t.http().get(`/conversations/${id}`).set('Cookie', ada.cookie);
    const reply = body.messages.find((m: { role: string }) => m.role === 'assistant');
    expect(reply).toMatchObject({ status: 'stopped', finishReason: 'abort' });
    expect(reply.completionTokens).toBeLessThan(900);
    expect(await page.locator('.msg--assistant .msg__text').textContent()).toBe(reply.content);
  });

  it('creates an API key, shows its secret once, and revokes it', async () => {
    const ada = await t.newUser();
    const page = await browse({ cookie: ada.cookie });
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByText('No API keys yet.').waitFor();

    await page.getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByRole('button', { name: 'Create key' }).click();
    await dialog.getByText('Give the key a name').waitFor();
    await dialog.getByLabel('Name').fill('eval script');
    await screenshot(page, 'account-new-key-dialog');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const secret = await page.getByRole('textbox', { name: 'New API key' }).inputValue();
    expect(secret).toMatch(/^rk_/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('API key copied to the clipboard').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, 'account-key-created', { fullPage: true });
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${secret}`)).status).toBe(200);

    // Once: after Done (or a reload) the secret is nowhere on the page.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await page.getByText('eval script').waitFor();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke eval script' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke this key?' })
      .getByRole('button', { name: 'Revoke key' })
      .click();
    await page.getByText('Revoked', { exact: true }).waitFor();
    await screenshot(page, 'account-key-revoked', { fullPage: true });
    expect((await t.http().get('/auth/me').set('Authorization', `Bearer ${secret}`)).status).toBe(401);
  });

  it('shows each person the pages their roles open; an admin grant changes them', async () => {
    const admin = await t.newUser(['admin']);
    const bob = await t.newUser();
    const bobPage = await browse({ cookie: bob.cookie });
    await bobPage.goto('/chat');
    expect(await navLinks(bobPage)).toEqual(['Chat', 'Contests']);
    await bobPage.goto('/manage/models');
    await bobPage.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    await screenshot(bobPage, 'forbidden');

    const adminPage = await browse({ cookie: admin.cookie });
    await adminPage.goto('/chat');
    expect(await navLinks(adminPage)).toEqual(['Chat', 'Users', 'Models', 'Review', 'Contests']);
    await adminPage.getByRole('link', { name: 'Users' }).click();
    const row = adminPage.getByRole('row', { name: new RegExp(bob.email) });
    await row.getByRole('checkbox', { name: 'operator' }).check();
    await adminPage.getByText(`Granted operator to ${bob.email}`).waitFor();
    expect(await row.getByRole('checkbox', { name: 'operator' }).isChecked()).toBe(true);
    await screenshot(adminPage, 'admin-users', { fullPage: true });

    await bobPage.reload();
    await bobPage.getByRole('heading', { name: 'Models' }).waitFor();
    expect(await navLinks(bobPage)).toEqual(['Chat', 'Models', 'Contests']);
    await bobPage
      .getByRole('cell', { name: /tiny-policy/ })
      .first()
      .waitFor();
    await screenshot(bobPage, 'models', { fullPage: true });

    await row.getByRole('checkbox', { name: 'operator' }).uncheck();
    await adminPage.getByText(`Revoked operator from ${bob.email}`).waitFor();
    await bobPage.reload();
    await bobPage.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    expect(await navLinks(bobPage)).toEqual(['Chat', 'Contests']);
  });

  it('answers unknown addresses with a 404 page and sends signed-out visitors to sign in', async () => {
    const anonymous = await browse();
    await anonymous.goto('/no/such/page');
    await anonymous.getByRole('heading', { name: 'Page not found' }).waitFor();
    await screenshot(anonymous, 'not-found');

    await anonymous.goto('/account');
    await anonymous.waitForURL('**/sign-in?next=%2Faccount');

    // A session that ends while the app is open (signed out elsewhere): back to sign-in, saying why.
    const bea = await t.newUser();
    const beaPage = await browse({ cookie: bea.cookie });
    await beaPage.goto('/account');
    await beaPage.getByText('No API keys yet.').waitFor();
    expect((await t.http().post('/auth/logout').set('Cookie', bea.cookie)).status).toBe(204);
    await beaPage.getByRole('button', { name: 'New key' }).click();
    await beaPage.getByRole('dialog', { name: 'New API key' }).getByLabel('Name').fill('laptop');
    await beaPage.getByRole('button', { name: 'Create key' }).click();
    await beaPage.waitForURL('**/sign-in?next=%2Faccount');
    await beaPage.getByText('Your session has ended. Sign in again to continue.').waitFor();

    const ada = await t.newUser();
    const page = await browse({ cookie: ada.cookie });
    await page.goto('/chat/00000000-0000-4000-8000-000000000000');
    await page.getByRole('alert').filter({ hasText: 'Conversation not found' }).waitFor();
    await page.goto('/this-is-not-a-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).waitFor(); // inside the app's frame when signed in
    await screenshot(page, 'not-found-signed-in');
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.waitForURL('**/chat');

    // The theme toggle, remembered across visits.
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    await page.getByRole('heading', { name: 'What would you like to ask?' }).waitFor();
    await screenshot(page, 'chat-empty-dark');
  });

  it('loads every page from its own URL (no page path is an API path)', async () => {
    const admin = await t.newUser(['admin', 'operator']);
    const page = await browse({ cookie: admin.cookie });
    for (const path of Object.values(paths)) {
      const url = path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const response = await page.goto(url);
      expect([url, response?.headers()['content-type']]).toEqual([url, expect.stringContaining('text/html')]);
      await page.locator('#root > *').first().waitFor();
    }
  });
});
