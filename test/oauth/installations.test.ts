import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { isLightsOutError } from '../../src/errors.js';
import { open, seal } from '../../src/oauth/crypto.js';
import { Installations, installationKey } from '../../src/oauth/installations.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import { captureLogs } from '../helpers/logs.js';

const key = randomBytes(32);
let dir: string | undefined;
const stores: SqliteStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function fresh(): { store: SqliteStore; path: string } {
  dir = mkdtempSync(join(tmpdir(), 'lights-out-inst-'));
  const path = join(dir, 'store.db');
  const store = new SqliteStore(path);
  stores.push(store);
  return { store, path };
}

function installationsOf(store: SqliteStore, now = () => new Date()) {
  return new Installations({
    store,
    logger: captureLogs('silent').logger,
    now,
    encryptionKey: key,
    oauthClient: new WebClient(undefined, { slackApiUrl: 'http://127.0.0.1:9/api/' }),
    clientId: 'id',
    clientSecret: 'secret',
  });
}

const installationFor = (teamId: string, token: string): Installation => ({
  team: { id: teamId, name: `Team ${teamId}` },
  enterprise: undefined,
  user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
  bot: { id: `B${teamId}`, userId: `U${teamId}BOT`, token, scopes: ['commands', 'chat:write'] },
  isEnterpriseInstall: false,
  authVersion: 'v2',
  tokenType: 'bot',
  appId: 'A0LIGHTS',
});

describe('token sealing (AES-256-GCM)', () => {
  it('opens what it sealed, with a fresh IV each time', () => {
    const a = seal(key, 'T1', 'xoxb-secret');
    const b = seal(key, 'T1', 'xoxb-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(open(key, 'T1', a)).toBe('xoxb-secret');
  });

  it('refuses another key, another row and a changed byte', () => {
    const sealed = seal(key, 'T1', 'xoxb-secret');
    expect(() => open(randomBytes(32), 'T1', sealed)).toThrow(/TOKEN_ENCRYPTION_KEY/);
    expect(() => open(key, 'T2', sealed)).toThrow(/cannot be decrypted/);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => open(key, 'T1', `v1.${bytes.toString('base64url')}`)).toThrow(/cannot be decrypted/);
  });
});

describe('Installations in the store', () => {
  it('keeps the whole Installation, never a token in clear on disk', async () => {
    const { store, path } = fresh();
    const installations = installationsOf(store);
    const installation = installationFor('T1', 'xoxb-clear-token-T1');
    await installations.install(installation);
    expect(await installationsOf(store).fetch({ teamId: 'T1', isEnterpriseInstall: false })).toEqual(installation);
    await store.close();
    for (const file of [path, `${path}-wal`]) {
      let bytes = '';
      try {
        bytes = readFileSync(file).toString('latin1');
      } catch {}
      expect(bytes).not.toContain('xoxb-clear-token-T1');
    }
  });

  it('keys an org-wide install by enterprise id, as Bolt does', async () => {
    const { store } = fresh();
    const installations = installationsOf(store);
    const org: Installation = {
      ...installationFor('T1', 'xoxb-org'),
      team: undefined,
      enterprise: { id: 'E1', name: 'Grid' },
      isEnterpriseInstall: true,
    };
    await installations.install(org);
    expect(installationKey({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('E1');
    expect(installationKey({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: false })).toBe('T9');
    const fetched = await installations.fetch({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: true });
    expect(fetched.bot?.token).toBe('xoxb-org');
    expect(await store.installations.get('E1')).toMatchObject({
      teamId: null,
      enterpriseId: 'E1',
      isEnterpriseInstall: true,
    });
    await expect(
      installations.fetch({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: false }),
    ).rejects.toSatisfy((error) => isLightsOutError(error, 'installation_missing'));
  });

  it('a lease is held by one owner until it expires or is released', async () => {
    const { store } = fresh();
    const repo = store.installations;
    expect(await repo.tryLock('T1', 'a', '2026-01-01T00:00:30Z', '2026-01-01T00:00:00Z')).toBe(true);
    expect(await repo.tryLock('T1', 'b', '2026-01-01T00:00:40Z', '2026-01-01T00:00:10Z')).toBe(false);
    expect(await repo.tryLock('T1', 'b', '2026-01-01T00:01:10Z', '2026-01-01T00:00:31Z')).toBe(true);
    await repo.unlock('T1', 'a'); // not a's any more: stays b's
    expect(await repo.tryLock('T1', 'a', '2026-01-01T00:01:10Z', '2026-01-01T00:00:32Z')).toBe(false);
    await repo.unlock('T1', 'b');
    expect(await repo.tryLock('T1', 'a', '2026-01-01T00:01:10Z', '2026-01-01T00:00:33Z')).toBe(true);
  });

  it('an OAuth state is redeemed once', async () => {
    const { store } = fresh();
    expect(await store.installations.consumeState('h1', '2026-01-01T00:00:00Z', '2025-12-31T23:50:00Z')).toBe(true);
    expect(await store.installations.consumeState('h1', '2026-01-01T00:01:00Z', '2025-12-31T23:51:00Z')).toBe(false);
  });
});
