/** most-pods (expander/mostpods): the options that schedule the most pending pods. Ties kept. */
import { keepBest, type Expander } from './expander.js';

export const mostPodsExpander: Expander = {
  name: 'most-pods',
  bestOptions: (options) => keepBest(options, (o) => o.pods.length, true),
};
