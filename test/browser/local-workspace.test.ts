import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/features/index.js';
import { projectPath } from '../../src/paths.js';
import { onButton, onCommand } from '../../src/slack/listen.js';
import { buildLocal } from '../helpers/local.js';
import { freePort } from '../helpers/spawn.js';

const ARTIFACT = projectPath('test', 'artifacts', 'local-workspace.png');
const DOCS_SCREENSHOT = projectPath('docs', 'local-workspace.png');

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function openPage(url: string, as?: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(url);
  await page.locator('.person[aria-pressed="true"]').waitFor();
  if (as) {
    await page.locator('.person', { hasText: as }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain(as);
  }
  return { page, errors };
}

async function type(page: Page, text: string): Promise<void> {
  const input = page.locator('#input');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => input.inputValue(), { timeout: 5000 }).toBe('');
}

const messages = (page: Page) => page.locator('#messages .message');

/** Answers like a real feature would, with every kind of block the page has to draw. */
const richProbe: Feature = (app, { logger }) => {
  onCommand(app, logger, '/hours', async ({ command }, ack) => {
    if (command.text === 'tricky') {
      await ack({
        response_type: 'in_channel',
        text: 'Note from <@U0ADA>: &lt;img src=x onerror=alert(1)&gt; &lt;!channel&gt; &amp;amp; <!here>',
      });
      return;
    }
    await ack({
      response_type: 'ephemeral',
      text: 'Logged 14 h',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Your week :crescent_moon:' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Logged 14 h* for _Friday_\n> shipped the eval &lt;script&gt;' },
          accessory: {
            type: 'button',
            action_id: 'probe_undo',
            style: 'danger',
            text: { type: 'plain_text', text: 'Undo' },
            confirm: {
              title: { type: 'plain_text', text: 'Undo?' },
              text: { type: 'mrkdwn', text: 'Remove 14 h' },
              confirm: { type: 'plain_text', text: 'Undo' },
              deny: { type: 'plain_text', text: 'Keep' },
            },
          },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*This week*\n62 h' },
            { type: 'mrkdwn', text: '*Band*\ncrunch :fire:' },
          ],
        },
        { type: 'divider' },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Only you can see your hours · `/hours help`' }] },
      ],
    });
  });
  onButton(app, logger, 'probe_undo', async ({ respond }, ack) => {
    await ack();
    await respond({ replace_original: true, text: 'Removed *14 h*. Nothing else changed.' });
  });
};

describe('the local workspace page (rendering and plumbing, with a probe feature)', () => {
  it('draws Block Kit readably, runs buttons, escapes everything and keeps private answers private', async () => {
    const local = await buildLocal({ features: [richProbe] });
    const { page, errors } = await openPage(local.url.replace('127.0.0.1', 'localhost'));
    await expect.poll(() => page.locator('#title').textContent()).toBe('#late-night');

    // The hint list offers every command while a person types the command's name.
    await page.locator('#input').fill('/');
    await expect
      .poll(() => page.locator('#hints .hint-command').allTextContents())
      .toEqual(['/hours', '/quote', '/fact', '/nudge']);
    await page.locator('#input').fill('/ho');
    await page.locator('#input').press('Tab');
    expect(await page.locator('#input').inputValue()).toBe('/hours ');

    await type(page, '/hours log 14');
    const answer = messages(page).filter({ hasText: 'Logged 14 h' });
    await answer.waitFor();
    expect(await answer.getAttribute('class')).toContain('ephemeral');
    expect(await answer.locator('.only-you').textContent()).toContain('Only visible to you');
    expect(await answer.locator('.header-block').textContent()).toBe('Your week 🌙');
    expect(await answer.locator('b').first().textContent()).toBe('Logged 14 h');
    expect(await answer.locator('i').first().textContent()).toBe('Friday');
    expect(await answer.locator('blockquote').textContent()).toBe('shipped the eval <script>');
    expect(await answer.locator('.fields .field').allTextContents()).toEqual(['This week62 h', 'Bandcrunch 🔥']);
    expect(await answer.locator('hr.divider').count()).toBe(1);
    expect(await answer.locator('.context').textContent()).toBe('Only you can see your hours · /hours help');
    expect(await answer.locator('script').count()).toBe(0);

    // Text that tries to be markup or a ping stays text.
    await type(page, '/hours tricky');
    const tricky = messages(page).filter({ hasText: 'Note from' });
    await tricky.waitFor();
    expect(await tricky.locator('.content').textContent()).toBe(
      'Note from @Ada: <img src=x onerror=alert(1)> <!channel> &amp; @here',
    );
    expect(await tricky.locator('img').count()).toBe(0);
    expect(await tricky.locator('.mention.special').allTextContents()).toEqual(['@here']);
    expect(await tricky.locator('.used-command').textContent()).toBe('Ada used /hours tricky');
    await type(page, '<script>window.pwned = true</script> <!channel>');
    await messages(page).filter({ hasText: 'window.pwned' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await page.locator('#messages script').count()).toBe(0);
    mkdirSync(dirname(ARTIFACT), { recursive: true });
    await page.screenshot({ path: projectPath('test', 'artifacts', 'local-workspace-blocks.png') });

    await answer.locator('button', { hasText: 'Undo' }).click();
    await messages(page).filter({ hasText: 'Removed 14 h. Nothing else changed.' }).waitFor();
    expect(await messages(page).filter({ hasText: 'Logged 14 h' }).count()).toBe(0);

    await page.locator('#nudge-now').click();
    await expect.poll(() => local.jobCalls).toEqual([{ job: 'nudgeChannelNow', teamId: 'T0LIGHTS', id: 'C0LATE' }]);

    // Ben sees the channel's shared messages, not Ada's private ones.
    await page.locator('.person', { hasText: 'Ben' }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain('Ben');
    await messages(page).filter({ hasText: 'Note from' }).waitFor();
    expect(await messages(page).filter({ hasText: 'Removed 14 h' }).count()).toBe(0);
    expect(await page.locator('.only-you').count()).toBe(0);

    // Ben's DM view, and its own nudge control.
    await page.locator('#open-dm').click();
    await expect.poll(() => page.locator('#nudge-now').textContent()).toBe('Send my nudge now');
    await page.locator('#nudge-now').click();
    await expect.poll(() => local.jobCalls.at(-1)).toEqual({ job: 'nudgePersonNow', teamId: 'T0LIGHTS', id: 'U0BEN' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * `npm start` on a fresh machine: the built bot (dist/, compiled by the global setup as `npm start` would),
 * no Slack tokens, a fresh store. One bot for the suite, as a person would keep one running.
 */
describe('npm start with no Slack tokens (the real features)', () => {
  let bot: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'lights-out-browser-'));
    bot = spawn(process.execPath, [projectPath('dist', 'src', 'main.js')], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), DATABASE_URL: join(dataDir, 'lights-out.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    bot.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    url = await waitForLine(() => output, /open (http:\/\/localhost:\d+)/);
  });

  afterAll(() => {
    bot?.kill('SIGTERM');
  });

  it('answers /hours log 14 privately, with 14 h', async () => {
    const { page, errors } = await openPage(url, 'Ada');
    await type(page, '/hours log 14 yesterday'); // today holds only the hours passed since 05:00
    const confirmation = messages(page).filter({ hasText: HOURS_14 });
    await confirmation.first().waitFor();
    expect(await confirmation.first().getAttribute('class')).toContain('ephemeral');
    expect(await confirmation.first().locator('.only-you').textContent()).toBe('Only visible to you');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('posts /quote batson in the channel, for everyone', async () => {
    const { page, errors } = await openPage(url, 'Chen');
    await type(page, '/quote batson');
    const quote = messages(page)
      .filter({ hasText: 'Batson' })
      .filter({ hasNot: page.locator('.only-you') });
    await quote.first().waitFor();
    expect(await quote.first().getAttribute('data-author')).toBe('U0LIGHTSBOT');
    expect(await quote.first().locator('.used-command').textContent()).toBe('Chen used /quote batson');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("posts tonight's go-home nudge in the channel when the control is pressed", async () => {
    const { page, errors } = await openPage(url, 'Ada');
    const fromBot = () => messages(page).filter({ hasNot: page.locator('.only-you, .used-command') });
    const before = await fromBot().count();
    await page.locator('#nudge-now').click();
    await expect.poll(() => fromBot().count(), { timeout: 10_000 }).toBeGreaterThan(before);
    const nudge = fromBot().last();
    expect(await nudge.getAttribute('data-author')).toBe('U0LIGHTSBOT');
    expect(await nudge.getAttribute('class')).not.toContain('ephemeral');
    // Tonight's time in the channel's zone (NUDGE_TZ's default), then the go-home line.
    expect(await nudge.locator('.content').textContent()).toMatch(/\d\d:\d\d in America\/Los_Angeles/);
    // Ada's view now has her private hours, Chen's quote and the nudge: the README's picture.
    mkdirSync(dirname(ARTIFACT), { recursive: true });
    await page.screenshot({ path: ARTIFACT });
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(dirname(DOCS_SCREENSHOT), { recursive: true });
      copyFileSync(ARTIFACT, DOCS_SCREENSHOT);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends a personal nudge to the DM view of that person only, in their own zone', async () => {
    const { page, errors } = await openPage(url, 'Chen');
    await page.locator('#open-dm').click();
    await expect.poll(() => page.locator('#title').textContent()).toBe('Lights Out');
    await type(page, '/nudge me on 23:00');
    await messages(page)
      .filter({ has: page.locator('.only-you') })
      .first()
      .waitFor();
    const fromBot = () => messages(page).filter({ hasNot: page.locator('.only-you') });
    expect(await fromBot().count()).toBe(0);
    await page.locator('#nudge-now').click();
    await fromBot().first().waitFor({ timeout: 10_000 });
    expect(await fromBot().first().getAttribute('data-author')).toBe('U0LIGHTSBOT');
    // Chen's zone comes from the stand-in's users.info, as it would from Slack.
    expect(await fromBot().first().locator('.content').textContent()).toMatch(/\d\d:\d\d in Asia\/Shanghai/);

    await page.locator('.person', { hasText: 'Ben' }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain('Ben');
    await expect.poll(() => page.locator('#messages .empty').count()).toBe(1);
    expect(await messages(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("does not show one person's private answers to another", async () => {
    const { page, errors } = await openPage(url, 'Chen');
    await type(page, '/hours log 9 shipped the eval');
    await type(page, '/quote sewak');
    await messages(page).filter({ hasText: HOURS_9 }).first().waitFor();
    await messages(page).filter({ hasText: 'Sewak' }).first().waitFor();

    await page.locator('.person', { hasText: 'Ben' }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain('Ben');
    await messages(page).filter({ hasText: 'Sewak' }).first().waitFor();
    // Neither Chen's answer nor Ada's from the first test.
    expect(await messages(page).filter({ hasText: HOURS_9 }).count()).toBe(0);
    expect(await messages(page).filter({ hasText: HOURS_14 }).count()).toBe(0);
    expect(await page.locator('.only-you').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The /hours confirmation's figure, however it is phrased ("14 h", "14.0 h", "14h"). */
const HOURS_14 = /\b14(\.0)?\s?h\b/;
const HOURS_9 = /\b9(\.0)?\s?h\b/;

async function waitForLine(read: () => string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL line from npm start: ${read()}`);
}
