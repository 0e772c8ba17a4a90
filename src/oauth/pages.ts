/** The browser pages of the install flow: pure, the only place with their wording. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Lights Out</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1b2f}
a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:6px;background:#4a154b;color:#fff;text-decoration:none}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export type PageAnswer = { status: number; html: string };

/** The landing page: one button that starts the install (the direct install URL, which sets the state cookie). */
export function addToSlackPage(installPath: string): PageAnswer {
  return {
    status: 200,
    html: page(
      'Add Lights Out to Slack',
      `<p>Quotes from the 100-hour-week story, a private hours ledger and a nightly nudge to go home.</p>
<p><a class="button" id="add-to-slack" href="${escapeHtml(installPath)}">Add to Slack</a></p>`,
    ),
  };
}

export function installedPage(teamName: string | undefined): PageAnswer {
  const where = teamName ? ` in ${escapeHtml(teamName)}` : '';
  return {
    status: 200,
    html: page(
      'Lights Out is installed',
      `<p>Lights Out is ready${where}. Open Slack and try <code>/hours log 8</code>, <code>/quote</code> or
<code>/nudge here 22:00</code> in your late-night channel (invite the bot there first).</p>`,
    ),
  };
}

/** Why an install did not complete, from @slack/oauth's error code. */
export function installFailedPage(code: string, installPath: string): PageAnswer {
  const again = `<p><a class="button" href="${escapeHtml(installPath)}">Start again</a></p>`;
  if (code === 'slack_oauth_installer_authorization_error') {
    return {
      status: 200,
      html: page('Install cancelled', `<p>Nothing was installed and nothing was stored.</p>${again}`),
    };
  }
  if (code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state') {
    return {
      status: 400,
      html: page(
        'This install link has expired',
        `<p>The link was already used, is older than ten minutes, or was opened in another browser. Nothing was
installed. Start the install again from this browser.</p>${again}`,
      ),
    };
  }
  return {
    status: 500,
    html: page('The install did not complete', `<p>Slack did not confirm the install. Nothing was stored.</p>${again}`),
  };
}
