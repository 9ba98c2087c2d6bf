import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../../src/common/package-info.js';

/** Debian's Chromium, driven by playwright-core (nothing downloads a browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. On Debian or Ubuntu, as root: ` +
        '`apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface PageOptions {
  /** `Cookie` value of a signed-in session (TestUser.cookie), to start signed in. */
  cookie?: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page and Content-Security-Policy violations: a test ends with none. */
  problems: string[];
}

/** A fresh browser profile on the app, optionally signed in. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: PageOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? LAPTOP,
    colorScheme: options.colorScheme ?? 'light',
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  if (options.cookie) {
    const [name, value] = options.cookie.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: baseURL, httpOnly: true, sameSite: 'Lax' }]);
  }
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  return { context, page, problems };
}

/**
 * A test file's browser: launched before its tests and closed after them. Every page a test opens is closed
 * when that test ends, and the test fails if the page had uncaught errors or Content-Security-Policy
 * violations. Returns `browse`, which opens a fresh profile on the app at `baseURL()`.
 */
export function browserForTests(baseURL: () => string): (options?: PageOptions) => Promise<Page> {
  let browser: Browser | undefined;
  const open: TestPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const { context, problems } of open.splice(0)) {
      await context.close();
      expect(problems).toEqual([]);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return async (options = {}) => {
    if (!browser) throw new Error('the browser is not running (browserForTests registers it in beforeAll)');
    const tp = await openPage(browser, baseURL(), options);
    open.push(tp);
    return tp.page;
  };
}

/** Saves test-artifacts/screenshots/<name>.png (the whole page with `fullPage`, else the window). */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
    fullPage,
  });
}
