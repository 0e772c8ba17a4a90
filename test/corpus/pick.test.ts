import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickFresh } from '../../src/corpus/pick.js';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i}` }));
const unitRandom = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('pickFresh', () => {
  it('returns undefined for no items and the only item otherwise', () => {
    expect(pickFresh([], [], Math.random)).toBeUndefined();
    expect(pickFresh(items(1), ['q0'], Math.random)).toEqual({ id: 'q0' });
  });

  it('uses random to choose among the fresh items', () => {
    const list = items(4);
    expect(pickFresh(list, ['q1'], () => 0)?.id).toBe('q0');
    expect(pickFresh(list, ['q1'], () => 0.5)?.id).toBe('q2');
    expect(pickFresh(list, ['q1'], () => 0.999)?.id).toBe('q3');
    // A stub outside [0, 1) still yields a fresh item.
    expect(pickFresh(list, ['q1'], () => 1)?.id).toBe('q3');
    expect(pickFresh(list, ['q1'], () => Number.NaN)?.id).toBe('q0');
  });

  it('when all are recent, picks the one shown longest ago (by its last showing)', () => {
    expect(pickFresh(items(3), ['q2', 'q0', 'q1', 'q2'], () => 0)?.id).toBe('q0');
    expect(pickFresh(items(3), ['q0', 'q1', 'q2', 'q0'], () => 0)?.id).toBe('q1');
  });

  it('never returns a recent item while a fresh one exists (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.nat({ max: 40 }), { maxLength: 60 }),
        unitRandom,
        (n, recent, r) => {
          const list = items(n);
          const recentIds = recent.map((i) => `q${i}`);
          const picked = pickFresh(list, recentIds, () => r);
          expect(picked).toBeDefined();
          expect(list).toContain(picked);
          const fresh = list.filter((x) => !recentIds.includes(x.id));
          if (fresh.length > 0) {
            expect(recentIds).not.toContain(picked?.id);
          } else {
            const last = (id: string) => recentIds.lastIndexOf(id);
            expect(Math.min(...list.map((x) => last(x.id)))).toBe(last(picked?.id ?? ''));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('with a window of the last k picks (k < n), a sequence never repeats within the window (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 15 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 1, max: n - 1 }),
              fc.array(unitRandom, { minLength: 1, maxLength: 50 }),
            ),
          ),
        ([n, k, randoms]) => {
          const list = items(n);
          const shown: string[] = [];
          for (const r of randoms) {
            const picked = pickFresh(list, shown.slice(-k), () => r);
            expect(shown.slice(-k)).not.toContain(picked?.id);
            shown.push(picked?.id ?? '');
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('cycles through everything before repeating when the window holds all items (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(unitRandom, { minLength: 40, maxLength: 40 }),
        (n, randoms) => {
          const list = items(n);
          const shown: string[] = [];
          for (const r of randoms) shown.push(pickFresh(list, shown, () => r)?.id ?? '');
          // Every block of n consecutive picks is a permutation.
          for (let start = 0; start + n <= shown.length; start += n) {
            expect(new Set(shown.slice(start, start + n)).size).toBe(n);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
