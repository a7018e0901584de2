import type { Page } from 'playwright-core';
import { approvedExemption, deskStep, eventually } from './support/desk';
import {
  describeInBrowser,
  offOrigin,
  Portal,
  signIn,
  startPortal,
  type Width,
} from './support/portal';

const JOURNEY = 'examiner-journey';
const CERTIFICATE = 'Web前端开发职业技能等级证书 · 中级';
const EXEMPTED = '免修 HV-WEB202 响应式Web开发';

const step = (page: Page, name: string, width: Width) => deskStep(page, JOURNEY, name, width);

describeInBrowser(
  'the examiner desk: find a candidate, revoke a certificate after seeing its cascade',
  () => {
    let portal: Portal;
    let arrange: () => Promise<void>;

    beforeAll(async () => {
      portal = await startPortal('examiner journey');
      const refs = portal.demo.refs!;
      // An approved 免修 resting on 张伟's 中级 certificate (the college's 专业核心课 rule).
      arrange = () =>
        approvedExemption(portal.t, {
          learnerId: refs.learners.zhangWei,
          courseId: refs.courses['HV-WEB202'],
          learner: 'demo-learner-1',
          registrar: 'demo-registrar-hvc',
        });
    }, 120_000);

    afterAll(async () => {
      await portal?.close();
    }, 60_000);

    /** 张伟 from the body's candidates, to his certificates. */
    async function openZhangWei(page: Page, width: Width): Promise<void> {
      await signIn(page, 'demo-examiner-miit');
      await page.waitForURL('**/candidates');
      const list = page.getByRole('table', { name: '报名考生' });
      await list.waitFor();
      expect(await list.innerText()).toContain('Web前端开发职业技能等级证书 中级');
      await step(page, '01-candidates', width);

      await page.getByLabel('姓名', { exact: true }).fill('张伟');
      await page.getByRole('button', { name: '搜索' }).click();
      await eventually(
        () => list.locator('tbody tr').count(),
        (n) => n === 1,
      );
      await step(page, '02-candidates-search', width);

      await page.getByRole('link', { name: '打开 张伟 的证书' }).click();
      await page.getByRole('heading', { level: 1, name: '张伟 的证书' }).waitFor();
      await page.getByRole('table', { name: '考核报名' }).waitFor();
      await step(page, '03-candidate', width);
    }

    /** Revoke his standing certificate: the preview names the 免修 first, then the result does. */
    async function revoke(page: Page, width: Width, prefix: string, certificateNo: string) {
      const certificates = page.getByRole('table', { name: '职业技能等级证书' });
      const row = certificates.locator('tbody tr', { hasText: certificateNo });
      expect(await row.innerText()).toContain(CERTIFICATE);
      await page.getByRole('button', { name: `吊销 ${CERTIFICATE}` }).click();
      const panel = page.getByRole('region', { name: `吊销 ${CERTIFICATE}` });
      const preview = panel.locator('.desk-preview');
      await preview.waitFor();
      const previewText = await preview.innerText();
      expect(previewText).toContain('以下免修免试会随之撤销');
      expect(previewText).toContain(`张伟的“${EXEMPTED}”`);
      expect(previewText).toContain(
        '《X证书与专业课程转换办法》Web前端开发中级（或高级）证书免修专业核心课',
      );
      await step(page, `${prefix}-preview`, width);

      await panel.getByLabel('吊销原因', { exact: true }).fill('证书编号核查不符，予以吊销。');
      await panel.getByRole('button', { name: '确认吊销' }).click();
      const done = page.getByRole('status').filter({ hasText: '已吊销' });
      await done.waitFor();
      const doneText = await done.innerText();
      expect(doneText).toContain(CERTIFICATE);
      expect(doneText).toContain('随之撤销的免修免试');
      expect(doneText).toContain(`张伟的“${EXEMPTED}”`);
      await eventually(
        () => row.innerText(),
        (text) => text.includes('已吊销') && text.includes('证书编号核查不符'),
      );
      // Every 免修 of that course is reversed now (the new one with the certificate it rested on).
      const exempted = page
        .getByRole('table', { name: '免修免试' })
        .locator('tbody tr', { hasText: EXEMPTED });
      await eventually(
        () => exempted.locator('.badge').allInnerTexts(),
        (badges) => badges.length > 0 && badges.every((badge) => badge === '已撤销'),
      );
      await step(page, `${prefix}-revoked`, width);
    }

    it('on a phone: finds 张伟, sees what revoking his certificate reverses, confirms and sees it done', async () => {
      await arrange();
      const page = await portal.open('phone');
      await openZhangWei(page, 'phone');
      await revoke(page, 'phone', '04', 'WEBFE-M-2025-000137');
      expect(offOrigin).toEqual([]);
    }, 180_000);

    it('on a desktop: records a certificate (a bad date refused next to its field), then revokes it the same way', async () => {
      const page = await portal.open('desktop');
      await openZhangWei(page, 'desktop');
      const form = page.getByRole('region', { name: '登记证书' });
      await form.getByLabel('等级', { exact: true }).selectOption('INTERMEDIATE');
      await form.getByLabel('证书编号', { exact: true }).fill('WEBFE-M-2026-000137');
      await form.getByLabel(/^有效期至/).fill('2020-01-01');
      await form.getByRole('button', { name: '登记证书' }).click();
      await form.locator('#field-validUntil-error').waitFor();
      expect(await form.getByLabel(/^有效期至/).getAttribute('aria-invalid')).toBe('true');
      await step(page, '06-certificate-bad-date', 'desktop');

      await form.getByLabel(/^有效期至/).fill('2030-12-31');
      await form.getByRole('button', { name: '登记证书' }).click();
      await page.getByRole('status').filter({ hasText: '已登记' }).waitFor();
      const certificates = page.getByRole('table', { name: '职业技能等级证书' });
      await eventually(
        () => certificates.innerText(),
        (text) => text.includes('WEBFE-M-2026-000137'),
      );
      await step(page, '07-certificate-recorded', 'desktop');

      // The new certificate backs the 免修 again; the page, loaded afresh, shows it.
      await arrange();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '张伟 的证书' }).waitFor();
      await revoke(page, 'desktop', '08', 'WEBFE-M-2026-000137');
    }, 180_000);
  },
);
