import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

const PHONE = { width: 360, height: 740 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface FormProperty {
  enum?: string[];
  'x-multiline'?: boolean;
  examples: [string | number];
}

describe('applying online as a citizen on a phone', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let procedure: { code: string; components: { id: string }[]; form: Record<string, FormProperty> };
  let dir: string;
  let scan: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'apply-e2e-'));
    scan = join(dir, 'giay-to.pdf');
    writeFileSync(scan, PDF);
    // A district-level, fully online procedure of the demo catalogue with its documents recorded, and few of them.
    const list = await (
      await fetch(`${server.baseUrl}/api/v1/procedures?level=district&onlineLevel=full&pageSize=100`)
    ).json();
    for (const item of list.items as { code: string; dataCompleteness: string }[]) {
      if (item.dataCompleteness !== 'full') continue;
      const detail = await (await fetch(`${server.baseUrl}/api/v1/procedures/${item.code}`)).json();
      if (
        detail.components.length < 1 ||
        detail.components.length > 3 ||
        detail.handlingAgencies?.length === 0
      )
        continue;
      const form = await (await fetch(`${server.baseUrl}/api/v1/procedures/${item.code}/form`)).json();
      procedure = { code: item.code, components: detail.components, form: form.properties };
      break;
    }
    expect(procedure, 'a suitable demo procedure').toBeDefined();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(page: Page) {
    await page.goto(`${server.baseUrl}/nop-ho-so/${procedure.code}`);
    // Signed out: sent to sign in, then brought back.
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=username]', 'citizen');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/nop-ho-so/${procedure.code}`);
  }

  /** The whole journey through the pages; `check` runs on every page reached. */
  async function journey(page: Page, check: (page: Page) => Promise<void>): Promise<string> {
    await signIn(page);
    expect(await page.textContent('main')).toContain('Nộp hồ sơ trực tuyến');
    await check(page);
    await page.click('main button:has-text("Bắt đầu")');
    await expect.poll(() => page.url()).toMatch(/\/thong-tin$/);
    expect(await page.textContent('.step-count')).toBe('Bước 1 trên 3');
    await check(page);

    // A wrong ID number is shown in the error summary and beside the field.
    await page.fill('[name="applicant.idNumber"]', '123');
    await page.fill('[name="applicant.phone"]', '0912345678');
    await page.click('main button:has-text("Lưu và tiếp tục")');
    await expect
      .poll(() => page.textContent('.error-summary'))
      .toContain('Số định danh cá nhân gồm 12 chữ số');
    await check(page);
    await page.fill('[name="applicant.idNumber"]', '014090001234');
    for (const [name, property] of Object.entries(procedure.form)) {
      const selector = `[name="formData.${name}"]`;
      if (property.enum) await page.selectOption(selector, String(property.examples[0]));
      else await page.fill(selector, String(property.examples[0]));
    }
    await page.click('main button:has-text("Lưu và tiếp tục")');
    await expect.poll(() => page.url()).toMatch(/\/giay-to$/);
    await check(page);

    for (const [index, component] of procedure.components.entries()) {
      const form = page.locator('form', {
        has: page.locator(`input[name=componentId][value="${component.id}"]`),
      });
      await form.locator('input[type=file]').setInputFiles(scan);
      await form.locator('button:has-text("Tải lên")').click();
      await expect.poll(() => page.locator('.uploaded-file').count()).toBe(index + 1);
    }
    await check(page);
    await page.click('main button:has-text("Tiếp tục")');
    await expect.poll(() => page.url()).toMatch(/\/kiem-tra$/);
    expect(await page.textContent('main')).toContain('014090001234');
    await check(page);

    await page.click('main button:has-text("Nộp hồ sơ")');
    await expect.poll(() => page.url()).toMatch(/\/bien-nhan\?moi=1$/);
    expect(await page.textContent('.panel-success')).toContain('Đã nộp hồ sơ thành công');
    await check(page);
    const code = (await page.textContent('.big-code'))!.trim();
    expect(code).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
    return code;
  }

  async function afterwards(page: Page, code: string, check: (page: Page) => Promise<void>) {
    const pdf = await page.request.get(`${server.baseUrl}/ho-so/${code}/bien-nhan.pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.goto(`${server.baseUrl}/ho-so`);
    expect(await page.textContent('main')).toContain(code);
    await check(page);
    await page.click(`a[href="/ho-so/${code}"]`);
    expect(await page.textContent('main')).toContain('Mới đăng ký');
    await check(page);

    // The public tracking page, reached as the receipt's QR code would open it.
    await page.goto(`${server.baseUrl}/tra-cuu?code=${code}`);
    expect(await page.inputValue('[name=code]')).toBe(code);
    await page.fill('[name=verify]', '0000');
    await page.click('main button:has-text("Tra cứu")');
    await expect.poll(() => page.textContent('main')).toContain('Không tìm thấy hồ sơ');
    await check(page);
    await page.fill('[name=verify]', '5678');
    await page.click('main button:has-text("Tra cứu")');
    await expect.poll(() => page.textContent('main')).toContain('Mới đăng ký');
    expect(await page.textContent('main')).not.toContain('0912345678');
    await check(page);

    // Withdrawing is one form on the application's page.
    await page.goto(`${server.baseUrl}/ho-so/${code}`);
    await page.click('main button:has-text("Rút hồ sơ")');
    await expect.poll(() => page.textContent('main')).toContain('Đã gửi yêu cầu rút hồ sơ.');
    await check(page);
  }

  it('submits, downloads the receipt, tracks and withdraws with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN', viewport: PHONE });
    const page = await context.newPage();
    const none = async () => {};
    const code = await journey(page, none);
    await afterwards(page, code, none);
    await context.close();
  });

  it('has no axe violations on any page of the journey', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: PHONE });
    const page = await context.newPage();
    const code = await journey(page, expectNoAxeViolations);
    await afterwards(page, code, expectNoAxeViolations);
    await context.close();
  }, 300_000); // axe on fifteen pages takes a while on a busy machine
});
