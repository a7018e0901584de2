import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_LOGINS, seedDemo, type DemoSeedResult } from '@app/demo';
import { portalDirectory } from '../../../apps/api/src/bootstrap/portal';
import { createTestApp, TestApp } from '../../support/test-app';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../support/chromium';
import { isCi } from '../../support/test-env';

/** Screenshots of each journey, git-ignored: test-results/portal/<journey>/<step>-<width>.png. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'portal');

export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
} as const;
export type Width = keyof typeof VIEWPORTS;

/**
 * Why the browser suite cannot run here, or null when it can. In CI a missing browser or portal
 * build is a failure (the caller throws); elsewhere the suite is skipped and says why.
 */
export function browserUnavailable(): string | null {
  if (!existsSync(CHROMIUM_PATH))
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
  if (!portalDirectory()) return 'the portal is not built (npm run build writes dist/portal)';
  return null;
}

/** `describe` that runs where a browser and the portal build exist, and otherwise says why not. */
export function describeInBrowser(name: string, body: () => void): void {
  const missing = browserUnavailable();
  if (missing && isCi()) throw new Error(`The browser suite must run in CI, but ${missing}.`);
  if (missing) {
    process.stderr.write(`\n[browser] skipping "${name}": ${missing}\n`);
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/** Requests any page made to a host other than the portal's own (must stay empty). */
export const offOrigin: string[] = [];

export interface Portal {
  t: TestApp;
  demo: DemoSeedResult;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile at that width, in Chinese, on a device clock far from China's. */
  open(width: Width, language?: 'zh-CN' | 'en'): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real application with the worker and the demo data, listening on a free loopback port,
 * and Chromium. The device's time zone is New York, so dates in China time are shown as such.
 */
export async function startPortal(label: string): Promise<Portal> {
  const t = await createTestApp(label, { withWorker: true });
  const demo = await seedDemo(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    demo,
    baseUrl,
    browser,
    async open(width, language = 'zh-CN') {
      const context = await browser.newContext({
        ...VIEWPORTS[width],
        baseURL: baseUrl,
        locale: language,
        timezoneId: 'America/New_York',
      });
      contexts.push(context);
      // Anything the page asks of another host fails the test that reads `offOrigin`.
      const page = await context.newPage();
      page.on('request', (request) => {
        if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:'))
          offOrigin.push(request.url());
      });
      if (language === 'en')
        // A string: this runs in the page, and the tests are compiled without the DOM's types.
        await context.addInitScript(`localStorage.setItem('credit-bank.language', 'en')`);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

export function demoLogin(username: string): { username: string; password: string } {
  const login = DEMO_LOGINS.find((l) => l.username === username);
  if (!login) throw new Error(`no demo login ${username}`);
  return { username: login.username, password: login.password };
}

/**
 * Signs in through the login form (the one on screen, if any, keeping its `next`), as a person
 * would, and waits to leave it.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  const { password } = demoLogin(username);
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Axe's check of the page as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const grave = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  expect(grave).toEqual([]);
}

/** Saves the page (full length) as test-results/portal/<journey>/<step>-<width>.png. */
export async function screenshot(
  page: Page,
  journey: string,
  step: string,
  width: Width,
): Promise<string> {
  const dir = join(SCREENSHOT_DIR, journey);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${step}-${width}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
