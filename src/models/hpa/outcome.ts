/** A value or the upstream error text that replaced it (Go's `(value, err)` pair). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Successful {@link Outcome}. */
export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** Failed {@link Outcome} carrying upstream's error message. */
export function fail<T>(error: string): Outcome<T> {
  return { ok: false, error };
}
