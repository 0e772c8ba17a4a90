import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { Store } from '../store/types.js';

/** Slack's own state cookie lasts 10 minutes; a state older than that is refused too. */
export const STATE_TTL_MS = 10 * 60 * 1000;

/** Bolt's failure callback reads `code`; these are the codes of @slack/oauth's own errors. */
class StateError extends Error {
  constructor(
    readonly code: 'slack_oauth_invalid_state',
    message: string,
  ) {
    super(message);
  }
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * Stateless across replicas (HMAC with SLACK_STATE_SECRET, like Bolt's default ClearStateStore), plus one
 * thing Bolt's default lacks: a state is redeemed once, recorded in the store, so a replayed redirect is refused.
 */
export function oneTimeStateStore(stateSecret: string, store: Store, now: () => Date): StateStore {
  const sign = (payload: string) => createHmac('sha256', stateSecret).update(payload).digest();
  return {
    // Stamped with the app's clock, the one verifyStateParam reads (Bolt passes the system clock's time).
    async generateStateParam(installOptions: InstallURLOptions): Promise<string> {
      const payload = b64(JSON.stringify({ installOptions, at: now().getTime(), nonce: b64(randomBytes(16)) }));
      return `${payload}.${b64(sign(payload))}`;
    },
    async verifyStateParam(_at: Date, state: string): Promise<InstallURLOptions> {
      const [payload = '', mac = ''] = state.split('.');
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new StateError('slack_oauth_invalid_state', 'The OAuth state was not signed by this app.');
      }
      const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        installOptions: InstallURLOptions;
        at: number;
      };
      const current = now();
      if (current.getTime() - decoded.at > STATE_TTL_MS) {
        throw new StateError('slack_oauth_invalid_state', 'The OAuth state expired.');
      }
      const hash = createHash('sha256').update(state).digest('hex');
      const pruneBefore = new Date(current.getTime() - 2 * STATE_TTL_MS).toISOString();
      if (!(await store.installations.consumeState(hash, current.toISOString(), pruneBefore))) {
        throw new StateError('slack_oauth_invalid_state', 'The OAuth state was already used.');
      }
      return decoded.installOptions;
    },
  };
}
