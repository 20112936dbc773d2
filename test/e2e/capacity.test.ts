import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '../../src/shared/clock.js';
import { previousMonth } from '../../src/shared/staff-scores/scoring.js';
import { expectNoAxeViolations, launchBrowser } from '../helpers/browser.js';
import { DEMO_PASSWORD, startDemoServer } from '../helpers/server.js';

describe('capacity tests and staff scores, in a browser', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  const year = vietnamDate(new Date()).slice(0, 4);
  const lastMonth = previousMonth(vietnamDate(new Date()));

  /** Script errors, uncaught exceptions and failed assets of a page: there must be none. */
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
    return problems;
  }

  async function signIn(context: BrowserContext, username: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('main button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    return page;
  }

  const answers = async (username: string) =>
    server.deps.database.db
      .selectFrom('capacity_answers as a')
      .innerJoin('capacity_attempts as t', 't.id', 'a.attempt_id')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .innerJoin('capacity_campaigns as c', 'c.id', 't.campaign_id')
      .select(['a.position', 'a.selected', 't.submitted_at'])
      .where('u.username', '=', username)
      .where('c.code', '=', `KTNL-${year}`)
      .orderBy('a.position')
      .execute();

  // The whole demo loads first; on a busy machine that takes a while.
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a candidate take the open test on a phone: saved on every choice, through a lost connection', async () => {
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await signIn(context, 'specialist');
    const problems = watch(page);

    await page.goto(`${server.baseUrl}/can-bo/kiem-tra`);
    await expectNoAxeViolations(page);
    await page.click(`a[href="/can-bo/kiem-tra/KTNL-${year}"] >> nth=-1`);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/can-bo/kiem-tra/KTNL-${year}`);
    await expectNoAxeViolations(page);
    await page.click('main form button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/can-bo\/kiem-tra\/bai\/\d+\/cau\/1$/);
    await expectNoAxeViolations(page);

    // The countdown runs from the server's seconds.
    await expect.poll(() => page.textContent('[data-timer-value]')).toMatch(/^\d{2}:\d{2}$/);
    const total = await page.locator('.capacity-nav li').count();
    expect(total).toBe(10);

    // Choosing an option saves it at once, without pressing anything.
    const multiple = (await page.locator('.capacity-option input[type=checkbox]').count()) > 0;
    await page.locator('.capacity-option label').first().click();
    await expect.poll(() => page.textContent('[data-save-status]')).toContain('Đã lưu câu trả lời lúc');
    expect((await answers('specialist')).map((a) => a.position)).toEqual([1]);

    // The connection drops: the choice cannot be saved, and the page says so…
    await context.setOffline(true);
    await page.locator('.capacity-option label').nth(1).click();
    await expect.poll(() => page.textContent('[data-save-status]')).toContain('Chưa lưu được');
    await context.setOffline(false);
    // …and the button saves it when the connection is back.
    await page.click('button[value=next]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/cau\/2$/);
    // The draw is random: a multiple-choice question keeps both choices, a single-choice one the second.
    const first = (await answers('specialist'))[0]!;
    expect(first.selected).toEqual(multiple ? ['a', 'b'] : ['b']);

    for (let n = 2; n <= total; n++) {
      await page.locator('.capacity-option label').first().click();
      await expect.poll(() => page.textContent('[data-save-status]')).toContain('Đã lưu');
      await page.click(n < total ? 'button[value=next]' : 'button[value=review]');
    }
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/nop$/);
    await expect.poll(() => page.textContent('main')).toContain(`Bạn đã trả lời cả ${total} câu`);
    await expectNoAxeViolations(page);
    await page.click('main form button[type=submit]');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/\/ket-qua$/);
    await expectNoAxeViolations(page);
    expect((await answers('specialist')).every((a) => a.submitted_at !== null)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows leaders the results and the staff scores, every page axe clean', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await signIn(context, 'leader');
    const problems = watch(page);
    for (const path of [
      `/can-bo/kiem-tra/dot/KT-${lastMonth}`,
      `/can-bo/kiem-tra/dot/KTNL-${year}`,
      `/can-bo/cham-diem?unit=123&period=${lastMonth}`,
      `/can-bo/cham-diem/can-bo/specialist?unit=123&period=${lastMonth}`,
      `/can-bo/cham-diem/can-bo/head?unit=123&period=${lastMonth}`,
      '/can-bo/cham-diem/phuong-phap?unit=123',
    ]) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(page);
    }
    // The closed campaign's results, and last month's scores signed off.
    await page.goto(`${server.baseUrl}/can-bo/kiem-tra/dot/KT-${lastMonth}`);
    expect(await page.textContent('main')).toContain('3 người đã nộp bài');
    await page.goto(`${server.baseUrl}/can-bo/cham-diem?unit=123&period=${lastMonth}`);
    expect(await page.locator('text=Đã ký duyệt').count()).toBeGreaterThanOrEqual(2);
    // A weight sum that is not 100 is refused with the form again.
    await page.goto(`${server.baseUrl}/can-bo/cham-diem/phuong-phap?unit=123`);
    await page.fill('#field-weight_leader', '5');
    await page.click('form.action-form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('gives administrators their banks and campaigns pages, axe clean', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await signIn(context, 'admin');
    const problems = watch(page);
    for (const path of [
      '/can-bo/kiem-tra',
      '/can-bo/kiem-tra/ngan-hang',
      '/can-bo/kiem-tra/ngan-hang/MC-PLTTHC',
      '/can-bo/kiem-tra/ngan-hang/MC-PLTTHC/cau-hoi/Q005',
      '/can-bo/kiem-tra/ngan-hang/MC-PLTTHC/cau-hoi/moi',
      '/can-bo/kiem-tra/ngan-hang/MC-PLTTHC/nhap',
      '/can-bo/kiem-tra/dot',
      '/can-bo/kiem-tra/dot/moi',
    ]) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectNoAxeViolations(page);
    }
    // A question without a right answer comes back with the error summary.
    await page.goto(`${server.baseUrl}/can-bo/kiem-tra/ngan-hang/MC-PLTTHC/cau-hoi/moi`);
    await page.fill('#field-prompt', 'Câu hỏi chưa có đáp án');
    await page.fill('#field-option_1', 'Phương án một');
    await page.fill('#field-option_2', 'Phương án hai');
    await page.click('main form button[type=submit]');
    await page.waitForSelector('.error-summary');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
