/** least-nodes (expander/leastnodes, CA ≥1.31): the options that need the fewest new nodes. Ties kept. */
import { keepBest, type Expander } from './expander.js';

export const leastNodesExpander: Expander = {
  name: 'least-nodes',
  bestOptions: (options) => keepBest(options, (o) => o.nodeCount),
};
