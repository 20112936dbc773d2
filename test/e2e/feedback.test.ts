import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

const PHONE = { width: 360, height: 740 };
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

describe('feedback and recommendations in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let dir: string;
  let photo: string;
  let notAPhoto: string;
  let published: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'feedback-e2e-'));
    photo = join(dir, 'anh-chup.jpg');
    writeFileSync(photo, PHOTO);
    notAPhoto = join(dir, 'anh-gia.jpg');
    writeFileSync(notAPhoto, 'MZ this is a program, not a photo');
    const list = await (await fetch(`${server.baseUrl}/api/v1/feedback`)).json();
    published = list.items[0].code;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => page.textContent('header')).toContain('Đăng xuất');
  };

  it('lets an anonymous sender on a phone, without JavaScript, send feedback with a photo and read its standing', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.click('nav >> text=Phản ánh, kiến nghị');
    expect(await page.textContent('h1')).toBe('Phản ánh, kiến nghị');
    await page.click('main a.button');
    expect(await page.textContent('h1')).toBe('Gửi phản ánh, kiến nghị');
    // First without a text and with a file that is not a photo: both problems are named.
    await page.check('#field-subjectType-unit');
    await page.setInputFiles('input[name=attachments]', notAPhoto);
    await page.click('form.feedback-form button[type=submit]');
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('Nhập nội dung');
    expect(summary).toContain('Chỉ nhận tệp PDF, JPEG hoặc PNG');
    await page.check('#field-kind-complaint');
    await page.check('#field-subjectType-unit');
    await page.fill(
      'textarea[name=body]',
      'Bộ phận Một cửa không niêm yết số điện thoại đường dây nóng ở nơi tiếp nhận hồ sơ.',
    );
    await page.setInputFiles('input[name=attachments]', photo);
    await page.check('input[name=publishConsent]');
    await page.click('form.feedback-form button[type=submit]');
    expect(await page.textContent('h1')).toBe('Đã gửi phản ánh, kiến nghị');
    const codes = await page.locator('.big-code').allTextContents();
    expect(codes[0]).toMatch(/^PA-\d{6}-\d{4}$/);
    expect(codes[1]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // The look-up: the standing by the code; the text with the key.
    await page.click(`a[href$="${codes[0]}"]`);
    expect(await page.textContent('main')).toContain('Mới tiếp nhận');
    expect(await page.textContent('main')).not.toContain('không niêm yết số điện thoại');
    await page.fill('input[name=key]', codes[1] as string);
    await page.click('form.lookup-form button[type=submit]');
    expect(await page.textContent('main')).toContain('không niêm yết số điện thoại đường dây nóng');
    await context.close();
  }, 120_000);

  for (const [device, viewport] of [
    ['a phone', PHONE],
    ['a desktop', { width: 1366, height: 900 }],
  ] as const) {
    it(`shows the public and staff pages with no axe violations on ${device}`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      for (const path of [
        '/phan-anh-kien-nghi',
        '/phan-anh-kien-nghi?kind=complaint',
        `/phan-anh-kien-nghi/${published}`,
        '/phan-anh-kien-nghi/gui',
        `/phan-anh-kien-nghi/tra-cuu?code=${published}`,
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      // The form with its errors, then the receipt (axe needs the page's scripts on, so not above).
      await page.goto(`${server.baseUrl}/phan-anh-kien-nghi/gui`);
      await page.click('form.feedback-form button[type=submit]');
      await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.fill('textarea[name=body]', 'Đề nghị bố trí thêm ghế chờ tại Bộ phận Một cửa.');
      await page.check('#field-subjectType-unit');
      await page.click('form.feedback-form button[type=submit]');
      await expect.poll(() => page.textContent('h1')).toBe('Đã gửi phản ánh, kiến nghị');
      await expectNoAxeViolations(page);
      await signIn(page, 'head');
      await page.goto(`${server.baseUrl}/can-bo/phan-anh`);
      expect(await page.textContent('h1')).toBe('Phản ánh, kiến nghị cần xử lý');
      await expectNoAxeViolations(page);
      await page.click('table.feedback-queue tbody tr:first-child th a');
      await expect.poll(() => page.locator('form.action-form').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await context.close();
    }, 150_000);
  }

  it('lets the unit head answer waiting feedback from the queue, and an administrator see the time limit', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, 'head');
    await page.goto(`${server.baseUrl}/can-bo/phan-anh?queue=open`);
    await page.click('table.feedback-queue tbody tr:first-child th a');
    const code = (await page.textContent('h1'))?.match(/PA-\d{6}-\d{4}/)?.[0];
    expect(code).toBeDefined();
    await page.fill('textarea[name=answer]', 'Phòng Tư pháp đã tiếp thu và sẽ sửa quy trình trong tuần này.');
    await page.click('button[type=submit] >> text=Lưu câu trả lời');
    expect(await page.textContent('.error-summary')).toContain('Chọn kết quả xem xét');
    await page.check('#field-upheld-true');
    await page.click('button[type=submit] >> text=Lưu câu trả lời');
    expect(await page.textContent('.notice')).toContain('Đã lưu câu trả lời.');
    expect(await page.textContent('main')).toContain('Phòng Tư pháp đã tiếp thu');
    await context.close();
    const admin = await browser.newContext({ locale: 'vi-VN' });
    const adminPage = await admin.newPage();
    await signIn(adminPage, 'admin');
    await adminPage.goto(`${server.baseUrl}/can-bo/phan-anh`);
    expect(await adminPage.inputValue('input[name=timeLimitDays]')).toBe('10');
    await expectNoAxeViolations(adminPage);
    await admin.close();
  }, 120_000);
});
