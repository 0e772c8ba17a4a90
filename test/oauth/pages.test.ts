import { describe, expect, it } from 'vitest';
import { addToSlackPage, installedPage, installFailedPage, pageLocale } from '../../src/oauth/pages.js';
import { expectNoChinese, expectNoEnglish } from '../helpers/languages.js';
import { buildOAuth } from './harness.js';

/** The install pages in the browser's language. */

const FAILURES = [
  ['slack_oauth_installer_authorization_error', 200],
  ['slack_oauth_invalid_state', 400],
  ['slack_oauth_missing_state', 400],
  ['slack_oauth_generate_url_error', 500],
] as const;

/** What a reader sees: the title and the body's text, tags and entities taken out. */
function visibleText(html: string): string {
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return `${title} ${body}`
    .replace(/<code>[^<]*<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#\d+;/g, ' ');
}

const everyPage = (locale: 'en' | 'zh') => [
  addToSlackPage('/slack/install', locale),
  installedPage('Alpha Lab', locale),
  installedPage(undefined, locale),
  ...FAILURES.map(([code]) => installFailedPage(code, '/slack/install', locale)),
];

describe('pageLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['zh-TW', 'zh'],
    ['ZH', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,zh;q=0.5', 'zh'],
    ['fr-FR,de;q=0.5', 'en'],
    ['en;q=0.5, zh;q=0.8', 'zh'],
    ['zh;q=0, en', 'en'],
    ['*', 'en'],
    [['de', 'zh-CN;q=0.7'], 'zh'],
    ['zh;q=banana, en;q=0.4', 'en'],
  ] as const)('%j → %s', (header, expected) => {
    expect(pageLocale(header as string | string[] | undefined)).toBe(expected);
  });
});

describe('the install pages', () => {
  it.each(['en', 'zh'] as const)('%s: every page sets <html lang> and speaks only that language', (locale) => {
    for (const page of everyPage(locale)) {
      expect(page.html).toContain(`<html lang="${locale === 'zh' ? 'zh-CN' : 'en-US'}">`);
      expect(page.language).toBe(locale === 'zh' ? 'zh-CN' : 'en-US');
      const text = visibleText(page.html);
      if (locale === 'en') expectNoChinese(text);
      else expectNoEnglish(text, ['Alpha Lab']);
    }
  });

  it('says what happened, with the same status codes in both languages', () => {
    for (const [code, status] of FAILURES) {
      expect(installFailedPage(code, '/slack/install', 'en').status).toBe(status);
      expect(installFailedPage(code, '/slack/install', 'zh').status).toBe(status);
    }
    expect(installFailedPage(FAILURES[0][0], '/i', 'zh').html).toContain('<h1>安装已取消</h1>');
    expect(installFailedPage(FAILURES[1][0], '/i', 'zh').html).toContain('<h1>这个安装链接已失效</h1>');
    expect(installFailedPage(FAILURES[1][0], '/i', 'en').html).toContain('<h1>This install link has expired</h1>');
    expect(addToSlackPage('/slack/install', 'zh').html).toMatch(
      /<a class="button" id="add-to-slack" href="\/slack\/install">添加到 Slack<\/a>/,
    );
    expect(installedPage('Alpha Lab', 'zh').html).toContain('<code>/hours log 8</code>');
  });

  it('escapes everything: a workspace name, including backticks, stays text', () => {
    for (const locale of ['en', 'zh'] as const) {
      const html = installedPage('<script>alert("x")</script> & `rm`', locale).html;
      expect(html).not.toContain('<script>');
      expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; `rm`');
      expect(html).not.toContain('<code>rm</code>');
      expect(installFailedPage('x', '/a"><script>', locale).html).not.toContain('"><script>');
    }
  });
});

describe('the install flow in the browser’s language (fake Slack)', () => {
  it('serves the landing page and the finished install in Chinese to a Chinese browser', async () => {
    const app = await buildOAuth();
    app.oauth.addWorkspace({ teamId: 'T0AAA', name: 'Alpha Lab' });
    const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
    const landing = await fetch(`${app.url}/`, { headers: zh });
    expect(landing.headers.get('content-language')).toBe('zh-CN');
    expect(landing.headers.get('vary')).toMatch(/accept-language/i);
    expect(await landing.text()).toContain('<h1>把 Lights Out 添加到 Slack</h1>');
    expect(await (await fetch(`${app.url}/`)).text()).toContain('<h1>Add Lights Out to Slack</h1>');

    const { authorizeUrl, cookie } = await app.startInstall();
    const done = await fetch(app.oauth.approve(authorizeUrl, 'T0AAA'), {
      headers: { cookie, ...zh },
      redirect: 'manual',
    });
    expect(done.status).toBe(200);
    const html = await done.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('Lights Out 已经可以在 Alpha Lab 里用了。');
  });

  it('tells a Chinese browser in Chinese that the install was cancelled', async () => {
    const app = await buildOAuth();
    const { authorizeUrl, cookie } = await app.startInstall();
    const page = await fetch(app.oauth.cancel(authorizeUrl), {
      headers: { cookie, 'accept-language': 'zh' },
      redirect: 'manual',
    });
    expect(await page.text()).toContain('<h1>安装已取消</h1>');
    expect(await app.store.installations.list()).toEqual([]);
  });
});
