import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/features/index.js';
import { projectPath } from '../../src/paths.js';
import { onButton, onCommand } from '../../src/slack/listen.js';
import { buildLocal } from '../helpers/local.js';
import { freePort } from '../helpers/spawn.js';
import { launchChromium } from './chromium.js';

const ARTIFACT = projectPath('test', 'artifacts', 'local-workspace.png');
const DOCS_SCREENSHOT = projectPath('docs', 'local-workspace.png');
const LANGUAGES_ARTIFACT = projectPath('test', 'artifacts', 'local-workspace-languages.png');
const LANGUAGES_SCREENSHOT = projectPath('docs', 'languages.png');

/** Two screenshots of the same size, left and right, as one PNG. */
function sideBySide(shots: Buffer[]): Buffer {
  const images = shots.map((shot) => PNG.sync.read(shot));
  const height = Math.max(...images.map((image) => image.height));
  const out = new PNG({ width: images.reduce((sum, image) => sum + image.width, 0), height });
  let left = 0;
  for (const image of images) {
    PNG.bitblt(image, out, 0, 0, image.width, image.height, left, 0);
    left += image.width;
  }
  return PNG.sync.write(out);
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
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
    // Ben's personal nudge is off: the control says so instead of sending one.
    await page.locator('#nudge-now').click();
    await messages(page).filter({ hasText: 'Your personal nudge is off, so nothing would be sent tonight' }).waitFor();
    expect(local.jobCalls.map((call) => call.job)).not.toContain('nudgePersonNow');
    await local.store.nudges.savePerson({
      teamId: 'T0LIGHTS',
      userId: 'U0BEN',
      enabled: true,
      time: '23:00',
      weekends: true,
      resumeOn: null,
      offReason: null,
      updatedAt: new Date().toISOString(),
    });
    await page.locator('#nudge-now').click();
    await expect.poll(() => local.jobCalls.at(-1)).toEqual({ job: 'nudgePersonNow', teamId: 'T0LIGHTS', id: 'U0BEN' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a file sent to the DM with its name and size, and a download link that serves it', async () => {
    const local = await buildLocal({ features: [fileProbe] });
    const { page, errors } = await openPage(local.url.replace('127.0.0.1', 'localhost'), 'Chen');
    await type(page, '/hours export');
    await page.locator('#open-dm').click();
    const file = page.locator('#messages .file');
    await file.waitFor();
    expect(await file.locator('.file-name').textContent()).toBe('lights-out-hours-2026-12-01.csv');
    expect(await file.locator('.file-size').textContent()).toBe(
      `${(EXPORT.length / 1000).toFixed(1)} KB · Lights Out hours`,
    );
    expect(
      await messages(page)
        .filter({ has: page.locator('.file') })
        .locator('.content')
        .textContent(),
    ).toContain('Your hours export');
    const href = String(await file.locator('a.file-download').getAttribute('href'));
    const downloaded = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    }, href);
    expect(downloaded).toEqual({ status: 200, type: 'text/csv; charset=utf-8', body: EXPORT });
    // Only the person it was sent to can fetch it.
    const asBen = await page.evaluate(async (url) => (await fetch(url)).status, href.replace('U0CHEN', 'U0BEN'));
    expect(asBen).toBe(404);
    // The browser logs that refused fetch; nothing else may go wrong.
    expect(errors.filter((error) => !error.includes('status of 404'))).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized window: header, nudge control and composer in view, nothing wraps or scrolls sideways', async () => {
    const local = await buildLocal({ features: [richProbe] });
    for (const [width, height] of [
      [390, 844],
      [800, 700],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(local.url.replace('127.0.0.1', 'localhost'));
      await page.locator('.person[aria-pressed="true"]').waitFor();
      await type(page, '/hours log 14');
      await messages(page).filter({ hasText: 'Logged 14 h' }).last().waitFor();
      const inView = async (selector: string) => {
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).not.toBeNull();
        return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
      };
      for (const selector of ['#title', '#nudge-now', '#input', '#send', '#open-dm', '.person[aria-pressed="true"]']) {
        expect(await inView(selector), `${selector} at ${width}px`).toBe(true);
      }
      // "#late-night" and the button label stay on one line each.
      for (const selector of ['#title', '#nudge-now']) {
        const lines = await page.evaluate<number>(
          // Text lines are the distinct tops of the text's client rects.
          `(() => { const range = document.createRange(); range.selectNodeContents(document.querySelector(${JSON.stringify(selector)}));` +
            ' return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size; })()',
        );
        expect(lines, `${selector} at ${width}px`).toBeLessThanOrEqual(1);
      }
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      if (width === 390) await page.screenshot({ path: projectPath('test', 'artifacts', 'local-workspace-phone.png') });
      await page.close();
    }
  });

  it('draws Latin text with a Latin face: every Latin font comes before the first CJK one', async () => {
    const local = await buildLocal({ features: [] });
    const { page } = await openPage(local.url.replace('127.0.0.1', 'localhost'));
    const families = (await page.evaluate<string>('getComputedStyle(document.body).fontFamily'))
      .split(',')
      .map((family) => family.trim().replace(/^"|"$/g, ''));
    const cjk = families.findIndex((family) => /CJK|Han|PingFang|Hiragino|YaHei|WenQuanYi/.test(family));
    const lastLatin = Math.max(
      ...['Noto Sans', 'Arial', 'DejaVu Sans', 'Liberation Sans'].map((f) => families.indexOf(f)),
    );
    expect(cjk).toBeGreaterThan(lastLatin);
    expect(families.at(-1)).toBe('sans-serif');
    await page.close();
  });
});

const EXPORT = `date,hours,note\n${Array.from({ length: 300 }, (_, i) => `"2026-11-${String((i % 28) + 1).padStart(2, '0')}","8","entry ${i}"`).join('\n')}\n`;

/** Sends an export to the person's DM the way the hours feature does: files.uploadV2 into the DM channel. */
const fileProbe: Feature = (app, { logger }) => {
  onCommand(app, logger, '/hours', async ({ command, client }, ack) => {
    await ack({ response_type: 'ephemeral', text: 'Sent your export to our DM.' });
    const opened = await client.conversations.open({ users: command.user_id });
    await client.files.uploadV2({
      channel_id: String(opened.channel?.id),
      file: Buffer.from(EXPORT, 'utf8'),
      filename: 'lights-out-hours-2026-12-01.csv',
      title: 'Lights Out hours',
      initial_comment: 'Your hours export: 300 entries.',
    });
  });
};

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

  it('answers Chen in Chinese and Ada in English, side by side in one screenshot', async () => {
    const chen = await openPage(url, 'Chen');
    await type(chen.page, '/hours log 8小时 昨天');
    const chinese = messages(chen.page)
      .filter({ hasText: '已为' })
      .filter({ has: chen.page.locator('.only-you') });
    await chinese.first().waitFor();
    expect(await chinese.first().textContent()).toMatch(/记下\s*8小时/);
    expect(await chinese.first().textContent()).not.toMatch(/Logged|Day:|week/);
    const ada = await openPage(url, 'Ada');
    await type(ada.page, '/hours log 8 yesterday');
    // Ada logged 14 h earlier in this suite: this answer is the one for 8 h.
    const english = messages(ada.page)
      .filter({ hasText: /Logged\s*8\s?h/ })
      .filter({ has: ada.page.locator('.only-you') });
    await english.first().waitFor();
    expect(await english.first().textContent()).toMatch(/\b8\s?h\b/);
    expect(await english.first().textContent()).not.toMatch(/\p{Script=Han}/u);
    // Each person sees only their own answer, in their own language.
    expect(await messages(ada.page).filter({ hasText: '已为' }).count()).toBe(0);
    const shots = [await chen.page.screenshot(), await ada.page.screenshot()];
    mkdirSync(dirname(LANGUAGES_ARTIFACT), { recursive: true });
    writeFileSync(LANGUAGES_ARTIFACT, sideBySide(shots));
    if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(LANGUAGES_ARTIFACT, LANGUAGES_SCREENSHOT);
    expect(chen.errors).toEqual([]);
    expect(ada.errors).toEqual([]);
    await chen.page.close();
    await ada.page.close();
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
    // Tonight's nudge as the schedule will send it: its time (NUDGE_SCHEDULE's 22:00 in NUDGE_TZ), then the line.
    expect(await nudge.locator('.content').textContent()).toMatch(/^🌙 22:00 in America\/Los_Angeles\. /);
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
    // Chen's zone comes from the stand-in's users.info, as it would from Slack, and so does his Chinese.
    expect(await fromBot().first().locator('.content').textContent()).toMatch(/现在是 Asia\/Shanghai 时间 23:00/);
    // Tonight's line from the article in its original Chinese, and where it comes from.
    expect(await fromBot().first().locator('blockquote').count()).toBe(1);
    expect(await fromBot().first().locator('.content').textContent()).toContain('原文摘自');

    await page.locator('.person', { hasText: 'Ben' }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain('Ben');
    await expect.poll(() => page.locator('#messages .empty').count()).toBe(1);
    expect(await messages(page).count()).toBe(0);
    // Ben never turned his on: the button says why nothing would be sent, and sends nothing.
    await page.locator('#nudge-now').click();
    const why = messages(page).filter({ hasText: 'Your personal nudge is off, so nothing would be sent tonight' });
    await why.waitFor();
    expect(await why.getAttribute('class')).toContain('ephemeral');
    expect(await messages(page).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("does not show one person's private answers to another", async () => {
    const { page, errors } = await openPage(url, 'Chen');
    // Two days back, so the answer never depends on how much of today has passed in Shanghai.
    await type(page, '/hours log 9 前天 shipped the eval');
    await type(page, '/quote sewak');
    await messages(page).filter({ hasText: CHEN_HOURS_9 }).first().waitFor();
    await messages(page).filter({ hasText: 'Sewak' }).first().waitFor();

    await page.locator('.person', { hasText: 'Ben' }).click();
    await expect.poll(() => page.locator('.person[aria-pressed="true"]').textContent()).toContain('Ben');
    await messages(page).filter({ hasText: 'Sewak' }).first().waitFor();
    // Neither Chen's answer nor Ada's from the first test.
    expect(await messages(page).filter({ hasText: CHEN_HOURS_9 }).count()).toBe(0);
    expect(await messages(page).filter({ hasText: HOURS_14 }).count()).toBe(0);
    expect(await page.locator('.only-you').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** The /hours confirmation's figure, however it is phrased ("14 h", "14.0 h", "14h"). */
const HOURS_14 = /\b14(\.0)?\s?h\b/;
/** Chen's Slack is Chinese: his confirmation reads "已为 … 记下 9小时". */
const CHEN_HOURS_9 = /记下\s*9小时/;

async function waitForLine(read: () => string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no URL line from npm start: ${read()}`);
}
