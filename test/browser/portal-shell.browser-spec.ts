import {
  describeInBrowser,
  expectAccessible,
  offOrigin,
  Portal,
  screenshot,
  signIn,
  startPortal,
} from './support/portal';

describeInBrowser('the portal shell: sign-in, language, deep links', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal('portal shell');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  }, 60_000);

  it('opens in Chinese, sends a signed-out visitor to the login page and back to the page asked for', async () => {
    const page = await portal.open('phone');
    await page.goto('/account');
    await page.waitForURL('**/login?next=%2Faccount');
    expect(await page.locator('h1').textContent()).toBe('登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expectAccessible(page);
    await screenshot(page, 'shell', '01-login', 'phone');

    await signIn(page, 'demo-learner-1');
    await page.waitForURL('**/account');
    expect(await page.locator('.site-user').textContent()).toContain('张伟');
  });

  it('shows a refused sign-in in the form, in the language chosen, and switches language with the keyboard', async () => {
    const page = await portal.open('desktop');
    await page.goto('/login');
    await page.getByLabel('用户名').fill('demo-learner-1');
    await page.getByLabel('密码').fill('wrong-password-here');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/[\u4e00-\u9fff]/);
    await screenshot(page, 'shell', '02-login-refused', 'desktop');

    await page.getByRole('button', { name: /English/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(/username|password/i)
      .first()
      .waitFor();
    await expectAccessible(page);
  });

  it('answers an unknown page with its own not-found page, and asked nothing of another host', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-registrar-hvc');
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: '没有这个页面' }).waitFor();
    expect(offOrigin).toEqual([]);
  });
});
