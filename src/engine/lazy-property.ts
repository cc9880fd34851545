/**
 * `target` with an enumerable `key` computed on first read and kept: for results whose diagnostic
 * parts (per-node reasons of a large cluster) are costly to build and seldom read.
 */
export function withLazyProperty<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & { readonly [P in K]: V } {
  let done = false;
  let value: V | undefined;
  return Object.defineProperty(target, key, {
    enumerable: true,
    get: () => {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  }) as T & { readonly [P in K]: V };
}
