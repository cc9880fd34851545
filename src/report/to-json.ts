/**
 * Deterministic JSON: keys in insertion order (the result builders fix it), numbers rounded to 6
 * significant digits so the file reads well and does not depend on the last bits of floating
 * point, NaN and Infinity written as null (never as invalid JSON).
 */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

function replacer(_key: string, v: unknown): unknown {
  if (typeof v !== 'number') return v;
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v)) return v;
  return Number(v.toPrecision(6));
}

/**
 * Characters handed to `write` at once: large enough that a write call costs little, small enough
 * that a run's JSON of hundreds of megabytes never exists as one string (V8 caps a string at about
 * 512 MiB, and a week of a large cluster passes that).
 */
const CHUNK_CHARS = 1 << 20;

/**
 * The text {@link toJson} returns, given to `write` in pieces as it is produced: the same bytes,
 * without ever holding the whole document. Follows JSON.stringify's rules (toJSON, undefined and
 * functions left out of objects and written null in arrays, two-space indentation).
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  streamJson(value, write, { indented: true, rounded: true });
}

/** JSON.stringify(value)'s exact text (no indentation, numbers as they are), given to `write` in pieces. */
export function writeCompactJson(value: unknown, write: (chunk: string) => void): void {
  streamJson(value, write, { indented: false, rounded: false });
}

/**
 * The one JSON walker of both: `indented` as JSON.stringify's space 2 (with the final newline of
 * {@link toJson}), `rounded` applying {@link toJson}'s replacer.
 */
function streamJson(value: unknown, write: (chunk: string) => void, style: { readonly indented: boolean; readonly rounded: boolean }): void {
  const { indented, rounded } = style;
  const open = (indent: string): string => (indented ? `\n${indent}` : '');
  let buffer = '';
  const emit = (s: string): void => {
    buffer += s;
    if (buffer.length >= CHUNK_CHARS) {
      write(buffer);
      buffer = '';
    }
  };
  const visit = (holder: unknown, key: string, raw: unknown, indent: string): boolean => {
    let v = raw;
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
    if (rounded) v = replacer.call(holder, key, v);
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return false;
    if (v === null || typeof v !== 'object') {
      emit(JSON.stringify(v));
      return true;
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean) {
      emit(JSON.stringify(v));
      return true;
    }
    const inner = indented ? `${indent}  ` : '';
    if (Array.isArray(v)) {
      if (v.length === 0) {
        emit('[]');
        return true;
      }
      emit('[');
      for (let i = 0; i < v.length; i++) {
        emit(i === 0 ? open(inner) : `,${open(inner)}`);
        if (!visit(v, String(i), v[i], inner)) emit('null');
      }
      emit(`${open(indent)}]`);
      return true;
    }
    const record = v as Record<string, unknown>;
    let first = true;
    for (const k of Object.keys(record)) {
      const child = record[k];
      // Peek without writing: a key whose value JSON leaves out is not written either.
      if (!writable(child)) continue;
      const name = `${JSON.stringify(k)}:${indented ? ' ' : ''}`;
      emit(first ? `{${open(inner)}${name}` : `,${open(inner)}${name}`);
      first = false;
      visit(record, k, child, inner);
    }
    emit(first ? '{}' : `${open(indent)}}`);
    return true;
  };
  visit({ '': value }, '', value, '');
  if (indented) emit('\n');
  if (buffer) write(buffer);
}

/** False for what JSON.stringify leaves out of an object (undefined, a function, a symbol, or a toJSON giving one). */
function writable(v: unknown): boolean {
  let x = v;
  if (x !== null && typeof x === 'object' && typeof (x as { toJSON?: unknown }).toJSON === 'function') x = (x as { toJSON: () => unknown }).toJSON();
  return !(x === undefined || typeof x === 'function' || typeof x === 'symbol');
}
