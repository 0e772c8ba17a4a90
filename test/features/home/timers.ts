import type { Timers } from '../../../src/features/home/publish.js';

/** Timers the test runs by hand: nothing fires on wall time. */
export class ManualTimers implements Timers {
  private next = 0;
  private readonly tasks = new Map<number, { run: () => void; ms: number }>();

  set(run: () => void, ms: number): number {
    const id = ++this.next;
    this.tasks.set(id, { run, ms });
    return id;
  }

  clear(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  get size(): number {
    return this.tasks.size;
  }

  get delays(): number[] {
    return [...this.tasks.values()].map((task) => task.ms);
  }

  /** Runs every pending timer, as if their delay had passed. */
  runAll(): void {
    const due = [...this.tasks.values()];
    this.tasks.clear();
    for (const task of due) task.run();
  }
}
