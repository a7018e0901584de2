import { DEMO_LEARNERS } from '@app/demo';
import type { Page } from 'playwright-core';
import { deskStep, eventually } from './support/desk';
import {
  describeInBrowser,
  offOrigin,
  Portal,
  signIn,
  startPortal,
  type Width,
} from './support/portal';

const JOURNEY = 'registrar-desk';

const step = (page: Page, name: string, width: Width) => deskStep(page, JOURNEY, name, width);

describeInBrowser('the registrar desk: find a student, record a credit by code, reverse it', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal('registrar desk');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  }, 60_000);

  /** 张伟 from the roster's search, to his account page. */
  async function openZhangWei(page: Page, width: Width): Promise<void> {
    await signIn(page, 'demo-registrar-hvc');
    await page.waitForURL('**/students');
    await page.getByRole('heading', { level: 1, name: '学生' }).waitFor();
    await page.getByRole('table', { name: '本校名册' }).waitFor();
    await step(page, '01-roster', width);

    await page.getByLabel('姓名或学号', { exact: true }).fill('张伟');
    await page.getByRole('button', { name: '搜索' }).click();
    const rows = page.getByRole('table', { name: '本校名册' }).locator('tbody tr');
    await eventually(
      () => rows.count(),
      (n) => n === 1,
    );
    expect(await rows.first().innerText()).toContain('2023510203137');
    await step(page, '02-roster-search', width);

    await page.getByRole('link', { name: '打开 张伟 的账户' }).click();
    await page.getByRole('heading', { level: 1, name: '张伟 的学习账户' }).waitFor();
    await page.getByRole('table', { name: '课程成绩' }).waitFor();
    // The identity is masked for staff: the first two and last two characters only.
    expect(await page.locator('dl.facts').innerText()).toMatch(/43\*{14}\w{2}/);
    expect(await page.getByRole('table', { name: '学籍' }).innerText()).toContain('软件技术');
    await step(page, '03-account', width);
  }

  async function recordAndReverse(page: Page, width: Width, code: string, name: string) {
    const credits = page.getByRole('table', { name: '课程成绩' });
    expect(await credits.innerText()).not.toContain(code);
    // The course list names what he already passed.
    expect(
      await page
        .getByLabel('课程', { exact: true })
        .locator('option', { hasText: 'HV-WEB101' })
        .innerText(),
    ).toContain('已通过');

    await page.getByLabel('课程', { exact: true }).selectOption(code);
    await page.getByLabel('学期', { exact: true }).fill('2025-2026-1');
    await page.getByLabel('成绩', { exact: true }).fill('150');
    await page.getByRole('button', { name: '登记成绩' }).click();
    const scoreError = page.locator('#field-score-error');
    await scoreError.waitFor();
    expect(await scoreError.innerText()).toMatch(/100/);
    expect(await page.getByLabel('成绩', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByRole('alert').innerText()).toContain('1 处需要修改');
    await step(page, '04-bad-score', width);

    await page.getByLabel('成绩', { exact: true }).fill('86.5');
    await page.getByRole('button', { name: '登记成绩' }).click();
    await page.getByRole('status').filter({ hasText: '已登记' }).waitFor();
    const row = credits.locator('tbody tr', { hasText: code });
    await row.waitFor();
    expect(await row.innerText()).toContain(name);
    expect(await row.innerText()).toContain('86.5');
    expect(await row.innerText()).toContain('2025-2026-1');
    expect(await row.innerText()).toContain('有效');
    await step(page, '05-recorded', width);

    await page.getByRole('button', { name: `撤销 ${code} ${name}` }).click();
    const panel = page.getByRole('region', { name: `撤销 ${code} ${name}` });
    await panel.waitFor();
    // An empty reason is refused next to the field.
    await panel.getByRole('button', { name: '确认撤销' }).click();
    await panel.locator('#field-reason-error').waitFor();
    await panel.getByLabel('原因', { exact: true }).fill('成绩登记错了学生，撤销后重新登记。');
    await step(page, '06-reverse-reason', width);
    await panel.getByRole('button', { name: '确认撤销' }).click();
    const done = page.getByRole('status').filter({ hasText: '已撤销' });
    await done.waitFor();
    expect(await done.innerText()).toContain(`${code} ${name}`);
    expect(await done.innerText()).toContain('没有其他记录受影响');
    await eventually(
      () => row.innerText(),
      (text) => text.includes('已撤销'),
    );
    expect(await row.innerText()).toContain('成绩登记错了学生');
    await step(page, '07-reversed', width);
  }

  it('on a phone: finds 张伟, refuses a bad score next to the field, records a credit by code and reverses it', async () => {
    const page = await portal.open('phone');
    await openZhangWei(page, 'phone');
    await recordAndReverse(page, 'phone', 'HV-WEB202', '响应式Web开发');
  }, 180_000);

  it('on a desktop: the same, and finds 张伟 by identity document', async () => {
    const page = await portal.open('desktop');
    await openZhangWei(page, 'desktop');
    await recordAndReverse(page, 'desktop', 'HV-SE201', 'Java Web应用开发');

    await page.getByRole('link', { name: '学生' }).click();
    await page.getByRole('heading', { level: 1, name: '学生' }).waitFor();
    const zhang = DEMO_LEARNERS.find((l) => l.key === 'zhangWei')!;
    await page.getByLabel('证件号码', { exact: true }).fill(zhang.idNumber);
    await page.getByRole('button', { name: '查找' }).click();
    const found = page
      .getByRole('region', { name: '按身份证件查找' })
      .getByRole('link', { name: '打开 张伟 的账户' });
    await found.waitFor();
    expect(await found.innerText()).toContain('43**************');
    expect(await found.innerText()).not.toContain(zhang.idNumber);
    await step(page, '08-identity-lookup', 'desktop');
    expect(offOrigin).toEqual([]);
  }, 180_000);
});
