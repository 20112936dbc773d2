import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('the statistics pages, in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  async function signIn(context: BrowserContext, username: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    return page;
  }

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['a phone', { width: 360, height: 740 }],
    ['a desktop', { width: 1366, height: 900 }],
  ])(
    'shows the public figures on %s, axe clean, and changes the unit by the form',
    async (_name, viewport) => {
      const context = await browser.newContext({ locale: 'vi-VN', viewport });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/`);
      await page.click('nav a[href="/thong-ke"]');
      await expect.poll(() => new URL(page.url()).pathname).toBe('/thong-ke');
      await expect.poll(() => page.textContent('h1')).toBe('Kết quả giải quyết thủ tục hành chính');
      // The demo's applications are counted: the first card is not empty.
      const received = await page.locator('.stat-card .stat-value').first().textContent();
      expect(Number(received?.replace(/\./g, ''))).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      // Choose a ward in the form and show its figures.
      const ward = page.locator('#field-unit option').nth(2);
      const [code, label] = [await ward.getAttribute('value'), (await ward.textContent())?.trim()];
      await page.selectOption('#field-unit', code!);
      await page.click('form.stat-filter button[type=submit]');
      await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(code);
      await expect.poll(() => page.textContent('.lead')).toContain(label!);
      // A reversed period is refused next to the field.
      await page.fill('#field-from', '2026-12-31');
      await page.fill('#field-to', '2026-01-01');
      await page.click('form.stat-filter button[type=submit]');
      await expect
        .poll(() => page.textContent('.error-summary'))
        .toContain('Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
      await expectNoAxeViolations(page);
      await context.close();
    },
  );

  it('gives the unit head the dashboard, the applications behind a number, and a download', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 } });
    const page = await signIn(context, 'head');
    await page.click('nav a[href="/can-bo/thong-ke"]');
    await expect.poll(() => page.textContent('h1')).toBe('Bảng điều hành');
    await expect
      .poll(() => page.textContent('main'))
      .toContain('Hồ sơ trễ hạn: ở bước nào, tại đâu, ai xử lý');
    await expectNoAxeViolations(page);
    // The number of applications received opens the list behind it.
    await page.locator('.stat-card a[href$="figure=received"]').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/can-bo/thong-ke/ho-so');
    await expect.poll(() => page.textContent('h1')).toBe('Hồ sơ: Hồ sơ tiếp nhận');
    const codes = await page.locator('table a.code').count();
    expect(codes).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.locator('table a.code').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/can-bo\/ho-so\//);
    // The table by unit downloads as a workbook.
    await page.goBack();
    await page.goBack();
    const href = await page.locator('a[href*="table=unit&format=xlsx"]').getAttribute('href');
    const download = await page.request.get(`${server.baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });
});
