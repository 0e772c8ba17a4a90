import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { buildLocal } from '../helpers/local.js';
import { launchChromium } from './chromium.js';

const ARTIFACT = projectPath('test', 'artifacts', 'home.png');
const DOCS_SCREENSHOT = projectPath('docs', 'home.png');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the Home tab in the local workspace page', () => {
  it('opens Home, logs hours through the form (refusing a bad amount under the field), and shows the new week and chart', async () => {
    const local = await buildLocal();
    await local.api('/local/api/command', { as: 'U0ADA', channel: 'C0LATE', text: '/hours log 9 yesterday' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 980 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(local.url.replace('127.0.0.1', 'localhost'));
    await page.locator('.person', { hasText: 'Ada' }).click();
    await page.locator('#open-dm').click();
    await page.locator('.home-tab', { hasText: 'Home' }).click();

    const home = page.locator('#home');
    await expect.poll(() => home.locator('.header-block').first().textContent(), { timeout: 10_000 }).toBe('Your week');
    expect(await page.locator('#messages').isHidden()).toBe(true);
    expect(await home.textContent()).toContain('*This week*'.replace(/\*/g, ''));

    const chart = home.locator('img.home-image');
    await chart.waitFor();
    const before = await chart.getAttribute('src');
    expect(await chart.getAttribute('alt')).toMatch(/9/);
    await home.getByRole('button', { name: 'Log hours' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log hours' });
    await dialog.waitFor();
    const [hours, , note] = await dialog.locator('.modal-input').all();
    await hours?.fill('-2');
    await dialog.getByRole('button', { name: 'Log' }).click();
    const error = dialog.locator('.modal-error').first();
    await expect.poll(() => error.textContent()).toContain('7.5');
    await hours?.fill('1.5');
    await note?.fill('eval harness');
    await dialog.getByRole('button', { name: 'Log' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The republish comes 2 s after the change, as it does in Slack.
    await expect.poll(() => home.locator('.fields').first().textContent(), { timeout: 10_000 }).toContain('10h30m');
    expect(await home.textContent()).toContain('eval harness');
    // The chart is a new picture: the week changed, so it was drawn and uploaded again.
    await expect.poll(() => chart.getAttribute('src')).not.toBe(before);
    expect(
      await chart.evaluate((img) => {
        const picture = img as unknown as { complete: boolean; naturalWidth: number };
        return picture.complete && picture.naturalWidth > 0;
      }),
    ).toBe(true);
    mkdirSync(dirname(ARTIFACT), { recursive: true });
    await page.screenshot({ path: ARTIFACT });
    if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(ARTIFACT, DOCS_SCREENSHOT);

    // Chen's Slack speaks Chinese: his Home does too, and Ada's entry is nowhere on it.
    await page.locator('.person', { hasText: 'Chen' }).click();
    await expect
      .poll(() => home.locator('.header-block').first().textContent(), { timeout: 10_000 })
      .toBe('你的这一周');
    expect(await home.textContent()).not.toContain('eval harness');
    await page.screenshot({ path: projectPath('test', 'artifacts', 'home-zh.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
