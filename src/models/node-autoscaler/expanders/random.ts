/** random (expander/random): keeps every option; the final pick uses the injected tie-break. */
import type { Expander } from './expander.js';

export const randomExpander: Expander = {
  name: 'random',
  bestOptions: (options) => [...options],
};
