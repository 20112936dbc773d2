import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('satisfaction evaluations, in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let counter: string;

  /**
   * Script errors, uncaught exceptions and failed assets (styles, scripts, images) of a page: there
   * must be none. A page answered with a 400 on purpose (a form re-rendered with its errors) is not one.
   */
  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400)
        problems.push(`${response.status()} ${response.url()}`);
    });
    // Leaving a page before its images arrive aborts them: not a problem of the page.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed ${request.url()}`);
    });
    return problems;
  }

  /** A demo application approved and waiting at the counter, returned now through the API. */
  async function returnOne(channel: 'online' | 'direct') {
    const db = server.deps.database.db;
    const application = await db
      .selectFrom('applications')
      .select(['code', 'version', 'applicant_phone'])
      .where('status', '=', 9)
      .where('channel', '=', channel)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const response = await server.inject({
      method: 'POST',
      url: `/api/v1/applications/${application.code}/actions`,
      headers: { cookie: counter },
      payload: { action: 'return_result', expectedVersion: application.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    return { code: application.code, verify: application.applicant_phone.slice(-4) };
  }

  const evaluationOf = (code: string) =>
    server.deps.database.db
      .selectFrom('evaluations as e')
      .innerJoin('applications as a', 'a.id', 'e.application_id')
      .select(['e.channel', 'e.level', 'e.comment'])
      .where('a.code', '=', code)
      .executeTakeFirst();

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    counter = await server.login('counter', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has the demo applications whose result was returned already evaluated', async () => {
    const db = server.deps.database.db;
    const returned = await db.selectFrom('applications').select('id').where('status', '=', 10).execute();
    const evaluations = await db.selectFrom('evaluations').select(['channel', 'application_id']).execute();
    expect(returned.length).toBeGreaterThan(0);
    expect(evaluations.map((e) => e.application_id).sort()).toEqual(returned.map((r) => r.id).sort());
    expect(new Set(evaluations.map((e) => e.channel))).toEqual(new Set(['email', 'kiosk']));
  });

  it('is given from the tracking page, without JavaScript problems, every page axe clean', async () => {
    const application = await returnOne('direct');
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const problems = watch(page);

    await page.goto(`${server.baseUrl}/tra-cuu`);
    await page.fill('#field-code', application.code);
    await page.fill('#field-verify', application.verify);
    await page.click('form.track-form button[type=submit]');
    await page.waitForSelector('#evaluate-title');
    await expectNoAxeViolations(page);

    await page.click('.evaluate-box button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/danh-gia\/[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('fieldset.evaluation-criterion').count()).toBe(5);
    await expectNoAxeViolations(page);

    // Sent with one criterion unanswered: the error summary, focused, links to it.
    const criteria = page.locator('fieldset.evaluation-criterion');
    for (let i = 0; i < 4; i++) await criteria.nth(i).locator('label.level-very_satisfied').click();
    await page.click('form.evaluation-form button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await expectNoAxeViolations(page);
    await page.click('.error-summary a');
    await criteria.nth(4).locator('label.level-satisfied').click();
    expect(await criteria.nth(0).locator('input[value=very_satisfied]').isChecked()).toBe(true);
    await page.fill('#field-comment', 'Cán bộ hướng dẫn rất tận tình.');
    await page.click('form.evaluation-form button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/danh-gia/cam-on');
    await expectNoAxeViolations(page);

    expect(await evaluationOf(application.code)).toEqual({
      channel: 'online',
      level: 'satisfied',
      comment: 'Cán bộ hướng dẫn rất tận tình.',
    });
    // Back on the tracking page, the application is thanked for, not offered again.
    await page.goto(`${server.baseUrl}/tra-cuu?code=${application.code}&verify=${application.verify}`);
    expect(await page.locator('#evaluate-title').count()).toBe(0);
    await expect.poll(() => page.textContent('main')).toContain('Hồ sơ này đã được đánh giá.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is given at the counter kiosk the officer opens from the workbench, axe clean', async () => {
    const application = await returnOne('online');
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', 'counter');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');

    await page.goto(`${server.baseUrl}/can-bo/ho-so/${application.code}`);
    await page.click(`a[href="/can-bo/ho-so/${application.code}/danh-gia"]`);
    await page.waitForSelector('form.evaluation-kiosk');
    await expectNoAxeViolations(page);
    const criteria = page.locator('fieldset.evaluation-criterion');
    for (let i = 0; i < (await criteria.count()); i++)
      await criteria.nth(i).locator('label.level-very_satisfied').click();
    await page.click('form.evaluation-kiosk button[type=submit]');
    await page.waitForSelector('.evaluation-thanks');
    await expectNoAxeViolations(page);
    expect(await evaluationOf(application.code)).toMatchObject({ channel: 'kiosk', level: 'very_satisfied' });

    // The administrators' criteria page, too.
    const admin = await browser.newContext({ locale: 'vi-VN' });
    const adminPage = await admin.newPage();
    await adminPage.goto(`${server.baseUrl}/login`);
    await adminPage.fill('input[name=username]', 'admin');
    await adminPage.fill('input[name=password]', DEMO_PASSWORD);
    await adminPage.click('main button[type=submit]');
    await expect.poll(() => new URL(adminPage.url()).pathname).toBe('/');
    await adminPage.goto(`${server.baseUrl}/quan-tri/tieu-chi-danh-gia`);
    await expectNoAxeViolations(adminPage);
    expect(problems).toEqual([]);
    await admin.close();
    await context.close();
  });
});
