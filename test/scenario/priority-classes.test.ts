import { describe, expect, test } from 'vitest';
import { api, problems } from './one-workload.js';

// Expectations follow the Priority admission plugin (plugin/pkg/admission/priority) and the
// PriorityClass validation (pkg/apis/scheduling): system-cluster-critical is 2 x 10^9,
// system-node-critical 1000 more; a pod naming no class gets the globalDefault class's value, or 0.
const classes = (...entries: string[]) => `    priorityClasses:\n${entries.map((e) => `      - ${e}\n`).join('')}`;
const high = '{ name: high, value: 1000 }';
const batch = '{ name: batch, value: -10, preemptionPolicy: Never }';
const normal = '{ name: normal, value: 100, globalDefault: true }';

describe('priorityClassName -> priority', () => {
  test.each([
    { name: 'no class and no global default: priority 0', body: '', cluster: '', priority: 0, className: null, policy: 'PreemptLowerPriority' },
    { name: 'a named class gives its value', body: '      priorityClassName: high\n', cluster: classes(high, normal), priority: 1000, className: 'high', policy: 'PreemptLowerPriority' },
    { name: 'no class named: the globalDefault class applies, and its name is set', body: '', cluster: classes(high, normal), priority: 100, className: 'normal', policy: 'PreemptLowerPriority' },
    { name: 'a Never class makes the pod non-preempting', body: '      priorityClassName: batch\n', cluster: classes(batch), priority: -10, className: 'batch', policy: 'Never' },
    { name: 'system-cluster-critical is known without being written: 2000000000', body: '      priorityClassName: system-cluster-critical\n', cluster: '', priority: 2_000_000_000, className: 'system-cluster-critical', policy: 'PreemptLowerPriority' },
    { name: 'system-node-critical is 1000 above it: 2000001000', body: '      priorityClassName: system-node-critical\n', cluster: '', priority: 2_000_001_000, className: 'system-node-critical', policy: 'PreemptLowerPriority' },
    { name: 'a preemptionPolicy on the pod that agrees with its class is accepted', body: '      priorityClassName: batch\n      preemptionPolicy: Never\n', cluster: classes(batch), priority: -10, className: 'batch', policy: 'Never' },
  ])('$name', ({ body, cluster, priority, className, policy }) => {
    const { w } = api(`      resources: { requests: { cpu: 1m } }\n${body}`, cluster);
    expect([w.priority, w.priorityClassName, w.preemptionPolicy]).toEqual([priority, className, policy]);
  });
});

describe('priority errors, as admission and validation reject them', () => {
  // `priorityClasses:` is line 13 and its entries follow, so the workload's lines move down by 1 + the number of classes.
  test.each([
    {
      name: 'an unknown class, with a did-you-mean',
      cluster: classes(high),
      body: '      priorityClassName: hihg\n',
      // Line 18 (15 + 2 lines of classes + the resources line); after `      priorityClassName: ` (6 + 19): column 26.
      want: /^s\.yaml:18:26: error: spec\.workloads\[0\]\.priorityClassName: no PriorityClass with name hihg was found.*did you mean "high"\?/,
    },
    {
      name: 'a pod preemptionPolicy that differs from its class',
      cluster: classes(batch),
      body: '      priorityClassName: batch\n      preemptionPolicy: PreemptLowerPriority\n',
      // Line 19, after `      preemptionPolicy: ` (6 + 18): column 25.
      want: /^s\.yaml:19:25: error: spec\.workloads\[0\]\.preemptionPolicy: PreemptLowerPriority differs from Never/,
    },
    {
      name: 'a user class with the reserved system- prefix',
      cluster: classes('{ name: system-mine, value: 5 }'),
      body: '',
      // Line 14: `      - { name: ` (16): column 17.
      want: /^s\.yaml:14:17: error: spec\.cluster\.priorityClasses\[0\]\.name: "system-mine": the "system-" prefix is reserved/,
    },
    {
      name: 'a user class above one billion',
      cluster: classes('{ name: huge, value: 1000000001 }'),
      body: '',
      // Line 14: `      - { name: huge, value: ` (29): column 30.
      want: /^s\.yaml:14:30: error: spec\.cluster\.priorityClasses\[0\]\.value: must be at most 1000000000/,
    },
    {
      name: 'a second globalDefault class',
      cluster: classes(normal, '{ name: other, value: 5, globalDefault: true }'),
      body: '',
      // Line 15: `      - { ` (10) + `name: other, ` (13) + `value: 5, ` (10) + `globalDefault: ` (15) = 48: column 49.
      want: /^s\.yaml:15:49: error: spec\.cluster\.priorityClasses\[1\]\.globalDefault: PriorityClass "normal" is already the global default/,
    },
  ])('$name', ({ cluster, body, want }) => {
    expect(problems(`      resources: { requests: { cpu: 1m } }\n${body}`, cluster)).toEqual([expect.stringMatching(want)]);
  });
});
