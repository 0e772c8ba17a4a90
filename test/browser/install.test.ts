import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { buildLocal, type LocalHarness } from '../helpers/local.js';
import { rowsOfTeam, total } from '../oauth/rows.js';
import { dialects } from '../store/contract/kit.js';
import { launchChromium } from './chromium.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const pressed = (page: Page, what: string) => page.locator(`${what}[aria-pressed="true"]`).textContent();
const people = (page: Page) =>
  page.locator('#people .person .label').evaluateAll((labels) => labels.map((l) => l.firstChild?.textContent));
const workspaceNames = (page: Page) => page.locator('#workspaces .workspace .label').allTextContents();

async function type(page: Page, text: string): Promise<void> {
  const input = page.locator('#input');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => input.inputValue(), { timeout: 5000 }).toBe('');
}

describe('"Add to another workspace" on the local page (the real features, the real install flow)', () => {
  it('installs Night Shift through the consent screen, runs a command there, and uninstalls it', async () => {
    const sqlite = dialects[0];
    if (!sqlite) throw new Error('no SQLite test database');
    const database = await sqlite.create();
    const local = (await buildLocal({ database })) as LocalHarness;
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(local.url.replace('127.0.0.1', 'localhost'));
    await expect.poll(() => workspaceNames(page)).toEqual(['Lights Out']);
    expect(await page.locator('#uninstall-workspace').count()).toBe(0);

    // /slack/install (Bolt), then the stand-in's consent screen.
    await page.locator('#add-workspace').click();
    await page.waitForURL(/\/oauth\/v2\/authorize\?/);
    expect(await page.locator('h1').textContent()).toBe('Lights Out is requesting permission');
    expect(await page.locator('code').textContent()).toBe('commands,chat:write,users:read,im:write,files:write');
    await page.locator('a.allow', { hasText: 'Allow in Night Shift' }).click();

    // /slack/oauth_redirect brings the browser back, into the new workspace and its own people.
    await page.waitForURL((url) => url.pathname === '/' && url.port === new URL(local.url).port);
    await expect.poll(() => workspaceNames(page)).toEqual(['Lights Out', 'Night Shift']);
    await expect.poll(() => pressed(page, '.workspace')).toContain('Night Shift');
    await expect.poll(() => people(page)).toEqual(['Dana', 'Eli', 'Farah']);
    expect(await page.locator('#title').textContent()).toBe('#after-hours');
    expect(await page.locator('.workspace-name').textContent()).toContain('Night Shift');
    expect(new URL(page.url()).search).toBe('');

    await page.locator('.person', { hasText: 'Eli' }).click();
    await expect.poll(() => pressed(page, '.person')).toContain('Eli');
    await type(page, '/hours log 6 yesterday');
    const answer = page.locator('#messages .message.ephemeral').filter({ hasText: /\b6(\.0)?\s?h\b/ });
    await answer.first().waitFor();
    expect(await local.store.hours.countEntries({ teamId: 'T0NIGHT', userId: 'U0ELI' })).toBe(1);
    mkdirSync(projectPath('test', 'artifacts'), { recursive: true });
    await page.screenshot({ path: projectPath('test', 'artifacts', 'local-workspace-second.png') });

    // Back in the built-in workspace: its own people, and nothing of Night Shift's conversation.
    await page.locator('.workspace', { hasText: 'Lights Out' }).click();
    await expect.poll(() => people(page)).toEqual(['Ada', 'Ben', 'Chen']);
    expect(await page.locator('#title').textContent()).toBe('#late-night');
    expect(await page.locator('#uninstall-workspace').count()).toBe(0);
    // And back again: the person last used there.
    await page.locator('.workspace', { hasText: 'Night Shift' }).click();
    await expect.poll(() => pressed(page, '.person')).toContain('Eli');

    await page.locator('#uninstall-workspace').click();
    await expect.poll(() => workspaceNames(page)).toEqual(['Lights Out']);
    await expect.poll(() => people(page)).toEqual(['Ada', 'Ben', 'Chen']);
    await expect
      .poll(() => page.locator('#status').textContent())
      .toBe('Lights Out was uninstalled from Night Shift, and its data deleted.');
    expect(total(await rowsOfTeam(database, 'T0NIGHT'))).toBe(0);
    expect(await local.store.installations.get('T0LIGHTS')).toBeDefined();
    // The built-in workspace still answers.
    await type(page, '/hours log 2 yesterday');
    await page
      .locator('#messages .message.ephemeral')
      .filter({ hasText: /\b2(\.0)?\s?h\b/ })
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
