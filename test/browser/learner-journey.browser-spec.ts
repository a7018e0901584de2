import type { Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_OUTCOMES, DEMO_SCHOOLS } from '@app/demo';
import {
  describeInBrowser,
  expectAccessible,
  offOrigin,
  Portal,
  screenshot,
  signIn,
  startPortal,
  type Width,
} from './support/portal';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** 张伟's passed course credits in the demo data: the figure his account must show as earned. */
function demoCreditsEarned(): number {
  const credits = new Map(
    DEMO_SCHOOLS.flatMap((school) => school.courses).map((c) => [c.code, Number(c.credits)]),
  );
  return DEMO_OUTCOMES.filter(
    (o) => o.kind === 'credit' && o.learner === 'zhangWei' && o.score >= 60,
  ).reduce((sum, o) => sum + (o.kind === 'credit' ? credits.get(o.course)! : 0), 0);
}

/** What the page shows in its main area, as a person reads it. */
async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/**
 * Every <time> on the page reads as its instant in China's time zone (the browser's own zone is
 * New York), and no UUID is shown anywhere.
 */
async function expectNamesAndChinaTime(page: Page, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<void> {
  expect(await visibleText(page)).not.toMatch(UUID);
  const times = page.locator('time');
  const count = await times.count();
  for (let i = 0; i < count; i += 1) {
    const value = (await times.nth(i).getAttribute('datetime'))!;
    const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const instant = new Date(bareDate ? `${value}T00:00:00+08:00` : value);
    const expected = new Intl.DateTimeFormat(lang, {
      timeZone: 'Asia/Shanghai',
      dateStyle: 'medium',
      ...(bareDate ? {} : { timeStyle: 'short' }),
    }).format(instant);
    const shown = await times.nth(i).innerText();
    expect(shown.replace(/\s+/g, ' ')).toBe(expected.replace(/\s+/g, ' '));
  }
}

/** Checks a page at one width: accessible, named in words, in China time, and screenshotted. */
async function check(page: Page, step: string, width: Width): Promise<void> {
  await expectNamesAndChinaTime(page);
  await expectAccessible(page);
  await screenshot(page, 'learner', step, width);
}

describeInBrowser('the learner: account, eligibility, applying, history, shares', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal('learner journey');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  }, 60_000);

  it('张伟 reads his account, finds the 免修 his certificate allows, applies, and sees it waiting', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-learner-1');
    await page.waitForURL('**/account');

    // The account: the totals, and why each counts or does not.
    const totals = page.getByRole('region', { name: '学分总计' });
    await totals.waitFor();
    const earned = new Intl.NumberFormat('zh-CN').format(demoCreditsEarned());
    expect(await totals.locator('.account-figure-main').innerText()).toContain(earned);
    const totalsText = await totals.innerText();
    expect(totalsText).toContain(`考核合格（60 分及以上）的课程学分：${earned} 学分`);
    expect(totalsText).toContain(
      '数据库技术与应用（HV-SE102）在 2023-2024-2 学期成绩 52 分，低于 60 分，不获得学分',
    );
    expect(totalsText).toContain('证书本身不直接计入学分：学分银行认定你现有证书可折算 6 学分');

    const credits = page.getByRole('region', { name: '课程学分（按学期）' });
    const term = credits.locator('.account-term', { hasText: '2024-2025-1 学期' });
    expect(await term.innerText()).toMatch(/Web前端框架开发（Vue\.js）\s+HV-WEB201/);
    expect(await term.innerText()).toContain('湖南示范信息职业技术学院');
    const failed = credits.getByRole('row', { name: /数据库技术与应用.*52/ });
    expect(await failed.innerText()).toContain('不合格');

    const certificate = page.getByRole('region', { name: '职业技能等级证书' }).locator('li');
    const certificateText = await certificate.innerText();
    expect(certificateText).toContain('Web前端开发职业技能等级证书 中级');
    expect(certificateText).toContain('WEBFE-M-2025-000137');
    // Bare dates are days in China: 20 June, not the 19th of New York's evening.
    expect(certificateText).toContain('2025年6月20日');
    expect(certificateText).toContain('2029年6月19日');
    expect(certificateText).toContain('有效');
    await check(page, '01-account', 'phone');

    // Eligibility: the 中级 certificate exempts 响应式Web开发 under the college's rule.
    await page.getByRole('navigation').getByRole('link', { name: '可申请的免修免试' }).click();
    const item = page.locator('li.card', {
      has: page.getByRole('heading', { name: '响应式Web开发（HV-WEB202）' }),
    });
    await item.waitFor();
    expect(await item.innerText()).toContain('可以申请');
    expect(await item.innerText()).toContain('Web前端开发中级（或高级）证书免修专业核心课');
    expect(await item.innerText()).toContain('WEBFE-M-2025-000137');
    const notEligible = page.locator('li.card', { hasText: '暂不符合' }).first();
    expect(await notEligible.locator('.learner-reasons li').count()).toBeGreaterThan(0);
    await check(page, '02-eligibility', 'phone');

    await item.getByRole('button', { name: '申请：响应式Web开发（HV-WEB202）' }).click();
    const sent = page
      .getByRole('status')
      .filter({ hasText: '已提交申请：响应式Web开发（HV-WEB202）' });
    await sent.waitFor();
    await item.getByText('已有待审批的申请').waitFor();
    expect(await item.getByRole('button').count()).toBe(0);
    await check(page, '03-applied', 'phone');

    // The application, waiting, in the list and in detail.
    await sent.getByRole('link', { name: '查看申请' }).click();
    await page.getByRole('heading', { name: '办理经过' }).waitFor();
    const steps = await page.locator('.learner-steps').innerText();
    expect(steps).toContain('张伟提交了申请');
    expect(steps).toContain('等待湖南示范信息职业技术学院审批');
    expect(
      await page.getByRole('heading', { level: 2, name: '响应式Web开发（HV-WEB202）' }).count(),
    ).toBe(1);
    expect(await page.locator('main').innerText()).toContain('待审批');
    await check(page, '04-application', 'phone');

    await page.getByRole('navigation').getByRole('link', { name: '我的申请' }).click();
    const listed = page.locator('li.card', { hasText: '响应式Web开发（HV-WEB202）' });
    await listed.waitFor();
    expect(await listed.locator('.badge').innerText()).toBe('待审批');
    expect(await listed.innerText()).toContain('湖南示范信息职业技术学院');
    await check(page, '05-applications', 'phone');

    // The same pages at desktop width, as they stand after applying.
    const desktop = await portal.open('desktop');
    await signIn(desktop, 'demo-learner-1');
    await desktop.getByRole('region', { name: '学分总计' }).waitFor();
    await check(desktop, '01-account', 'desktop');
    await desktop.goto('/eligibility');
    await desktop.getByText('已有待审批的申请').waitFor();
    await check(desktop, '02-eligibility', 'desktop');
    await desktop.goto('/applications');
    await desktop.locator('li.card .badge', { hasText: '待审批' }).waitFor();
    await check(desktop, '05-applications', 'desktop');
    await desktop.locator('li.card h2 a').first().click();
    await desktop.getByRole('heading', { name: '办理经过' }).waitFor();
    await check(desktop, '04-application', 'desktop');
    expect(offOrigin).toEqual([]);
  });

  it('shows who changed the record and who read it, by name and role, never by id', async () => {
    const learnerId = portal.demo.refs!.learners.zhangWei;
    const registrar = DEMO_LOGINS.find((l) => l.username === 'demo-registrar-hvc')!;
    const login = await fetch(`${portal.baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: registrar.username, password: registrar.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const read = await fetch(`${portal.baseUrl}/v1/learners/${learnerId}/account`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(read.status).toBe(200);

    for (const width of ['phone', 'desktop'] as const) {
      const page = await portal.open(width);
      await signIn(page, 'demo-learner-1');
      await page.goto('/history');
      const changes = page.getByRole('region', { name: '谁修改了我的记录' });
      const recorded = changes
        .locator('li', { hasText: '记录了课程学分 · 思想道德与法治（HV-GE101）' })
        .first();
      // The audit log is appended by the worker: wait for the seed's records to reach it.
      for (let attempt = 0; attempt < 30 && !(await recorded.count()); attempt += 1) {
        await page.waitForTimeout(1000);
        await page.reload();
      }
      expect(await recorded.innerText()).toContain('教务处 刘敏（教务，湖南示范信息职业技术学院）');
      const views = page.getByRole('region', { name: '谁查看了我的账户' });
      const viewed = views.locator('li', { hasText: '查看了账户概要' }).first();
      await viewed.waitFor();
      expect(await viewed.innerText()).toContain('教务处 刘敏（教务，湖南示范信息职业技术学院）');
      await check(page, '06-history', width);
    }
  });

  it('shares the account with a school until a date, then withdraws it', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-learner-1');
    await page.goto('/shares');
    await page.getByText('你还没有授权任何单位。').waitFor();
    await check(page, '07-shares-empty', 'phone');

    // An empty form: the API's per-field messages appear next to the fields.
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#field-until-error').count()).toBe(1);

    await page.getByLabel('被授权单位').selectOption({ label: '长沙市示范中等职业学校' });
    const until = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() + 30 * 86_400_000),
    );
    await page.getByLabel('有效至').fill(until);
    await page.getByRole('button', { name: '授权', exact: true }).click();
    const share = page.locator('li.card', { hasText: '长沙市示范中等职业学校' });
    await share.waitFor();
    expect(await share.locator('.badge').innerText()).toBe('有效');
    expect(await page.getByRole('status').innerText()).toContain(
      '已授权长沙市示范中等职业学校查看你的账户',
    );
    await check(page, '08-shared', 'phone');

    await share.getByRole('button', { name: '撤回对长沙市示范中等职业学校的授权' }).click();
    await share.locator('.badge', { hasText: '已撤回' }).waitFor();
    expect(await share.getByRole('button').count()).toBe(0);
    await check(page, '09-withdrawn', 'phone');
  });

  it('reads the account in English', async () => {
    const page = await portal.open('desktop', 'en');
    await signIn(page, 'demo-learner-1');
    const totals = page.getByRole('region', { name: 'Credit totals' });
    await totals.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await totals.innerText()).toContain('What does not count');
    const certificate = page.getByRole('region', { name: 'Vocational skill certificates' });
    expect(await certificate.innerText()).toContain('Valid until');
    await page.getByRole('region', { name: 'Course credits by term' }).waitFor();
    await expectNamesAndChinaTime(page, 'en');
    await expectAccessible(page);
    await screenshot(page, 'learner', '10-account-en', 'desktop');
  });
});
