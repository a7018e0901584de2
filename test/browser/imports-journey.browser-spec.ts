import { readFileSync } from 'node:fs';
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

const JOURNEY = 'imports';

const step = (page: Page, name: string, width: Width) => deskStep(page, JOURNEY, name, width);

/** What a click downloads: its suggested name and its bytes. */
async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Two rows 张伟 (by student number) passes, and a third whose score is out of range: the file a
 * registrar would export at the end of a term. The widths use different courses, so the phone's
 * file and the desktop's are not the same bytes (the second would be refused as uploaded).
 */
function gradesCsv(courses: [string, string], term: string): Buffer {
  const lines = [
    '姓名,证件类型,证件号码,学号,课程代码,学期,成绩,完成日期',
    `张伟,,,2023510203137,${courses[0]},${term},86.5,2026-01-15`,
    `张伟,,,2023510203137,${courses[1]},${term},91,2026-01-16`,
    `李娜,,,2022510203246,${courses[0]},${term},150,2026-01-15`,
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

describeInBrowser('bulk import: template, upload, dry run, errors, error file, commit', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal('imports journey');
  }, 120_000);

  afterAll(async () => {
    await portal?.close();
  }, 60_000);

  async function journey(page: Page, width: Width, courses: [string, string], term: string) {
    await signIn(page, 'demo-registrar-hvc');
    await page.getByRole('link', { name: '批量导入', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '批量导入' }).waitFor();
    // A registrar's kinds only; the examiner's certificates are not offered.
    const kinds = await page
      .getByLabel('导入内容', { exact: true })
      .locator('option')
      .allInnerTexts();
    expect(kinds).toEqual(['课程成绩', '毕业证书', '新生学籍']);
    await step(page, '01-imports', width);

    const template = await downloaded(page, () =>
      page.getByRole('button', { name: '下载课程成绩模板（CSV）' }).click(),
    );
    expect(template.name).toMatch(/\.csv$/);
    const templateText = template.bytes.toString('utf8');
    expect(template.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    for (const header of ['姓名', '学号', '课程代码', '学期', '成绩', '完成日期'])
      expect(templateText).toContain(header);
    const xlsx = await downloaded(page, () =>
      page.getByRole('button', { name: '下载课程成绩模板（Excel）' }).click(),
    );
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // No file chosen: said next to the field, nothing sent.
    await page.getByRole('button', { name: '上传并检查' }).click();
    expect(await page.locator('#field-file-error').innerText()).toContain('请选择要上传的文件');

    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: `成绩-${width}.csv`,
      mimeType: 'text/csv',
      buffer: gradesCsv(courses, term),
    });
    await page.getByRole('button', { name: '上传并检查' }).click();
    await page.waitForURL(/\/imports\/[^/]+$/);
    await page.getByRole('heading', { level: 1, name: `成绩-${width}.csv` }).waitFor();

    // The dry run settles: the progress bar goes, the counts come.
    const results = page.getByRole('region', { name: '检查结果' });
    await results.waitFor({ timeout: 30_000 });
    expect(await page.locator('#import-progress').count()).toBe(0);
    const figures = await results.innerText();
    expect(figures).toMatch(/总行数\s*3/);
    expect(figures).toMatch(/通过\s*2/);
    expect(figures).toMatch(/有误\s*1/);
    expect(await page.locator('dl.facts').innerText()).toContain('UTF-8');

    const errors = page.getByRole('table', { name: '有误的行' });
    const errorRow = errors.locator('tbody tr');
    expect(await errorRow.count()).toBe(1);
    const cells = await errorRow.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('4');
    expect(cells[1]).toBe('成绩');
    expect(cells[2]).toMatch(/100/);
    await step(page, '02-validated', width);

    const errorFile = await downloaded(page, () =>
      page.getByRole('button', { name: '下载错误文件（CSV）' }).click(),
    );
    expect(errorFile.name).toMatch(/\.csv$/);
    const errorText = errorFile.bytes.toString('utf8');
    expect(errorText).toContain('错误原因');
    expect(errorText).toContain('第 4 行「成绩」');
    expect(errorText).toContain('李娜');

    await page.getByRole('button', { name: '登记 2 行' }).click();
    const confirm = page.getByRole('group', { name: /将登记 2 行，跳过 1 行/ });
    await confirm.waitFor();
    await step(page, '03-confirm', width);
    await confirm.getByRole('button', { name: '确认登记' }).click();

    const done = page.getByRole('status').filter({ hasText: '已登记 2 行' });
    await done.waitFor({ timeout: 30_000 });
    await eventually(
      () => results.innerText(),
      (text) => /已登记\s*2/.test(text),
    );
    expect(await page.getByRole('button', { name: /^登记/ }).count()).toBe(0);
    await step(page, '04-committed', width);

    await page.getByRole('link', { name: '批量导入', exact: true }).click();
    const card = page
      .getByRole('list', { name: '导入记录' })
      .locator('li', { hasText: `成绩-${width}.csv` });
    await card.waitFor();
    expect(await card.innerText()).toContain('已登记 2');
    expect(await card.innerText()).toContain('课程成绩');
    await step(page, '05-list', width);
  }

  it('on a phone: a registrar imports a term of grades and commits the good rows', async () => {
    const page = await portal.open('phone');
    await journey(page, 'phone', ['HV-WEB202', 'HV-SE201'], '2025-2026-1');
  }, 180_000);

  it('on a desktop: the same, then the same file again points to the earlier import', async () => {
    const page = await portal.open('desktop');
    // Other courses: 张伟 passed the phone's in the test before, and a second pass is refused.
    const courses: [string, string] = ['HV-GE103', 'HV-EL402'];
    await journey(page, 'desktop', courses, '2025-2026-2');

    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: '成绩-again.csv',
      mimeType: 'text/csv',
      buffer: gradesCsv(courses, '2025-2026-2'),
    });
    await page.getByRole('button', { name: '上传并检查' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '之前已经上传过' });
    await refusal.waitFor();
    await step(page, '06-already-uploaded', 'desktop');
    await refusal.getByRole('link', { name: '查看之前的导入' }).click();
    await page.getByRole('heading', { level: 1, name: '成绩-desktop.csv' }).waitFor();

    // A file with more refused rows than a page holds (50): the rest come on request.
    await page.getByRole('link', { name: '返回批量导入' }).click();
    const bad = Array.from(
      { length: 55 },
      (_, n) => `张伟,,,2023510203137,HV-WEB201,2024-2025-${n},150,2026-01-15`,
    );
    await page.getByLabel('文件', { exact: true }).setInputFiles({
      name: '成绩-many.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFF${['姓名,证件类型,证件号码,学号,课程代码,学期,成绩,完成日期', ...bad].join('\r\n')}\r\n`,
      ),
    });
    await page.getByRole('button', { name: '上传并检查' }).click();
    await page.getByRole('heading', { level: 1, name: '成绩-many.csv' }).waitFor();
    const many = page.getByRole('table', { name: '有误的行' }).locator('tbody tr');
    await eventually(
      () => many.count(),
      (count) => count === 50,
    );
    await page.getByRole('button', { name: '加载更多' }).click();
    await eventually(
      () => many.count(),
      (count) => count === 55,
    );
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    await page.getByRole('link', { name: '批量导入', exact: true }).click();
    await page
      .getByRole('list', { name: '导入记录' })
      .locator('li', { hasText: '成绩-desktop.csv' })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { level: 1, name: '成绩-desktop.csv' }).waitFor();

    // English: the same page in words of the other language.
    // By keyboard, as the shell's test does: a pointer left on the switch would be its hover.
    await page.getByRole('button', { name: /English/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Check results' }).waitFor();
    // The reasons are read again in English; the column keeps the file's own header.
    const english = page.getByRole('table', { name: 'Rows with errors' });
    await eventually(
      () => english.innerText(),
      (text) => text.includes('Reason') && text.includes('成绩 must be at most 100'),
    );
    await step(page, '07-english', 'desktop');
    expect(offOrigin).toEqual([]);
  }, 180_000);
});
