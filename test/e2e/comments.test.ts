import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('news, comments and hotlines in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let articleUrl: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const news = await server.inject({ method: 'GET', url: '/api/v1/news' });
    articleUrl = news
      .json()
      .items.find((i: { title: string }) => i.title.startsWith('Mộc Châu đẩy mạnh')).url;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async (page: Page, username: string) => {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => page.textContent('header')).toContain('Đăng xuất');
  };

  it('counts characters live as the server does, and shows a posted script tag as text once published', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(server.baseUrl + articleUrl);
    const counter = page.locator('.comment-counter');
    await expect.poll(() => counter.textContent()).toBe('Bạn còn 500/500 ký tự');

    // Typed letter by letter, as a person would.
    await page.click('textarea[name=body]');
    await page.keyboard.type('Xin c');
    await expect.poll(() => counter.textContent()).toBe('Bạn còn 495/500 ký tự');
    // Decomposed Vietnamese, an emoji family and a flag: one character each.
    await page.fill('textarea[name=body]', 'Vie\u0302\u0323t 👨‍👩‍👧‍👦 🇻🇳');
    await expect.poll(() => counter.textContent()).toBe('Bạn còn 492/500 ký tự');
    await page.fill('textarea[name=body]', 'a'.repeat(501));
    await expect.poll(() => counter.textContent()).toBe('Bạn đã nhập quá 1 ký tự');
    expect(await counter.getAttribute('class')).toContain('comment-counter-over');
    // The screen-reader announcement follows once typing pauses.
    await expect
      .poll(() => page.locator('.comments [aria-live=polite]').textContent())
      .toBe('Bạn đã nhập quá 1 ký tự');

    // Four letters made of eight code units: the counter and the server agree they are 4.
    await page.fill('input[name=authorName]', 'Lò Văn Thử');
    await page.fill('textarea[name=body]', 'a\u0301b\u0301c\u0301d\u0301');
    await expect.poll(() => counter.textContent()).toBe('Bạn còn 496/500 ký tự');
    await page.click('form.comment-form button[type=submit]');
    await expect
      .poll(() => page.locator('.error-summary').textContent())
      .toContain('Vui lòng nhập từ 5 ký tự trở lên');
    await expectNoAxeViolations(page);

    await page.fill('textarea[name=body]', '<script>alert(1)</script>');
    await page.click('form.comment-form button[type=submit]');
    await expect.poll(() => page.url()).toContain('binh-luan=da-gui');
    expect(await page.textContent('.comments .notice')).toContain(
      'sẽ hiển thị sau khi được cán bộ kiểm duyệt',
    );
    expect(await page.locator('.comment-text', { hasText: 'alert(1)' }).count()).toBe(0); // pending

    const admin = await context.browser()!.newContext({ locale: 'vi-VN' });
    const adminPage = await admin.newPage();
    adminPage.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await signIn(adminPage, 'admin');
    await adminPage.goto(`${server.baseUrl}/quan-tri/binh-luan`);
    const queued = adminPage.locator('.queued-comment', { hasText: '<script>alert(1)</script>' });
    expect(await queued.locator('.comment-text').textContent()).toBe('<script>alert(1)</script>');
    await queued.locator('button', { hasText: 'Đăng' }).click();
    await expect.poll(() => adminPage.textContent('main .notice')).toContain('Đã đăng bình luận.');

    await page.goto(server.baseUrl + articleUrl);
    const shown = page.locator('.comment-text', { hasText: 'alert(1)' });
    expect(await shown.textContent()).toBe('<script>alert(1)</script>');
    expect(await shown.innerHTML()).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await admin.close();
    await context.close();
  }, 120_000);

  it('takes a comment without JavaScript: no counter, the same checks, the same thanks', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/thu-tuc/1.001193`);
    expect(await page.locator('.comment-counter').count()).toBe(0);
    expect(await page.textContent('#field-body-hint')).toBe('Từ 5 đến 500 ký tự.');
    await page.fill('input[name=authorName]', 'Hà Thị Mây');
    await page.fill('textarea[name=body]', '     ');
    await page.click('form.comment-form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain(
      'Vui lòng nhập nội dung bình luận (không chỉ gồm dấu cách)',
    );
    await page.fill('textarea[name=body]', 'Thủ tục này nộp trực tuyến có mất phí không ạ?');
    await page.click('form.comment-form button[type=submit]');
    expect(page.url()).toContain('/thu-tuc/1.001193?binh-luan=da-gui');
    expect(await page.textContent('.comments .notice')).toContain('Cảm ơn bạn đã bình luận');
    await context.close();
  });

  it('calls a hotline from the footer of any page', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/don-vi`);
    await page.click('footer >> text=Danh bạ đường dây nóng');
    expect(await page.textContent('h1')).toBe('Đường dây nóng');
    const links = await page
      .locator('main a[href^="tel:"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe('tel:18001096');
    expect(links.length).toBeGreaterThan(20);
    for (const href of links) expect(href).toMatch(/^tel:\+?\d{3,15}$/);
    await context.close();
  });

  for (const [device, viewport] of [
    ['a phone', { width: 360, height: 740 }],
    ['a desktop', { width: 1366, height: 900 }],
  ] as const) {
    it(`shows the news, comments, hotline and administrators’ pages with no axe violations on ${device}`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      for (const path of [
        '/',
        '/tin-tuc',
        articleUrl,
        '/thu-tuc/1.001193',
        '/binh-luan?targetType=procedure&targetId=1.001193',
        '/duong-day-nong',
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await signIn(page, 'admin');
      for (const path of [
        '/quan-tri/binh-luan',
        '/quan-tri/binh-luan?status=published',
        '/quan-tri/tin-tuc',
        '/quan-tri/tin-tuc/moi',
        '/quan-tri/tin-tuc/2',
        '/quan-tri/tin-tuc/5',
        '/tin-tuc/6',
        '/quan-tri/duong-day-nong',
        '/quan-tri/duong-day-nong/moi',
        '/quan-tri/duong-day-nong/1',
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await context.close();
    }, 180_000);
  }

  it('lets an administrator write an article with an image, refusing a PDF first, and shows it on the home page', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.goto(`${server.baseUrl}/quan-tri/tin-tuc/moi`);
    await page.fill('input[name=title]', 'Lịch tiếp công dân tháng này');
    await page.fill('textarea[name=summary]', 'Lãnh đạo thị xã tiếp công dân vào thứ Năm hằng tuần.');
    await page.fill('textarea[name=body]', 'Đoạn một.\n\nĐoạn hai.');
    await page.fill('input[name=imageAlt]', 'Trụ sở Ủy ban nhân dân thị xã');
    await page.setInputFiles('input[name=image]', {
      name: 'anh.png',
      mimeType: 'image/png',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.click('button[value=publish]');
    expect(await page.textContent('.error-summary')).toContain('Ảnh phải là tệp JPEG hoặc PNG');
    expect(await page.inputValue('input[name=title]')).toBe('Lịch tiếp công dân tháng này');
    const png = (await server.inject({ method: 'GET', url: articleUrl.replace(/\/(\d+)-.*/, '/$1/anh') }))
      .rawPayload;
    await page.setInputFiles('input[name=image]', { name: 'tru-so.png', mimeType: 'image/png', buffer: png });
    await page.click('button[value=publish]');
    expect(await page.textContent('main .notice')).toContain('Đã lưu tin bài.');
    await page.goto(server.baseUrl);
    await page.click('text=Lịch tiếp công dân tháng này');
    expect(await page.getAttribute('.news-figure img', 'alt')).toBe('Trụ sở Ủy ban nhân dân thị xã');
    expect(await page.locator('.news-body p').count()).toBe(2);
    await context.close();
  }, 120_000);
});
