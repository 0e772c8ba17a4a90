import { afterEach, describe, expect, it, vi } from 'vitest';
import setup from './postgres-setup.js';

describe('the Postgres suite setup', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('fails the run when TEST_DATABASE_URL is set but Postgres does not answer (as in CI)', async () => {
    vi.stubEnv('TEST_DATABASE_URL', 'postgres://postgres@127.0.0.1:1/test');
    vi.stubEnv('CI', 'true');
    await expect(setup()).rejects.toThrow(/TEST_DATABASE_URL is set but Postgres does not answer.*CI requires/);
  });

  it('says in one line that the suite needs TEST_DATABASE_URL when it is unset', async () => {
    vi.stubEnv('TEST_DATABASE_URL', undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await setup();
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^Postgres store suite not run: it needs TEST_DATABASE_URL/);
  });
});
