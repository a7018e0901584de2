/**
 * Row: the portal on a learner's account with 200 entries, in Debian's Chromium on this machine —
 * the JavaScript the page loads (gzip bytes) and the time from navigation until the account is
 * readable, against the same browser showing the same page as plain HTML (its final DOM, scripts
 * removed, same stylesheet): what rendering that much content costs here without the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium';
import { ENTRIES_PER_ACCOUNT } from './account-read.bench';
import type { Throughput } from './support/load';
import { notMeasured, row, Row } from './support/report';
import { ROOT } from './support/product-process';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const ROUNDS = 12;
const PATH = `open my account in the portal (${ENTRIES_PER_ACCOUNT} entries), Chromium, phone width`;
const LIMIT = 'the same page as static HTML (final DOM, no script), same browser';
/** The learner's pages: 60 KB of gzip JavaScript, readable within 1 s (issue 14). */
const JS_GOAL_BYTES = 60 * 1024;
const READABLE_GOAL_MS = 1000;

/** Readable: the account's sections are on screen (three at least) and nothing is still loading. */
async function readable(page: Page): Promise<void> {
  await page.locator('main section').nth(2).waitFor({ timeout: 30_000 });
  await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 30_000 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function throughput(samples: number[]): Throughput {
  const p50 = median(samples);
  return {
    rate: 1000 / p50,
    unit: 'page loads/s',
    p50Ms: p50,
    p99Ms: Math.max(...samples),
    count: samples.length,
    failed: 0,
    seconds: samples.reduce((a, b) => a + b, 0) / 1000,
  };
}

/** One cold visit (fresh profile, empty cache): ms from navigation start until READABLE. */
async function visit(
  browser: Browser,
  baseUrl: string,
  token: string,
  path: string,
  onPage?: (page: Page) => void,
): Promise<{ ms: number; page: Page }> {
  const context = await browser.newContext({ ...PHONE, baseURL: baseUrl, locale: 'zh-CN' });
  await context.addInitScript(
    `sessionStorage.setItem('credit-bank.token', ${JSON.stringify(token)})`,
  );
  const page = await context.newPage();
  onPage?.(page);
  await page.goto(path, { waitUntil: 'commit' });
  await readable(page);
  // The page's own clock: 0 is its navigation's start.
  const ms = await page.evaluate(() => performance.now());
  return { ms, page };
}

export async function portalRow(world: { baseUrl: string; learnerToken: string }): Promise<Row> {
  const portal = join(ROOT, 'dist', 'portal');
  if (!existsSync(CHROMIUM_PATH) || !existsSync(join(portal, 'index.html')))
    return notMeasured(
      PATH,
      'server',
      LIMIT,
      `needs ${CHROMIUM_PATH} and the portal build (dist/portal)`,
    );
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  try {
    const scripts = new Set<string>();
    const first = await visit(browser, world.baseUrl, world.learnerToken, '/account', (page) =>
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js'))
          scripts.add(url.pathname);
      }),
    );
    // The final DOM without its scripts: the browser's own cost of showing this much.
    const html = (await first.page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    await first.page.context().close();
    const gzipBytes = [...scripts].map((path) => ({
      path,
      bytes: gzipSync(readFileSync(join(portal, path)), { level: 9 }).length,
    }));
    const jsBytes = gzipBytes.reduce((sum, file) => sum + file.bytes, 0);

    const product: number[] = [];
    const limit: number[] = [];
    for (let round = 0; round < ROUNDS + 2; round += 1) {
      const app = await visit(browser, world.baseUrl, world.learnerToken, '/account');
      await app.page.context().close();
      const plain = await visit(
        browser,
        world.baseUrl,
        world.learnerToken,
        '/bench-static',
        (page) =>
          void page.route('**/bench-static', (route) =>
            route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
          ),
      );
      await plain.page.context().close();
      // The first two rounds warm the server and the browser; they are not counted.
      if (round >= 2) {
        product.push(app.ms);
        limit.push(plain.ms);
      }
    }
    const measured = throughput(product);
    return row({
      path: PATH,
      mode: 'server',
      product: measured,
      limitLabel: LIMIT,
      limit: throughput(limit),
      goals: [
        { text: `≤ ${READABLE_GOAL_MS} ms to readable`, met: measured.p50Ms! <= READABLE_GOAL_MS },
        {
          text: `${(jsBytes / 1024).toFixed(1)} KB gzip JavaScript ≤ ${JS_GOAL_BYTES / 1024} KB`,
          met: jsBytes <= JS_GOAL_BYTES,
        },
      ],
      note:
        `each visit a fresh browser profile (empty cache), ${ROUNDS} visits after 2 warm-up ones, median; ` +
        `JavaScript loaded: ${gzipBytes.map((f) => `${f.path.replace('/assets/', '')} ${(f.bytes / 1024).toFixed(1)} KB`).join(', ')} (gzip -9).`,
    });
  } finally {
    await browser.close();
  }
}
