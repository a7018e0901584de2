import type { Locator, Page } from 'playwright-core';
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

/** What a person reads on the page (closed details and hidden parts are not in innerText). */
async function expectNoUuidShown(page: Page): Promise<void> {
  expect(await page.locator('main').innerText()).not.toMatch(UUID);
}

/** The field a label names inside `scope`: its wrapper, with its error under it. */
function field(scope: Locator, label: string): Locator {
  return scope.locator('.field', { has: scope.page().getByText(label, { exact: true }) });
}

describeInBrowser('the administrator: schools, courses, logins and the audit log', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal('admin pages');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  }, 60_000);

  it('registers a school through its form after the API refused an empty and a taken code, and adds a course to it', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-admin');
    await page.waitForURL('**/institutions');
    await page.getByRole('heading', { level: 1, name: '院校' }).waitFor();
    await page.locator('.card-title', { hasText: '湖南示范信息职业技术学院' }).waitFor();
    await expectAccessible(page);
    await expectNoUuidShown(page);
    await screenshot(page, 'admin', '01-institutions', 'phone');

    const form = page.getByRole('region', { name: '登记院校' });
    await form.getByLabel('名称').fill('湖南测试职业学院');
    await form.getByLabel('办学类型').selectOption({ label: '高等职业学校' });
    await form.getByRole('button', { name: '登记院校' }).click();
    // An empty code: a 422, its message under the code field, the form's notice on top.
    const code = field(form, '代码');
    await code.locator('.field-error').waitFor();
    expect(await code.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('alert').textContent()).toContain('1');
    await expectAccessible(page);
    await screenshot(page, 'admin', '02-institution-code-refused', 'phone');

    // A code another school has: a 409, said at the top of the form, in Chinese.
    await code.locator('input').fill('HNSF-HVC');
    await form.getByRole('button', { name: '登记院校' }).click();
    await form.getByRole('alert').filter({ hasText: '院校代码已存在' }).waitFor();
    expect(await code.locator('.field-error').count()).toBe(0);

    await code.locator('input').fill('HN-TEST-01');
    await form.getByRole('button', { name: '登记院校' }).click();
    await form.getByRole('status').filter({ hasText: '已登记 湖南测试职业学院' }).waitFor();
    const card = page.locator('li.card', { hasText: '湖南测试职业学院' });
    await card.waitFor();
    expect(await card.textContent()).toContain('高等职业学校');

    await card.getByRole('link', { name: '专业与课程' }).click();
    await page.getByRole('heading', { level: 1, name: '湖南测试职业学院' }).waitFor();
    await page.getByText('这所院校还没有课程。').waitFor();
    const courseForm = page.getByRole('region', { name: '课程' });
    await courseForm.getByLabel('代码').last().fill('HT-WEB101');
    await courseForm.getByLabel('名称').last().fill('网页设计基础');
    await courseForm.getByLabel('学分').last().fill('3.5');
    await courseForm.getByLabel('学时').last().fill('56');
    await courseForm.getByLabel('课程类别').last().selectOption({ label: '专业核心课' });
    await courseForm.getByRole('button', { name: '新增课程' }).click();
    await courseForm.getByRole('status').filter({ hasText: '已新增课程 网页设计基础' }).waitFor();
    const course = courseForm.locator('li.card', { hasText: '网页设计基础' });
    await course.waitFor();
    expect(await course.textContent()).toMatch(/专业核心课.*学分3\.5.*学时56.*不属于任何专业/);
    await expectAccessible(page);
    await expectNoUuidShown(page);
    await screenshot(page, 'admin', '03-institution-course', 'phone');
  }, 180_000);

  it('refuses to change the credits of a course with recorded credits, next to the credits field', async () => {
    const page = await portal.open('desktop');
    await signIn(page, 'demo-admin');
    await page
      .locator('li.card', { hasText: '湖南示范信息职业技术学院' })
      .getByRole('link')
      .click();
    const course = page.locator('li.card', { hasText: '程序设计基础' });
    await course.getByText('修改', { exact: true }).click();
    const credits = field(course, '学分');
    await credits.locator('input').fill('5');
    await course.getByRole('button', { name: '保存' }).click();
    await credits.locator('.field-error').filter({ hasText: '不能再修改' }).waitFor();
    expect(await field(course, '学时').locator('.field-error').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'admin', '04-course-credits-frozen', 'desktop');
  }, 180_000);

  it('adds a registrar scoped to the new school picked by name, and disables that login', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-admin');
    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '用户' }).waitFor();
    // Every login shows its scope by name.
    const registrar = page.locator('li.card', { hasText: 'demo-registrar-hvc' });
    expect(await registrar.textContent()).toContain('湖南示范信息职业技术学院');

    const form = page.getByRole('region', { name: '新增账号' });
    await form.getByLabel('用户名').fill('registrar-hn-test');
    await form.getByLabel('显示名称').fill('教务 韩梅');
    await form.getByLabel('初始密码').fill('Osmanthus-Lantern-47');
    await form.getByLabel('角色').selectOption({ label: '教务' });
    await form.getByLabel('院校').selectOption({ label: '湖南测试职业学院' });
    await form.getByRole('button', { name: '新增账号' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: '已新增账号 教务 韩梅（教务，湖南测试职业学院）' })
      .waitFor();

    const card = page.locator('li.card', { hasText: 'registrar-hn-test' });
    await card.waitFor();
    expect(await card.textContent()).toContain('湖南测试职业学院');
    // A reset shows the temporary password once, and it signs in (to choose a new one).
    await card.getByRole('button', { name: '重置 教务 韩梅 的密码' }).click();
    await card.getByRole('button', { name: '确认重置' }).click();
    const secret = card.locator('.admin-secret');
    await secret.waitFor();
    const temporary = (await secret.textContent()) ?? '';
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await card.locator('.badge', { hasText: '待修改密码' }).waitFor();
    await screenshot(page, 'admin', '05-users-reset', 'phone');
    const withTemporary = await portal.t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'registrar-hn-test', password: temporary },
    });
    expect(withTemporary.statusCode).toBe(200);
    await card.getByRole('button', { name: '我已记下，隐藏' }).click();
    expect(await secret.count()).toBe(0);

    await card.getByRole('button', { name: '停用 教务 韩梅' }).click();
    await card.locator('.badge', { hasText: '已停用' }).waitFor();
    await card.getByRole('button', { name: '启用 教务 韩梅' }).waitFor();
    await expectAccessible(page);
    await expectNoUuidShown(page);
    await screenshot(page, 'admin', '05-users', 'phone');

    // The API agrees: the login cannot sign in.
    const refused = await portal.t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'registrar-hn-test', password: temporary },
    });
    expect(refused.statusCode).toBe(401);
  }, 180_000);

  it('shows the audit log valid with its head, and signs a tree head on request', async () => {
    const page = await portal.open('phone');
    await signIn(page, 'demo-admin');
    await page.goto('/audit');
    const verify = page.getByRole('region', { name: '日志校验' });
    await verify.locator('.badge', { hasText: '完好' }).waitFor({ timeout: 30_000 });
    const facts = await verify.locator('dl.facts').innerText();
    expect(facts).toMatch(/已核对记录\s+[1-9][\d,]*/);
    expect(facts).toMatch(/最新记录序号\s+[1-9][\d,]*/);
    expect(await verify.locator('.hash code').first().textContent()).toMatch(/^[0-9a-f]{12}…$/);

    const head = page.getByRole('region', { name: '最近签名的树头' });
    await head.getByRole('button', { name: '立即签名树头' }).click();
    await head.getByRole('status').filter({ hasText: '已签名' }).waitFor();
    await head.getByText('覆盖记录数').waitFor();
    expect(await head.locator('.badge', { hasText: '当前公钥' }).count()).toBe(1);
    await expectAccessible(page);
    await expectNoUuidShown(page);
    await screenshot(page, 'admin', '06-audit', 'phone');
  }, 180_000);

  it('every page at desktop width: accessible, no id shown, asked nothing of another host', async () => {
    const page = await portal.open('desktop');
    await signIn(page, 'demo-admin');
    const pages: [string, string, Width][] = [
      ['/institutions', '湖南示范信息职业技术学院', 'desktop'],
      ['/bodies', 'Web前端开发', 'desktop'],
      ['/users', 'demo-examiner-miit', 'desktop'],
      ['/audit', '完好', 'desktop'],
    ];
    for (const [path, shows, width] of pages) {
      await page.goto(path);
      await page.getByText(shows).first().waitFor({ timeout: 30_000 });
      await expectAccessible(page);
      await expectNoUuidShown(page);
      await screenshot(page, 'admin', `07${path.replace('/', '-')}`, width);
    }
    const phone = await portal.open('phone');
    await signIn(phone, 'demo-admin');
    await phone.goto('/bodies');
    await phone.getByText('Web前端开发').first().waitFor();
    await expectAccessible(phone);
    await screenshot(phone, 'admin', '07-bodies', 'phone');
    expect(offOrigin).toEqual([]);
  }, 180_000);
});
