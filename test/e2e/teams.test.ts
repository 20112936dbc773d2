import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('the community digital team registry in a browser', () => {
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

  const signIn = async (page: import('playwright-core').Page, username: string) => {
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => page.textContent('header')).toContain('Đăng xuất');
  };

  for (const [device, viewport] of [
    ['a phone', { width: 360, height: 740 }],
    ['a desktop', { width: 1366, height: 900 }],
  ] as const) {
    it(`shows the registry, a team and the administrators’ pages with no axe violations on ${device}`, async () => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      for (const path of [
        '/to-cong-nghe-so',
        '/to-cong-nghe-so?unit=04045&page=2',
        '/to-cong-nghe-so/TCNS-03979-01',
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await signIn(page, 'admin');
      for (const path of [
        '/quan-tri/to-cong-nghe-so',
        '/quan-tri/to-cong-nghe-so/moi',
        '/quan-tri/to-cong-nghe-so/TCNS-03979-01',
      ]) {
        await page.goto(server.baseUrl + path);
        await expect.poll(() => page.locator('h1').count()).toBe(1);
        await expectNoAxeViolations(page);
      }
      await context.close();
    }, 150_000);
  }

  it('lets a citizen find the team of their ward without JavaScript and call it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(server.baseUrl);
    await page.click('nav >> text=Tổ công nghệ số');
    expect(await page.textContent('main .lead')).toBe('195 tổ với 1.181 thành viên ở 15 xã, phường.');
    await page.selectOption('select[name=unit]', '04045');
    await page.click('form.team-filter button[type=submit]');
    expect(await page.textContent('h2#danh-sach')).toBe('Các tổ ở Xã Lóng Sập');
    expect(await page.locator('.result-list > li').count()).toBeGreaterThanOrEqual(8);
    await page.click('.result-list > li:first-child h3 a');
    expect(await page.textContent('h1')).toBe('Tổ công nghệ số cộng đồng Bản 1');
    expect(await page.getAttribute('main a[href^="tel:"]', 'href')).toMatch(/^tel:0200\d{7}$/);
    expect(await page.locator('.team-members li').count()).toBeGreaterThanOrEqual(5);
    await context.close();
  });

  it('lets an administrator add a team and a member linked to an account, shown errors first, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, 'admin');
    await page.goto(`${server.baseUrl}/quan-tri/to-cong-nghe-so/moi`);
    await page.fill('input[name=code]', 'TCNS-03979-01');
    await page.selectOption('select[name=unitCode]', '03979');
    await page.fill('input[name=name]', 'Tổ công nghệ số Tiểu khu 20');
    await page.fill('input[name=phone]', '12');
    await page.click('main form button[type=submit]');
    const summary = await page.textContent('.error-summary');
    expect(summary).toContain('Nhập số di động 10 chữ số hoặc số cố định 11 chữ số');
    await page.fill('input[name=phone]', '0212 3866 020');
    await page.click('main form button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Đã có tổ mang mã TCNS-03979-01');
    await page.fill('input[name=code]', 'TCNS-03979-20');
    await page.fill('input[name=leaderName]', 'Lò Thị Thử');
    await page.click('main form button[type=submit]');
    expect(await page.textContent('.notice')).toContain('Đã thêm tổ Tổ công nghệ số Tiểu khu 20.');
    await page.fill('input[name=memberUsername]', 'citizen');
    await page.click('form[action$="/thanh-vien"] button[type=submit]');
    expect(await page.textContent('.notice')).toContain('Đã thêm thành viên.');
    expect(await page.textContent('main table')).toContain('Nguyễn Văn An');
    await page.goto(`${server.baseUrl}/to-cong-nghe-so/TCNS-03979-20`);
    expect(await page.textContent('main')).toContain('Lò Thị Thử');
    await context.close();
  });

  it('shows a team member their team and what they submitted for others', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await signIn(page, 'team');
    await page.goto(`${server.baseUrl}/to-cong-nghe-so`);
    await page.click('text=Tổ của tôi và hồ sơ tôi đã nộp hộ');
    expect(await page.textContent('h1')).toBe('Tổ công nghệ số của tôi');
    expect(await page.textContent('main')).toContain('Phường Mộc Sơn');
    expect(await page.textContent('main')).toMatch(/Bạn đã nộp hộ \d+ hồ sơ\./);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
