// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { browserForTests, type PageOptions, PHONE, screenshot } from './support/browser.js';
import { startScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import { ensureWebBuild } from './support/web-build.js';

// Chat in a real browser against the real app. Replies come through the app's remote provider from a
// scripted OpenAI-compatible server (known text at a known pace), so streaming and regenerated replies can
// be watched exactly. app.e2e-spec.ts chats with (and stops) the embedded model itself.
let model: ScriptedModel;
let t: TestApp;
let baseURL: string;

beforeAll(async () => {
  ensureWebBuild();
  model = await startScriptedModel();
  t = await createTestApp({
    MODEL_PROVIDER: 'openai-compatible',
    MODEL_BASE_URL: model.url,
    MODEL_NAME: model.name,
  });
  baseURL = await t.listen();
});

afterAll(async () => {
  await t?.close();
  await model?.close();
});

const browse = browserForTests(() => baseURL);

async function signedIn(options: PageOptions = {}): Promise<Page> {
  const user = await t.newUser();
  return browse({ cookie: user.cookie, ...options });
}

/** Sets the reply length in the composer's settings (kept in localStorage for the next replies). */
async function setMaxTokens(page: Page, tokens: number): Promise<void> {
  await page.getByRole('button', { name: 'Reply settings' }).click();
  await page.getByLabel('Max tokens').fill(String(tokens));
  await page.getByRole('button', { name: 'Reply settings' }).click();
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const replies = (page: Page) => page.locator('.msg--assistant');
/** Waits until the n-th reply on screen has finished streaming. */
const waitForReply = (page: Page, n = 1) =>
  page
    .locator('.msg--assistant:not([data-status="streaming"]) .msg__meta')
    .nth(n - 1)
    .waitFor();

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

describe('chat in the browser', () => {
  it('shows a reply streaming in token by token, with its model and token count', async () => {
    const page = await signedIn();
    await page.goto('/chat');
    await page.getByRole('heading', { name: 'What would you like to ask?' }).waitFor();
    await screenshot(page, 'chat-empty');

    await setMaxTokens(page, 60);
    // Record every length the reply's text has while it streams.
    await page.evaluate(() => {
      const w = window as unknown as { lengths: number[] };
      w.lengths = [];
      new MutationObserver(() => {
        const text = document.querySelector('.msg--assistant .msg__text--streaming');
        if (text) w.lengths.push(text.textContent?.length ?? 0);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await send(page, 'What is RLHF, in short?');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.locator('.msg__text--streaming').waitFor();
    await screenshot(page, 'chat-streaming');
    await waitForReply(page);

    const lengths = await page.evaluate(() => (window as unknown as { lengths: number[] }).lengths);
    expect(new Set(lengths.filter((n) => n > 0)).size).toBeGreaterThan(5); // it grew word by word, not all at once
    expect(await replies(page).locator('.msg__text').textContent()).toMatch(
      /^Reinforcement learning from human feedback/,
    );
    expect(page.url()).toMatch(/\/chat\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: /What is RLHF, in short\?/ }).waitFor(); // in the sidebar, titled by the message
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('What is RLHF, in short?');
    expect(await page.locator('.msg--assistant .msg__meta').textContent()).toMatch(
      /^scripted-model · \d+ tokens · /,
    );
    expect(model.requests.at(-1)).toMatchObject({
      max_tokens: 60,
      messages: [{ role: 'user', content: 'What is RLHF, in short?' }],
    });
    await send(page, 'And why does it need a KL penalty?');
    await waitForReply(page, 2);
    await screenshot(page, 'chat-reply');
  });

  it('regenerates a reply and browses the replies with < n/m >', async () => {
    const page = await signedIn();
    await page.goto('/chat');
    await setMaxTokens(page, 24);
    await send(page, 'Tell me something');
    await waitForReply(page);
    const first = await replies(page).locator('.msg__text').textContent();

    await page.getByRole('button', { name: 'Regenerate reply' }).click();
    await page.getByText('Reply 2 of 2').waitFor();
    await waitForReply(page);
    await page.getByRole('button', { name: 'Regenerate reply' }).click();
    await page.getByText('Reply 3 of 3').waitFor();
    await waitForReply(page);
    const third = await replies(page).locator('.msg__text').textContent();
    await screenshot(page, 'chat-siblings');

    await page.getByRole('button', { name: 'Previous reply' }).click();
    await page.getByText('Reply 2 of 3').waitFor();
    await page.getByRole('button', { name: 'Previous reply' }).click();
    await page.getByText('Reply 1 of 3').waitFor();
    expect(await replies(page).locator('.msg__text').textContent()).toBe(first);
    expect(await page.getByRole('button', { name: 'Previous reply' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Next reply' }).click();
    await page.getByRole('button', { name: 'Next reply' }).click();
    await page.getByText('Reply 3 of 3').waitFor();
    expect(await replies(page).locator('.msg__text').textContent()).toBe(third);

    // After a reload the conversation opens on the newest reply, from the server's tree.
    await page.reload();
    await page.getByText('Reply 3 of 3').waitFor();
    expect(await replies(page).count()).toBe(1);
    expect(await replies(page).locator('.msg__text').textContent()).toBe(third);
  });

  it('starts a conversation with a system prompt, renames and deletes it from the sidebar', async () => {
    const page = await signedIn();
    await page.goto('/chat');
    await setMaxTokens(page, 8);
    await page.getByRole('button', { name: 'Add a system prompt' }).click();
    await page.getByLabel('System prompt').fill('Answer in one short sentence.');
    await send(page, 'First conversation');
    await waitForReply(page);
    expect(model.requests.at(-1)?.messages).toEqual([
      { role: 'system', content: 'Answer in one short sentence.' },
      { role: 'user', content: 'First conversation' },
    ]);
    await page.getByText('System prompt', { exact: true }).waitFor(); // shown, folded, above the thread

    await page.getByRole('button', { name: 'Rename “First conversation”' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename conversation' });
    await dialog.getByLabel('Title').fill('Renamed chat');
    await screenshot(page, 'chat-rename-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Renamed chat' }).waitFor();
    await page.getByRole('link', { name: /Renamed chat/ }).waitFor();

    await page.getByRole('button', { name: 'Delete “Renamed chat”' }).click();
    await page
      .getByRole('dialog', { name: 'Delete conversation?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.waitForURL(/\/chat$/);
    await page.getByText('No conversations yet').waitFor();
  });

  it('says so when a request fails or the stream is cut, and retries', async () => {
    const page = await signedIn();
    await page.goto('/chat');
    await setMaxTokens(page, 16);
    await send(page, 'First try');
    await waitForReply(page);

    // The network fails: nothing was sent, the text comes back, Retry sends it.
    await page.route('**/conversations/*/messages', (route) => route.abort('internetdisconnected'));
    await send(page, 'Are you there?');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not reach the server' });
    await alert.waitFor();
    expect(await composer(page).inputValue()).toBe('Are you there?');
    await screenshot(page, 'chat-error-offline');
    await page.unroute('**/conversations/*/messages');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await waitForReply(page, 2);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await composer(page).inputValue()).toBe('');

    // The connection drops mid-stream: what arrived stays, marked interrupted; Retry asks for a new reply.
    await page.route('**/conversations/*/messages', async (route) => {
      const response = await route.fetch();
      const frames = (await response.text()).split('\n\n');
      const cut = frames.filter((f) => /^event: (message|delta)/.test(f)).slice(0, 4);
      await route.fulfill({ response, body: `${cut.join('\n\n')}\n\n` });
    });
    await send(page, 'Tell me more');
    const lost = page.getByRole('alert').filter({ hasText: 'Connection lost' });
    await lost.waitFor();
    await page.locator('.msg--assistant[data-status="interrupted"]').waitFor();
    await screenshot(page, 'chat-error-stream-cut');
    await page.unroute('**/conversations/*/messages');
    await lost.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Reply 2 of 2').waitFor();
    await waitForReply(page, 3);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('fits a phone screen, in the dark theme too', async () => {
    const page = await signedIn({ viewport: PHONE, colorScheme: 'dark' });
    await page.goto('/chat');
    await setMaxTokens(page, 24);
    await send(page, 'Hi from my phone');
    await waitForReply(page);
    await screenshot(page, 'phone-dark-chat');
    await page.getByRole('button', { name: 'Show conversations' }).click();
    await page.getByRole('link', { name: /Hi from my phone/ }).waitFor();
    await screenshot(page, 'phone-dark-conversations');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });
});
