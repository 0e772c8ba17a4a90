import { expect } from 'vitest';

const decode = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/**
 * What the page's "Add to another workspace" does in a browser: /slack/install (Bolt sets its state cookie and
 * sends the browser to the stand-in's consent screen), "Allow in <workspace>", then /slack/oauth_redirect.
 * Returns where the redirect finally sends the browser.
 */
export async function addWorkspace(url: string, teamId: string, fakeBase?: string): Promise<string> {
  const start = await fetch(`${url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consentUrl = start.headers.get('location') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (fakeBase) expect(consentUrl.startsWith(fakeBase)).toBe(true);
  const consent = await (await fetch(consentUrl)).text();
  const allow = new RegExp(`<a class="allow" data-team="${teamId}" href="([^"]+)"`).exec(consent)?.[1];
  expect(allow, consent).toBeDefined();
  const chosen = await fetch(new URL(decode(allow as string), consentUrl), { redirect: 'manual' });
  const redirect = new URL(chosen.headers.get('location') ?? '');
  // The browser comes back to localhost, the address npm start prints, where the state cookie was set.
  expect(redirect.host).toBe(`localhost:${new URL(url).port}`);
  expect(redirect.pathname).toBe('/slack/oauth_redirect');
  redirect.hostname = '127.0.0.1';
  const back = await fetch(redirect, { headers: { cookie }, redirect: 'manual' });
  await back.text();
  expect(back.status).toBe(302);
  return back.headers.get('location') ?? '';
}
