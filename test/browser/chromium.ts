import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the background traffic off: this machine's network is closed, and Chromium's
 * own update, sync and QUIC probes would otherwise fail noisily at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}
