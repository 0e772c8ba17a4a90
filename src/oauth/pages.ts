import type { MessageKey } from '../i18n/catalogue.js';
import type { Locale } from '../i18n/locale.js';
import { type Translator, translator } from '../i18n/translator.js';

/**
 * The browser pages of the install flow: pure, their wording from the `install` catalogue namespace, in the
 * language the browser asks for.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A catalogue sentence as HTML: everything escaped, `code` spans shown as code. Values go in after that, so a
 * backtick in a workspace's name stays a backtick.
 */
function prose(t: Translator, key: MessageKey, values: Record<string, string> = {}): string {
  const slot = (name: string) => `\u0001${name}\u0001`;
  const names = Object.keys(values);
  const html = escapeHtml(t.t(key, Object.fromEntries(names.map((name) => [name, slot(name)])))).replace(
    /`([^`]+)`/g,
    '<code>$1</code>',
  );
  return names.reduce((text, name) => text.split(slot(name)).join(escapeHtml(values[name] ?? '')), html);
}

/**
 * The browser's language from Accept-Language: the most preferred of Chinese and English (`zh-CN`, `zh-TW`,
 * `zh` are Chinese); anything else, or no header, is English.
 */
export function pageLocale(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*(.*?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      // A malformed weight (`q=banana`) counts as not wanted.
      return { primary: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter(({ primary, weight }) => (primary === 'zh' || primary === 'en') && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.primary === 'zh' ? 'zh' : 'en';
}

function page(t: Translator, titleKey: MessageKey, body: string): string {
  const title = escapeHtml(t.t(titleKey));
  return `<!doctype html>
<html lang="${escapeHtml(t.tag)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.t('install.title', { page: t.t(titleKey) }))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1b2f}
a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:6px;background:#4a154b;color:#fff;text-decoration:none}</style>
</head><body><h1>${title}</h1>${body}</body></html>`;
}

/** `language` is the page's BCP 47 tag, for the Content-Language header. */
export type PageAnswer = { status: number; html: string; language: string };

function answer(status: number, t: Translator, titleKey: MessageKey, body: string): PageAnswer {
  return { status, html: page(t, titleKey, body), language: t.tag };
}

/** The landing page: one button that starts the install (the direct install URL, which sets the state cookie). */
export function addToSlackPage(installPath: string, locale: Locale = 'en'): PageAnswer {
  const t = translator(locale);
  return answer(
    200,
    t,
    'install.add.title',
    `<p>${prose(t, 'install.add.intro')}</p>
<p><a class="button" id="add-to-slack" href="${escapeHtml(installPath)}">${prose(t, 'install.add.button')}</a></p>`,
  );
}

export function installedPage(teamName: string | undefined, locale: Locale = 'en'): PageAnswer {
  const t = translator(locale);
  const ready = teamName
    ? prose(t, 'install.installed.readyIn', { team: teamName })
    : prose(t, 'install.installed.ready');
  return answer(200, t, 'install.installed.title', `<p>${ready}</p><p>${prose(t, 'install.installed.next')}</p>`);
}

/** Why an install did not complete, from @slack/oauth's error code. */
export function installFailedPage(code: string, installPath: string, locale: Locale = 'en'): PageAnswer {
  const t = translator(locale);
  const again = `<p><a class="button" href="${escapeHtml(installPath)}">${prose(t, 'install.again')}</a></p>`;
  if (code === 'slack_oauth_installer_authorization_error') {
    return answer(200, t, 'install.cancelled.title', `<p>${prose(t, 'install.cancelled.body')}</p>${again}`);
  }
  if (code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state') {
    return answer(400, t, 'install.expired.title', `<p>${prose(t, 'install.expired.body')}</p>${again}`);
  }
  return answer(500, t, 'install.failed.title', `<p>${prose(t, 'install.failed.body')}</p>${again}`);
}
