import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('the procedure catalogue in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1366, height: 900 },
  ]) {
    it(`shows the search, results, procedures and a print view with no axe violations, ${viewport.width} px wide`, {
      timeout: 240_000,
    }, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      for (const path of [
        '/thu-tuc',
        '/thu-tuc?q=dang%20ki%20khai%20sinh',
        '/thu-tuc?q=khong%20co%20thu%20tuc%20nao%20nhu%20the',
        '/thu-tuc/1.001193',
        '/thu-tuc/1.000055',
        '/thu-tuc/1.009122',
        '/thu-tuc/1.001193/in',
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await context.close();
    });
  }

  it('finds a procedure typed without diacritics and with a typo, without JavaScript, and opens it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.click('nav >> text=Thủ tục hành chính');
    expect(await page.textContent('h1')).toBe('Thủ tục hành chính');
    await page.fill('input[name=q]', 'dang ki khai sinh');
    await page.click('button:has-text("Tìm kiếm")');
    await expect.poll(() => page.textContent('.result-count')).toContain('Tìm thấy');
    await page.click('a:has-text("Thủ tục đăng ký khai sinh")');
    expect(await page.textContent('h1')).toBe('Thủ tục đăng ký khai sinh');
    expect(await page.textContent('main')).toContain('Mã thủ tục');
    expect(await page.getAttribute('a.button', 'href')).toBe('/nop-ho-so/1.001193');
    await page.click('text=Bản in khổ A4');
    expect(await page.locator('.site-nav').count()).toBe(0);
    await context.close();
  });

  it('filters by level and pages through the results by links, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/thu-tuc`);
    await page.click('summary');
    await page.selectOption('select[name=level]', 'commune');
    await page.click('button:has-text("Áp dụng bộ lọc")');
    await expect.poll(() => page.textContent('.result-count')).toBe('Tìm thấy 142 thủ tục');
    await page.click('a[rel=next]');
    expect(page.url()).toContain('level=commune');
    expect(page.url()).toContain('page=2');
    expect(await page.locator('.result').count()).toBe(20);
    await context.close();
  });

  it('shows the administrators’ list, edit form and import page with no axe violations, and saves an edit', {
    timeout: 240_000,
  }, async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login?next=%2Fquan-tri%2Fthu-tuc`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('h1')).toBe('Quản lý thủ tục hành chính');
    await expectNoAxeViolations(page);
    for (const path of [
      '/quan-tri/thu-tuc/1.001193/sua',
      '/quan-tri/thu-tuc/moi',
      '/quan-tri/thu-tuc/nhap',
    ]) {
      await page.goto(server.baseUrl + path);
      await expect.poll(() => page.locator('h1').count()).toBe(1);
      await expectNoAxeViolations(page);
    }
    await page.goto(`${server.baseUrl}/quan-tri/thu-tuc/1.000894/sua`);
    await page.fill('textarea[name=results]', 'Giấy chứng nhận kết hôn\nBản sao Giấy chứng nhận kết hôn');
    await page.click('button:has-text("Lưu thủ tục")');
    await expect.poll(() => page.textContent('.notice')).toContain('Đã lưu thay đổi của thủ tục 1.000894.');
    await page.goto(`${server.baseUrl}/quan-tri/thu-tuc/moi`);
    await page.click('button:has-text("Tạo thủ tục")');
    await expect.poll(() => page.textContent('.error-summary')).toContain('Có lỗi cần sửa');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
