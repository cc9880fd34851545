import { parseAssertion } from '../report/assertion.js';

/** The loader's hook: an assertion that does not parse is a problem at its line in the file. */
export function validateAssertion(text: string, workloads: readonly string[]): { message: string; hint?: string } | null {
  const parsed = parseAssertion(text, workloads);
  return parsed.ok ? null : { message: parsed.message, ...(parsed.hint ? { hint: parsed.hint } : {}) };
}
