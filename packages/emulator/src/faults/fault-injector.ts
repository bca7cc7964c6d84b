import { type Fault, type RandomFaults, validateFault } from "./fault.js";
import { seededRandom } from "./seeded-random.js";

/** The route every request matches. */
export const anyRoute = "*";

interface RandomSource {
  rate: number;
  faults: readonly Fault[];
  next: () => number;
}

/**
 * Faults per route: a queue consumed one per matching request, then seeded random faults. A
 * route's own queue goes before the "*" queue, and queues before random faults.
 */
export class FaultInjector {
  readonly #queues = new Map<string, Fault[]>();
  readonly #random = new Map<string, RandomSource>();

  inject(route: string, faults: readonly Fault[]): void {
    for (const fault of faults) validateFault(route, fault);
    const queue = this.#queues.get(route) ?? [];
    queue.push(...faults.map((fault) => ({ ...fault })));
    this.#queues.set(route, queue);
  }

  injectRandom(route: string, spec: RandomFaults): void {
    if (!(spec.rate >= 0 && spec.rate <= 1))
      throw new RangeError(`random faults for ${route}: rate must be in [0, 1]`);
    if (spec.faults.length === 0) throw new TypeError(`random faults for ${route}: give at least one fault`);
    for (const fault of spec.faults) validateFault(route, fault);
    this.#random.set(route, { rate: spec.rate, faults: [...spec.faults], next: seededRandom(spec.seed) });
  }

  /** Removes queued and random faults of one route, or of every route. */
  clear(route?: string): void {
    if (route === undefined) {
      this.#queues.clear();
      this.#random.clear();
      return;
    }
    this.#queues.delete(route);
    this.#random.delete(route);
  }

  /** How many queued faults are still waiting for this route. */
  pending(route: string): number {
    return this.#queues.get(route)?.length ?? 0;
  }

  take(route: string): Fault | undefined {
    for (const key of [route, anyRoute]) {
      const fault = this.#queues.get(key)?.shift();
      if (fault) return fault;
    }
    for (const key of [route, anyRoute]) {
      const source = this.#random.get(key);
      if (!source) continue;
      if (source.next() < source.rate) {
        return source.faults[Math.floor(source.next() * source.faults.length)];
      }
    }
    return undefined;
  }
}
