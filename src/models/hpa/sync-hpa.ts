import { computeReplicasForMetrics } from './compute-replicas-for-metrics.js';
import { normalizeDesiredReplicas } from './normalize-desired-replicas.js';
import { storeScaleEvent } from './scale-events.js';
import { indexOfCondition, setCondition } from './set-condition.js';
import { tolerancesForHpa } from './tolerances.js';
import type {
  HpaCondition,
  HpaControllerState,
  HpaEvent,
  HpaMetricResult,
  HpaProposal,
  HpaRecommendation,
  HpaSyncInput,
  HpaSyncResult,
} from './types.js';

/** State of an HPA the controller has never synced (or after a controller restart). */
export function initialHpaControllerState(): HpaControllerState {
  return { recommendations: null, scaleUpEvents: [], scaleDownEvents: [], conditions: [], lastScaleTimeMs: null };
}

const NO_PROPOSAL: HpaProposal = { metricReplicas: null, metricName: '', stabilizedReplicas: null, normalizedReplicas: null };
const NO_NOTE: { readonly reason: string; readonly message: string } = { reason: '', message: '' };

/** AbleToScale as upstream's reconcile first writes it, once it has read the target's scale. */
function gotScale(conditions: readonly HpaCondition[], nowMs: number): readonly HpaCondition[] {
  return setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", nowMs);
}

/**
 * One reconcile of one HPA (`reconcileAutoscaler` in horizontal.go, docs/models/hpa.md#one-sync), as a pure
 * function: the controller's memory comes in as `state` and the updated memory goes out in
 * `result.state`; time is `input.nowMs` only.
 *
 * Order: seed the recommendation history on first sight; current = spec.replicas; current 0 with
 * minReplicas ≠ 0 disables scaling (`ScalingDisabled`); outside [min, max] jumps to the bound
 * without reading metrics; otherwise max over metric proposals, then legacy or behavior
 * normalization; a changed count is a rescale, recorded as a scale event when behavior is set.
 * Zero replicas follow the released rule: with minReplicas 0 the metrics are still computed
 * (Object/External Value scale from zero); recent master's `ScaledToZero` condition is not modelled.
 */
export function syncHpa(input: HpaSyncInput, state: HpaControllerState): HpaSyncResult {
  const { nowMs, spec, config } = input;
  const current = input.specReplicas;
  const events: HpaEvent[] = [];
  // Upstream writes AbleToScale/SucceededGetScale first; every path but the two that return early
  // writes AbleToScale again before the sync ends, with the same status, so that first write shows
  // only there. It is made here only to give a new condition its place in the list.
  let conditions = indexOfCondition(state.conditions, 'AbleToScale') < 0 ? gotScale(state.conditions, nowMs) : state.conditions;
  let recommendations: readonly HpaRecommendation[] = state.recommendations ?? [{ timeMs: nowMs, replicas: current }];
  let metrics: readonly HpaMetricResult[] = [];
  let proposal = NO_PROPOSAL;

  let desired: number;
  let rescaleReason = '';
  let limitedNote = NO_NOTE;
  if (current === 0 && spec.minReplicas !== 0) {
    const message = 'scaling is disabled since the replica count of the target is zero';
    conditions = setCondition(gotScale(conditions, nowMs), 'ScalingActive', 'False', 'ScalingDisabled', message, nowMs);
    return unchangedResult(state, current, recommendations, conditions, metrics, proposal, events, 'ScalingDisabled', message);
  } else if (current > spec.maxReplicas) {
    desired = spec.maxReplicas;
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    proposal = { ...NO_PROPOSAL, metricReplicas: desired };
  } else if (current < spec.minReplicas) {
    desired = spec.minReplicas;
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    proposal = { ...NO_PROPOSAL, metricReplicas: desired };
  } else {
    const combined = computeReplicasForMetrics(spec.metrics, {
      specReplicas: current,
      statusReplicas: input.statusReplicas,
      pods: input.pods,
      objectMetrics: input.objectMetrics ?? {},
      externalMetrics: input.externalMetrics ?? {},
      tolerances: tolerancesForHpa(spec, config),
      times: {
        nowMs,
        cpuInitializationPeriodMs: config.cpuInitializationPeriodMs,
        initialReadinessDelayMs: config.initialReadinessDelayMs,
      },
    });
    metrics = combined.metrics;
    for (const metric of metrics) {
      if (metric.failureReason !== null) events.push({ type: 'Warning', reason: metric.failureReason, message: metric.message });
    }
    if (combined.replicas === null) {
      conditions = gotScale(conditions, nowMs);
      if (combined.scalingActive !== null) {
        const { status, reason, message } = combined.scalingActive;
        conditions = setCondition(conditions, 'ScalingActive', status, reason, message, nowMs);
      }
      const message = `failed to compute desired number of replicas based on listed metrics: ${combined.error ?? ''}`;
      events.push({ type: 'Warning', reason: 'FailedComputeMetricsReplicas', message });
      return unchangedResult(state, current, recommendations, conditions, metrics, proposal, events, 'FailedComputeMetricsReplicas', message);
    }
    if (combined.scalingActive !== null) {
      const { status, reason, message } = combined.scalingActive;
      conditions = setCondition(conditions, 'ScalingActive', status, reason, message, nowMs);
    }
    const prenormalized = combined.replicas;
    if (prenormalized > current) rescaleReason = `${combined.metricName} above target`;
    if (prenormalized < current) rescaleReason = 'All metrics below target';

    const normalized = normalizeDesiredReplicas({
      spec,
      config,
      currentReplicas: current,
      prenormalizedReplicas: prenormalized,
      recommendations,
      scaleUpEvents: state.scaleUpEvents,
      scaleDownEvents: state.scaleDownEvents,
      nowMs,
      ownsHistory: input.ownsHistory,
    });
    recommendations = normalized.recommendations;
    conditions = setCondition(conditions, 'AbleToScale', 'True', normalized.ableToScale.reason, normalized.ableToScale.message, nowMs);
    const limited = normalized.scalingLimited;
    conditions = setCondition(conditions, 'ScalingLimited', limited.status, limited.reason, limited.message, nowMs);
    limitedNote = limited.status === 'True' ? limited : normalized.ableToScale;
    desired = normalized.replicas;
    proposal = {
      metricReplicas: combined.replicas,
      metricName: combined.metricName,
      stabilizedReplicas: normalized.stabilizedReplicas,
      normalizedReplicas: normalized.replicas,
    };
  }

  if (desired === current) {
    const proposed = proposal.metricReplicas === null ? '' : `; metrics proposed ${proposal.metricReplicas}`;
    return unchangedResult(state, current, recommendations, conditions, metrics, proposal, events, limitedNote.reason, `Kept ${current} replicas${proposed}: ${limitedNote.message}`);
  }

  conditions = setCondition(
    conditions,
    'AbleToScale',
    'True',
    'SucceededRescale',
    `the HPA controller was able to update the target scale to ${desired}`,
    nowMs,
  );
  const message = `New size: ${desired}; reason: ${rescaleReason}`;
  events.push({ type: 'Normal', reason: 'SuccessfulRescale', message });
  let { scaleUpEvents, scaleDownEvents } = state;
  const behavior = spec.behavior;
  // Events are only kept when a behavior block exists (they are never read otherwise).
  if (behavior !== null) {
    if (desired > current) scaleUpEvents = storeScaleEvent(scaleUpEvents, behavior.scaleUp, desired - current, nowMs);
    else scaleDownEvents = storeScaleEvent(scaleDownEvents, behavior.scaleDown, current - desired, nowMs);
  }
  const next: HpaControllerState = { recommendations, scaleUpEvents, scaleDownEvents, conditions, lastScaleTimeMs: nowMs };
  return {
    desiredReplicas: desired,
    rescaled: true,
    reason: 'SuccessfulRescale',
    message,
    state: next,
    conditions,
    metrics,
    proposal,
    events,
  };
}

/**
 * A sync that keeps `current` replicas: the state takes the new history and conditions only. A
 * function of its arguments, not a closure in syncHpa: a closure over syncHpa's variables would
 * cost a context and a function object at every sync of every HPA.
 */
function unchangedResult(
  state: HpaControllerState,
  current: number,
  recommendations: readonly HpaRecommendation[],
  conditions: readonly HpaCondition[],
  metrics: readonly HpaMetricResult[],
  proposal: HpaProposal,
  events: HpaEvent[],
  reason: string,
  message: string,
): HpaSyncResult {
  const next: HpaControllerState = {
    recommendations,
    scaleUpEvents: state.scaleUpEvents,
    scaleDownEvents: state.scaleDownEvents,
    conditions,
    lastScaleTimeMs: state.lastScaleTimeMs,
  };
  return { desiredReplicas: current, rescaled: false, reason, message, state: next, conditions, metrics, proposal, events };
}

/** Conditions by type, for callers that want a lookup rather than the list. */
export function conditionsByType(conditions: readonly HpaCondition[]): Partial<Record<HpaCondition['type'], HpaCondition>> {
  const byType: Partial<Record<HpaCondition['type'], HpaCondition>> = {};
  for (const condition of conditions) byType[condition.type] = condition;
  return byType;
}
