import nock from 'nock';
import { afterAll } from 'vitest';

// No test may reach the internet: only the local fakes on loopback.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterAll(() => {
  nock.cleanAll();
});
