import type { Locator, Page } from 'playwright-core';
import {
  demoLogin,
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
const JOURNEY = 'staff';

/** Picks the option whose words contain `text` (option labels carry names and codes). */
async function choose(select: Locator, text: string): Promise<void> {
  const option = select.locator('option', { hasText: text }).first();
  const label = (await option.textContent()) ?? '';
  await select.selectOption({ label });
}

/** What the page shows names things: no id in the visible text. */
async function expectNoIds(page: Page): Promise<void> {
  expect((await page.locator('body').innerText()).match(UUID)).toBeNull();
}

async function checkPage(page: Page, step: string, width: Width): Promise<void> {
  await expectAccessible(page);
  await expectNoIds(page);
  await screenshot(page, JOURNEY, step, width);
}

describeInBrowser(
  'the staff pages: rules with their overlaps and scans, the decision inbox',
  () => {
    let portal: Portal;

    beforeAll(async () => {
      portal = await startPortal('staff inbox rules');
    }, 120_000);

    afterAll(async () => {
      await portal?.close();
    }, 60_000);

    async function tokenOf(username: string): Promise<string> {
      const response = await portal.t
        .http()
        .post('/v1/auth/login')
        .send(demoLogin(username))
        .expect(200);
      return response.body.accessToken as string;
    }

    for (const width of ['phone', 'desktop'] as const) {
      it(`a registrar builds a two-leaf rule, sees the 422 next to the control, the overlap report, activates it and scans (${width})`, async () => {
        const page = await portal.open(width);
        await page.goto('/rules');
        await page.waitForURL('**/login?next=**');
        await signIn(page, 'demo-registrar-hvc');
        await page.waitForURL('**/rules');
        await page.getByRole('heading', { level: 1, name: '转换规则' }).waitFor();
        await page.locator('.badge', { hasText: '生效中' }).first().waitFor();
        await checkPage(page, `01-rules`, width);

        await page.getByRole('link', { name: '新建规则' }).click();
        await page.getByRole('heading', { level: 1, name: '新建转换规则' }).waitFor();
        await page.getByLabel('规则名称').fill(`高级证书或中职网页课免修网页脚本（${width}）`);
        const root = page.getByRole('group', { name: '最外层条件组' });
        await root.getByLabel('组合方式').selectOption('any');
        await root.getByRole('button', { name: '＋ 课程条件' }).click();
        const course = page.getByRole('group', { name: '条件 2：通过课程' });
        await choose(course.getByLabel('学校'), '中等职业学校');
        await choose(course.getByLabel('课程', { exact: true }), 'SV-WEB101');
        await course.getByLabel('最低成绩').fill('80');
        await page.getByRole('checkbox', { name: /HV-WEB102/ }).check();

        // The certificate leaf is still blank: the API names its path, shown under its controls.
        await page.getByRole('button', { name: '保存为草稿' }).click();
        const certificate = page.getByRole('group', { name: '条件 1：持有证书' });
        const scheme = certificate.getByLabel('证书', { exact: true });
        await scheme.and(page.locator('[aria-invalid="true"]')).waitFor();
        expect(await scheme.getAttribute('name')).toBe('condition.any[0].certificate.schemeId');
        expect(
          await certificate.locator('.field-invalid .field-error').first().textContent(),
        ).toMatch(/\S/);
        expect(await page.getByRole('alert').first().textContent()).toMatch(/处需要修改/);
        await checkPage(page, '02-new-rule-refused', width);

        await choose(scheme, 'X-WEB-FE');
        await certificate.getByLabel('最低等级').selectOption('SENIOR');
        await page.getByRole('button', { name: '保存为草稿' }).click();
        await page.waitForURL(/\/rules\/[0-9a-f-]{36}$/);
        const overlap = page.getByRole('region', { name: /启用第 1 版/ });
        await overlap
          .getByText(/重叠：都可免除 课程 .*HV-WEB102/)
          .first()
          .waitFor();
        expect(await overlap.textContent()).toContain('《X证书与专业课程转换办法》');
        expect(await page.locator('.condition-words').first().textContent()).toContain(
          '已通过课程',
        );
        await checkPage(page, '03-rule-draft-overlaps', width);

        await overlap.getByRole('button', { name: '启用第 1 版' }).click();
        await page.getByText('已启用第 1 版。').waitFor();
        await page.getByRole('region', { name: '查找符合条件的学习者' }).waitFor();
        await page.getByRole('button', { name: '开始查找' }).click();
        await page.getByText('查找完成').waitFor({ timeout: 30_000 });
        const result = await page.locator('.notice-good', { hasText: '位学习者' }).textContent();
        expect(result).toMatch(/按第 1 版检查了 \d+ 位学习者，其中 \d+ 位现在符合条件/);
        expect(await page.locator('progress').getAttribute('value')).toBe('100');
        await checkPage(page, '04-rule-active-scanned', width);
      }, 90_000);
    }

    it('the registrar approves an application in the inbox with a reason and sees the exemption it wrote', async () => {
      // The demo has no application: 张伟 applies, through the API, for what he is eligible for.
      const learnerToken = await tokenOf('demo-learner-1');
      const me = await portal.t
        .http()
        .get('/v1/auth/me')
        .set('authorization', `Bearer ${learnerToken}`);
      const learnerId = me.body.learnerId as string;
      const eligibility = await portal.t
        .http()
        .get(`/v1/learners/${learnerId}/eligibility`)
        .set('authorization', `Bearer ${learnerToken}`)
        .expect(200);
      const item = (
        eligibility.body.items as {
          eligible: boolean;
          ruleId: string;
          target: { courseId?: string };
        }[]
      ).find((candidate) => candidate.eligible && candidate.target.courseId);
      expect(item).toBeDefined();
      await portal.t
        .http()
        .post(`/v1/learners/${learnerId}/exemption-applications`)
        .set('authorization', `Bearer ${learnerToken}`)
        .send({ ruleId: item?.ruleId, target: { courseId: item?.target.courseId } })
        .expect(201);

      for (const width of ['phone', 'desktop'] as const) {
        const page = await portal.open(width);
        await page.goto('/inbox');
        await page.waitForURL('**/login?next=**');
        await signIn(page, 'demo-registrar-hvc');
        await page.waitForURL('**/inbox');
        const card = page.locator('.card', { hasText: '张伟' }).first();
        await card.waitFor();
        expect(await card.textContent()).toMatch(/学号/);
        expect(await card.textContent()).toContain('现在符合条件');
        await checkPage(page, '05-inbox', width);
        if (width === 'desktop') {
          await card.getByRole('link').click();
          await page.getByRole('heading', { level: 1, name: '免修免试申请' }).waitFor();
          await page
            .getByRole('region', { name: '现在的评估' })
            .getByText('现在符合条件')
            .waitFor();
          await checkPage(page, '06-application', width);
          // A decision needs a reason: the 422 is shown under the field.
          await page.getByRole('button', { name: '批准并记入账户' }).click();
          await page.getByLabel('理由').and(page.locator('[aria-invalid="true"]')).waitFor();
          await page.getByLabel('理由').fill('证书真实有效，符合学校转换办法。');
          await page.getByRole('button', { name: '批准并记入账户' }).click();
          await page.getByText('已批准。').waitFor();
          expect(
            await page.getByRole('status').filter({ hasText: '已批准' }).textContent(),
          ).toMatch(/已记入学习者账户：课程免修 · 课程 /);
          await checkPage(page, '07-approved', width);
          await page.getByRole('button', { name: '查看处理后的申请' }).click();
          await page.getByText('已记入的免修免试').waitFor();
          expect(await page.locator('dl.facts').first().textContent()).toContain('已批准');
        }
      }
    }, 90_000);

    it('an examiner builds a 免试 rule (a course and a diploma) for an exam of their own body', async () => {
      const page = await portal.open('desktop');
      await page.goto('/rules/new');
      await page.waitForURL('**/login?next=**');
      await signIn(page, 'demo-examiner-miit');
      await page.waitForURL('**/rules/new');
      await page.getByLabel('规则名称').waitFor();
      expect(await page.getByLabel('规则类型').locator('option').allTextContents()).toEqual([
        '免试（课程换考核）',
      ]);
      await page.getByLabel('规则名称').fill('软件技术毕业且Web课程80分以上免试中级理论');
      const root = page.getByRole('group', { name: '最外层条件组' });
      const course = page.getByRole('group', { name: '条件 1：通过课程' });
      await choose(course.getByLabel('学校'), '信息职业技术学院');
      await choose(course.getByLabel('课程', { exact: true }), 'HV-SE101');
      await course.getByLabel('最低成绩').fill('80');
      await root.getByRole('button', { name: '＋ 学历条件' }).click();
      const diploma = page.getByRole('group', { name: '条件 2：取得学历' });
      await choose(diploma.getByLabel('学校'), '信息职业技术学院');
      await choose(diploma.getByLabel('专业'), '510203');
      const exam = page.getByRole('group', { name: '免试的考核 1' });
      await choose(exam.getByLabel('证书'), 'X-WEB-FE');
      await exam.getByLabel('等级').selectOption('SENIOR');
      await choose(exam.getByLabel('考核科目'), '理论');
      await checkPage(page, '08-exam-rule-form', 'desktop');
      await page.getByRole('button', { name: '保存为草稿' }).click();
      await page.waitForURL(/\/rules\/[0-9a-f-]{36}$/);
      const overlap = page.getByRole('region', { name: /启用第 1 版/ });
      await overlap.getByText(/软件技术专业毕业生免试Web前端开发（高级）理论知识/).waitFor();
      const words = (await page.locator('.condition-words').first().textContent()) ?? '';
      expect(words).toContain('同时满足以下全部条件');
      expect(words).toMatch(/已通过课程 .*HV-SE101.*成绩不低于 80 分/);
      expect(words).toMatch(/取得 .*510203.* 专业的学历证书/);
      await checkPage(page, '09-exam-rule-overlaps', 'desktop');
      await overlap.getByRole('button', { name: '启用第 1 版' }).click();
      await page.getByText('已启用第 1 版。').waitFor();
      expect(offOrigin).toEqual([]);
    }, 90_000);
  },
);
