/**
 * `target` with an enumerable `key` computed on first read and kept: for results whose diagnostic
 * parts (per-node reasons of a large cluster) are costly to build and seldom read.
 */
export function withLazyProperty<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & { readonly [P in K]: V } {
  // Dropped once used, with whatever it holds: the value is all that is kept.
  let pending: (() => V) | null = compute;
  let value: V | undefined;
  return Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      if (pending !== null) {
        value = pending();
        pending = null;
      }
      return value;
    },
  }) as T & { readonly [P in K]: V };
}
