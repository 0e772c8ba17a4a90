/**
 * A random item whose id is not in `recentIds`; when every item is recent, the least recently shown one.
 *
 * `recentIds` is in the order things were shown, oldest first, newest last (an id may repeat; its last
 * position counts). `random` returns a number in [0, 1), like Math.random. Returns undefined for no items.
 */
export function pickFresh<T extends { readonly id: string }>(
  items: readonly T[],
  recentIds: readonly string[],
  random: () => number,
): T | undefined {
  if (items.length === 0) return undefined;
  const lastShown = new Map<string, number>();
  recentIds.forEach((id, position) => {
    lastShown.set(id, position);
  });
  const fresh = items.filter((item) => !lastShown.has(item.id));
  if (fresh.length > 0) {
    // Clamp so a random() that returns 1, a negative or NaN (a bad stub) still picks a real item.
    const r = random();
    const index = Number.isFinite(r) ? Math.min(fresh.length - 1, Math.max(0, Math.floor(r * fresh.length))) : 0;
    return fresh[index];
  }
  // All recent: the smallest last position is the one shown longest ago; ties cannot happen (ids unique).
  let oldest = items[0] as T;
  for (const item of items) {
    if ((lastShown.get(item.id) ?? -1) < (lastShown.get(oldest.id) ?? -1)) oldest = item;
  }
  return oldest;
}
