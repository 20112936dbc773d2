import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('the foundation in a browser', () => {
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

  it('shows the home, login and units pages with no axe violations, on a phone and a desktop', async () => {
    for (const viewport of [
      { width: 360, height: 740 },
      { width: 1366, height: 900 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      for (const path of ['/', '/login', '/register', '/don-vi', '/don-vi/03979', '/no-such-page']) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await context.close();
    }
  });

  it('lets the counter officer sign in without JavaScript and see the Mộc Châu organisation', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', 'counter');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    // axe needs JavaScript, so the accessibility of these pages is checked in the test above.
    await expect.poll(() => page.textContent('main')).toContain('Bạn đang đăng nhập với tên Lò Thị Hoa');
    await page.click('nav >> text=Đơn vị hành chính');
    expect(await page.textContent('h1')).toBe('Thị xã Mộc Châu');
    expect(await page.locator('.unit-tree > li').count()).toBe(15);
    await page.click('button:has-text("Đăng xuất")');
    await expect.poll(() => page.textContent('header')).toContain('Đăng nhập');
    await context.close();
  });

  it('shows a wrong password next to the field, focused in the error summary, in English too', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.fill('input[name=username]', 'counter');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await expect
      .poll(() => page.textContent('.error-summary'))
      .toContain('The username or password is not right.');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await expectNoAxeViolations(page);
    await page.click('text=Tiếng Việt');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await context.close();
  });
});
