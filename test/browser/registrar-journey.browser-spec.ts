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

const JOURNEY = 'registrar-journey';
const TARGET = '响应式Web开发（HV-WEB202）';

/**
 * The story across roles, by clicking, in Chinese: 张伟 applies for a 免修 on his phone; the
 * college's registrar records a term's credit for him by course code and approves the
 * application from the inbox; 张伟 then sees it approved and the exemption on his account.
 * Once at each width, each on a fresh database.
 */
describe.each(['phone', 'desktop'] as const)('at %s width', (width: Width) => {
  describeInBrowser(
    'the registrar journey: record a credit by code, approve the application',
    () => {
      let portal: Portal;
      const step = (page: Page, name: string) => deskStep(page, JOURNEY, name, width);

      beforeAll(async () => {
        portal = await startPortal(`registrar journey ${width}`);
      }, 120_000);

      afterAll(async () => {
        await portal?.close();
      }, 60_000);

      it('runs from the application to the exemption on the account', async () => {
        const learner = await portal.open(width);
        await signIn(learner, 'demo-learner-1');
        await learner
          .getByRole('navigation')
          .getByRole('link', { name: '可申请的免修免试' })
          .click();
        await learner.getByRole('button', { name: `申请：${TARGET}` }).click();
        await learner
          .getByRole('status')
          .filter({ hasText: `已提交申请：${TARGET}` })
          .waitFor();
        await step(learner, '01-learner-applied');

        const registrar = await portal.open(width);
        await signIn(registrar, 'demo-registrar-hvc');
        await registrar.waitForURL('**/students');
        await registrar.getByLabel('姓名或学号', { exact: true }).fill('张伟');
        await registrar.getByRole('button', { name: '搜索' }).click();
        await registrar.getByRole('link', { name: '打开 张伟 的账户' }).click();
        const credits = registrar.getByRole('table', { name: '课程成绩' });
        await credits.waitFor();
        await step(registrar, '02-student');

        // A credit by course code, picked from the school's course list.
        await registrar.getByLabel('课程', { exact: true }).selectOption('HV-SE201');
        await registrar.getByLabel('学期', { exact: true }).fill('2025-2026-1');
        await registrar.getByLabel('成绩', { exact: true }).fill('78');
        await registrar.getByRole('button', { name: '登记成绩' }).click();
        await registrar.getByRole('status').filter({ hasText: '已登记' }).waitFor();
        const row = credits.locator('tbody tr', { hasText: 'HV-SE201' });
        await row.waitFor();
        expect(await row.innerText()).toContain('Java Web应用开发');
        expect(await row.innerText()).toContain('78');
        await step(registrar, '03-credit-recorded');

        // The inbox, as it stands now, and the decision with its reason.
        await registrar.getByRole('navigation').getByRole('link', { name: '待审批' }).click();
        const card = registrar.locator('.card', { hasText: '张伟' }).first();
        await card.waitFor();
        expect(await card.innerText()).toContain('现在符合条件');
        await step(registrar, '04-inbox');
        await card.getByRole('link').click();
        await registrar.getByRole('heading', { level: 1, name: '免修免试申请' }).waitFor();
        await registrar.getByLabel('理由').fill('证书真实有效，符合学校转换办法，同意免修。');
        await registrar.getByRole('button', { name: '批准并记入账户' }).click();
        const approved = registrar.getByRole('status').filter({ hasText: '已批准' });
        await approved.waitFor();
        expect(await approved.innerText()).toContain('响应式Web开发');
        await step(registrar, '05-approved');

        // Back on the learner's phone: approved, and the exemption counts on the account.
        await learner.getByRole('navigation').getByRole('link', { name: '我的申请' }).click();
        const listed = learner.locator('li.card', { hasText: TARGET });
        await eventually(
          () => listed.locator('.badge').innerText(),
          (text) => text === '已批准',
        );
        await step(learner, '06-learner-approved');
        await learner.getByRole('navigation').getByRole('link', { name: '我的账户' }).click();
        const exemptions = learner.getByRole('region', { name: '免修与免试' });
        await exemptions.getByText('响应式Web开发').first().waitFor();
        expect(await exemptions.innerText()).toContain('Web前端开发');
        expect(await learner.locator('main').innerText()).toContain('Java Web应用开发');
        await step(learner, '07-learner-account');
        expect(offOrigin).toEqual([]);
      });
    },
  );
});
