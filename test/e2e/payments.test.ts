import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/seed/demo.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/server.js';

const PHONE = { width: 360, height: 740 };

/** A free loopback port, so the app's public address (return URL, gateway URL) is where it listens. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

describe('paying a fee from a phone through the payment gateway simulator', () => {
  let server: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = await buildTestApp({ config: { demoPassword: DEMO_PASSWORD, publicUrl: baseUrl } });
    await loadDemo(server.deps);
    await server.app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(): Promise<Page> {
    const context = await browser.newContext({
      viewport: PHONE,
      locale: 'vi-VN',
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name=username]', 'citizen');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    return page;
  }

  it('pays the fee an officer asked for, and the application moves on with a receipt', async () => {
    // The demo leaves one of the citizen's applications at "fee due" (demo-payments.ts).
    const due = await server.deps.database.db
      .selectFrom('applications as a')
      .innerJoin('users as u', 'u.id', 'a.applicant_user_id')
      .select('a.code')
      .where('u.username', '=', 'citizen')
      .where('a.status', '=', 6)
      .executeTakeFirstOrThrow();
    const page = await signedIn();

    await page.goto(`${baseUrl}/ho-so/${due.code}`);
    await expectNoAxeViolations(page);
    const panel = page.locator('#thanh-toan');
    expect(await panel.textContent()).toContain('50.000 đồng');
    await panel.locator('button[type=submit]').click();

    // Our page: the details, and the way to the gateway.
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/thanh-toan\/[0-9A-Z]{16}$/);
    await expectNoAxeViolations(page);
    expect(await page.textContent('main')).toContain(due.code);
    await page.getByRole('link', { name: 'Tiếp tục đến cổng thanh toán' }).click();

    // The simulator (the gateway's own page): pay successfully, with the IPN.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/gateway-sim/paymentv2/vpcpay.html');
    await expectNoAxeViolations(page);
    expect(await page.textContent('main')).toContain('50.000 VND');
    await page.check('#choice-success');
    await page.getByRole('button', { name: 'Xác nhận' }).click();

    // Back on the return page: the result the IPN settled.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/thanh-toan/ket-qua');
    await expectNoAxeViolations(page);
    expect(await page.textContent('main')).toContain('Thanh toán thành công');
    await page.screenshot({ path: '.tmp/e2e-payment-result.png', fullPage: true }).catch(() => {});
    const receipt = await page.locator('a', { hasText: 'Tải biên nhận (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${receipt}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // The application stands in process again, the payment on its page.
    await page.getByRole('link', { name: 'Về trang hồ sơ' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/ho-so/${due.code}`);
    await expectNoAxeViolations(page);
    const main = await page.textContent('main');
    expect(main).toContain('Đang xử lý');
    expect(main).toContain('Đã nộp 50.000 đồng');
    const row = await server.deps.database.db
      .selectFrom('applications')
      .select('status')
      .where('code', '=', due.code)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(4);
    await page.context().close();
  });

  it('shows a cancelled payment as cancelled, from the public tracking page, and charges nothing', async () => {
    const due = await server.deps.database.db
      .selectFrom('applications')
      .select(['code', 'applicant_phone'])
      .where('status', '=', 6)
      .where('channel', '=', 'direct')
      .executeTakeFirstOrThrow();
    const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/tra-cuu?code=${due.code}&verify=${due.applicant_phone.slice(-4)}`);
    await expectNoAxeViolations(page);
    await page.locator('#thanh-toan button[type=submit]').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/thanh-toan\/[0-9A-Z]{16}$/);
    await page.getByRole('link', { name: 'Tiếp tục đến cổng thanh toán' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/gateway-sim/paymentv2/vpcpay.html');
    await page.check('#choice-cancel');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/thanh-toan/ket-qua');
    await expectNoAxeViolations(page);
    expect(await page.textContent('main')).toContain('Đã hủy thanh toán');
    const row = await server.deps.database.db
      .selectFrom('applications')
      .select('status')
      .where('code', '=', due.code)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(6);
    await context.close();
  });
});
