import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('one application through the whole office, in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'office-e2e-'));
    writeFileSync(join(dir, 'ket-qua.pdf'), PDF);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    return { context, page };
  }

  /** Opens the application's page in the workbench and performs one action from its form. */
  async function act(
    page: Page,
    code: string,
    action: string,
    fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {},
  ) {
    await page.goto(`${server.baseUrl}/can-bo/ho-so/${code}`);
    await expectNoAxeViolations(page);
    const form = page.locator('form.action-form', {
      has: page.locator(`input[name=action][value="${action}"]`),
    });
    await fill(form);
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.url()).toContain(`done=${action}`);
    await expectNoAxeViolations(page);
  }

  it('is submitted online, accepted, processed, approved, returned online, and the citizen downloads the result', async () => {
    // The citizen submits (the page-by-page journey is tested in apply.test.ts; here through the API of the same session).
    const citizen = await signedIn('citizen');
    const list = await (
      await citizen.page.request.get(
        `${server.baseUrl}/api/v1/procedures?agency=MC-TP&onlineLevel=full&pageSize=50`,
      )
    ).json();
    let submitted: string | undefined;
    for (const item of list.items as { code: string; dataCompleteness: string }[]) {
      if (item.dataCompleteness !== 'full') continue;
      const detail = await (
        await citizen.page.request.get(`${server.baseUrl}/api/v1/procedures/${item.code}`)
      ).json();
      const form = await (
        await citizen.page.request.get(`${server.baseUrl}/api/v1/procedures/${item.code}/form`)
      ).json();
      const documents = [];
      for (const component of detail.components.filter((c: { required: boolean }) => c.required)) {
        const uploaded = await citizen.page.request.post(`${server.baseUrl}/api/v1/files`, {
          multipart: { file: { name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: PDF } },
        });
        documents.push({ componentId: component.id, fileId: (await uploaded.json()).id });
      }
      const response = await citizen.page.request.post(`${server.baseUrl}/api/v1/applications`, {
        data: {
          procedureCode: item.code,
          applicant: { fullName: 'Nguyễn Văn An', idNumber: '014090001234', phone: '0912345678' },
          formData: Object.fromEntries(
            Object.entries(form.properties as Record<string, { examples: unknown[] }>).map(([k, v]) => [
              k,
              v.examples[0],
            ]),
          ),
          documents,
        },
      });
      if (response.status() === 201) {
        submitted = (await response.json()).code;
        break;
      }
    }
    expect(submitted).toBeTruthy();
    const code = submitted!;

    const counter = await signedIn('counter');
    await counter.page.goto(`${server.baseUrl}/can-bo?queue=new`);
    expect(await counter.page.textContent('main')).toContain(code);
    await expectNoAxeViolations(counter.page);
    await act(counter.page, code, 'accept');
    await act(counter.page, code, 'forward');

    const head = await signedIn('head');
    await head.page.goto(`${server.baseUrl}/can-bo?queue=new`);
    expect(await head.page.textContent('main')).toContain(code);
    await expectNoAxeViolations(head.page);
    await act(head.page, code, 'assign', async (form) => {
      await form.locator('select[name=assignee]').selectOption('specialist');
    });

    const specialist = await signedIn('specialist');
    await specialist.page.goto(`${server.baseUrl}/can-bo?queue=mine`);
    expect(await specialist.page.textContent('main')).toContain(code);
    await expectNoAxeViolations(specialist.page);
    await act(specialist.page, code, 'propose', (form) =>
      form.locator('textarea[name=note]').fill('Đủ điều kiện, đề nghị phê duyệt.'),
    );

    await act(head.page, code, 'review');

    const leader = await signedIn('leader');
    await act(leader.page, code, 'approve');

    // The electronic result goes back online, as a file.
    await counter.page.goto(`${server.baseUrl}/can-bo/ho-so/${code}`);
    const returnForm = counter.page.locator('form[action$="/tra-ket-qua"]');
    await returnForm.locator('input[type=file]').setInputFiles(join(dir, 'ket-qua.pdf'));
    await returnForm.locator('button[type=submit]').click();
    await expect.poll(() => counter.page.url()).toContain('done=return_result');
    expect(await counter.page.textContent('main')).toContain('Đã trả kết quả');
    await expectNoAxeViolations(counter.page);

    // The citizen sees status 10 and downloads the result.
    await citizen.page.goto(`${server.baseUrl}/ho-so/${code}`);
    expect(await citizen.page.textContent('main')).toContain('Đã trả kết quả');
    const links = await citizen.page
      .locator('main a[href^="/api/v1/files/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const downloads = await Promise.all(
      links.map(async (href) => (await citizen.page.request.get(`${server.baseUrl}${href}`)).body()),
    );
    expect(downloads.some((body) => body.equals(PDF))).toBe(true);
    const view = await (
      await citizen.page.request.get(`${server.baseUrl}/api/v1/applications/${code}`)
    ).json();
    expect(view.status).toBe(10);
    expect(view.documents.some((d: { purpose: string }) => d.purpose === 'result')).toBe(true);
    for (const session of [citizen, counter, head, specialist, leader]) await session.context.close();
  }, 240_000);
});
