/**
 * Queueing formulas for request latency under the CPU a pod receives.
 *
 * Approximation used for multi-server pools (stated once, used everywhere): M/G/c waiting time with
 * P(wait) = Erlang C(c, A) and mean wait by Allen–Cunneen, E[W] ≈ C(c, A)/(cμ − λ) · (1 + c_s²)/2
 * (Poisson arrivals, c_a² = 1); the conditional wait W | W > 0 is taken as exponential with that
 * mean. This is exact for M/M/c and gives the exact Pollaczek–Khinchine mean for M/G/1. For one
 * server with fixed service (M/D/1) the tail uses the Cramér–Lundberg asymptote instead,
 * P(W > t) ≈ C·e^(−ηt) with λ(e^(ηD) − 1) = η and C = (1 − ρ)/(λD·e^(ηD) − 1), which tracks Erlang's
 * exact M/D/1 distribution at the tail (tests bound the error). Sojourn = W + S, W and S independent.
 */
import { normalCdf } from './throttle-closed-forms.js';
import type { CpuDist } from './cpu-distribution.js';

/**
 * Erlang C: probability an arrival waits in M/M/c with offered load A = λ/μ (erlangs).
 * Computed from the Erlang B recurrence, B(k) = A·B(k−1)/(k + A·B(k−1)), which is stable for large c.
 * @returns 1 when A ≥ c (unstable)
 */
export function erlangC(servers: number, offeredLoad: number): number {
  erlang[ERLANG_SERVERS] = servers;
  erlang[ERLANG_LOAD] = offeredLoad;
  erlangCInto();
  return erlang[ERLANG_C]!;
}

/** {@link erlangC}'s numbers in module scratch, [c, A, result], for the same reason as {@link waitInput}'s. */
const erlang = new Float64Array(3);
const ERLANG_SERVERS = 0;
const ERLANG_LOAD = 1;
const ERLANG_C = 2;

/** {@link erlangC} of the numbers in {@link erlang}, into its `ERLANG_C`. */
function erlangCInto(): void {
  const c = Math.max(1, Math.floor(erlang[ERLANG_SERVERS]!));
  const offeredLoad = erlang[ERLANG_LOAD]!;
  if (offeredLoad <= 0) erlang[ERLANG_C] = 0;
  else if (offeredLoad >= c) erlang[ERLANG_C] = 1;
  else {
    let b = 1;
    for (let k = 1; k <= c; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
    const rho = offeredLoad / c;
    erlang[ERLANG_C] = b / (1 - rho + rho * b);
  }
}

/** Wait-time law of the approximation: P(W > t) = min(probWait, tailCoef·e^(−rate·t)). */
export interface WaitLaw {
  probWait: number;
  /** 1/s; Infinity when nobody waits. */
  rate: number;
  /** Tail coefficient; equals probWait except for the M/D/1 asymptote. */
  tailCoef: number;
  meanWait: number;
}

/**
 * {@link mgcWait}'s numbers, in module scratch: [c, λ (1/s), E[S] (s), c_s²]. In V8 a number passed
 * to a call that is not inlined is a heap object, and the wait law is solved for every pod and
 * step: the latency step had grown past V8's inlining budget, and its call to the wait law
 * allocated two numbers per pod-step.
 */
export const waitInput = new Float64Array(4);
export const WAIT_SERVERS = 0;
export const WAIT_ARRIVAL_RATE = 1;
export const WAIT_MEAN_SERVICE = 2;
export const WAIT_SERVICE_CV2 = 3;

/**
 * M/G/c wait law (Erlang C + Allen–Cunneen) of the queue in {@link waitInput} (c servers, arrival
 * rate λ, mean service E[S], squared coefficient of variation of S), written into `out`.
 */
export function mgcWait(out: WaitLaw): void {
  const c = Math.max(1, Math.floor(waitInput[WAIT_SERVERS]!));
  const arrivalRate = waitInput[WAIT_ARRIVAL_RATE]!;
  const meanService = waitInput[WAIT_MEAN_SERVICE]!;
  const serviceCv2 = waitInput[WAIT_SERVICE_CV2]!;
  erlang[ERLANG_SERVERS] = c;
  erlang[ERLANG_LOAD] = arrivalRate * meanService;
  erlangCInto();
  const pw = erlang[ERLANG_C]!;
  if (pw <= 0) {
    out.probWait = 0;
    out.rate = Infinity;
    out.tailCoef = 0;
    out.meanWait = 0;
    return;
  }
  const slack = c / meanService - arrivalRate;
  out.probWait = pw;
  out.tailCoef = pw;
  if (!(slack > 0)) {
    // An overloaded queue: the wait grows without bound. Its own branch, so that the mean wait
    // below is always a finite fraction (a variable that may also hold Infinity is a heap number
    // in V8, made anew at every call).
    out.meanWait = Infinity;
    out.rate = 0;
    return;
  }
  const meanWait = ((pw / slack) * (1 + serviceCv2)) / 2;
  out.meanWait = meanWait;
  out.rate = pw / meanWait;
  if (c === 1 && serviceCv2 === 0 && meanWait < Infinity) md1Tail(out);
}

/**
 * Cramér–Lundberg tail of the M/D/1 wait of the queue in {@link waitInput}: η from λ(e^(ηD) − 1) = η
 * by Newton on x = ηD.
 */
function md1Tail(out: WaitLaw): void {
  const lambda = waitInput[WAIT_ARRIVAL_RATE]!;
  const D = waitInput[WAIT_MEAN_SERVICE]!;
  const rho = lambda * D;
  // g(x) = ρ(e^x − 1) − x, root x > 0 exists for ρ < 1; start right of the minimum at ln(1/ρ).
  let x = 2 * Math.log(1 / rho) + 1;
  for (let it = 0; it < 50; it++) {
    const g = rho * (Math.exp(x) - 1) - x;
    const dg = rho * Math.exp(x) - 1;
    const step = g / dg;
    x -= step;
    if (Math.abs(step) < 1e-12 * x) break;
  }
  out.rate = x / D;
  out.tailCoef = (1 - rho) / (rho * Math.exp(x) - 1);
}

/** CDF of the service time S for a CPU distribution with mean `mean`. */
function serviceCdf(dist: CpuDist, mean: number, cv: number, t: number): number {
  if (t <= 0) return 0;
  if (dist === 'fixed') return t >= mean ? 1 : 0;
  if (dist === 'exp') return 1 - Math.exp(-t / mean);
  const s2 = Math.log(1 + cv * cv);
  return normalCdf((Math.log(t) - (Math.log(mean) - s2 / 2)) / Math.sqrt(s2));
}

const waitNodes = 16;

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** q-quantile of the service time alone. */
function serviceQuantile(dist: CpuDist, mean: number, cv: number, q: number): number {
  if (dist === 'fixed') return mean;
  if (dist === 'exp') return -mean * Math.log(1 - q);
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normalQuantile(q));
}

/** P(W + S ≤ t) under the wait law (W mixture of 0 and Exp(θ)). */
export function sojournCdf(dist: CpuDist, meanService: number, cv: number, w: WaitLaw, t: number): number {
  if (dist === 'exp' && !(w.probWait <= 0)) {
    expAt[EXP_MEAN] = meanService;
    expAt[EXP_T] = t;
    expSojournAt(w);
    return expAt[EXP_CDF]!;
  }
  const noWait = (1 - w.probWait) * serviceCdf(dist, meanService, cv, t);
  if (w.probWait <= 0) return noWait;
  const th = w.rate;
  if (dist === 'fixed') return noWait + (t >= meanService ? w.probWait * (1 - Math.exp(-th * (t - meanService))) : 0);
  // Lognormal S: average F_S(t − W) over quantile-midpoint nodes of W ~ Exp(θ).
  let acc = 0;
  for (let j = 0; j < waitNodes; j++) acc += serviceCdf(dist, meanService, cv, t + Math.log(1 - (j + 0.5) / waitNodes) / th);
  return noWait + (w.probWait * acc) / waitNodes;
}

/**
 * The sojourn search's numbers in module scratch, [E[S], cv, q, result, bracket low, bracket high]:
 * a number passed to or returned from a call V8 does not inline is a heap allocation, and the
 * search runs three times per pod and step. The latency step writes the first three and calls
 * {@link searchSojournQuantile} itself: whether V8 inlines {@link sojournQuantile} there changes
 * from one compilation to the next.
 */
export const sojournSearch = new Float64Array(6);
const search = sojournSearch;
export const SEARCH_MEAN = 0;
export const SEARCH_CV = 1;
export const SEARCH_Q = 2;
export const SEARCH_RESULT = 3;
const SEARCH_LO = 4;
const SEARCH_HI = 5;

/**
 * q-quantile of the sojourn time W + S, seconds. Closed form for fixed S; bisection on the CDF
 * otherwise (allocation-free).
 */
export function sojournQuantile(dist: CpuDist, meanService: number, cv: number, w: WaitLaw, q: number): number {
  search[SEARCH_MEAN] = meanService;
  search[SEARCH_CV] = cv;
  search[SEARCH_Q] = q;
  searchSojournQuantile(dist, w);
  return search[SEARCH_RESULT]!;
}

/** {@link sojournQuantile} of the numbers in {@link sojournSearch}, into its `SEARCH_RESULT`. */
export function searchSojournQuantile(dist: CpuDist, w: WaitLaw): void {
  const meanService = search[SEARCH_MEAN]!;
  const cv = search[SEARCH_CV]!;
  const q = search[SEARCH_Q]!;
  if (!(w.meanWait < Infinity)) {
    search[SEARCH_RESULT] = Infinity;
    return;
  }
  if (dist === 'fixed') {
    search[SEARCH_RESULT] = q <= 1 - w.probWait ? meanService : meanService + Math.max(0, Math.log(w.tailCoef / (1 - q)) / w.rate);
    return;
  }
  // W ≥ 0, so the service quantile is a lower bound; with almost no waiting it is the answer.
  const sq = serviceQuantile(dist, meanService, cv, q);
  if (w.probWait < 1e-6) {
    search[SEARCH_RESULT] = sq;
    return;
  }
  let lo = sq;
  let hi = sq + (w.meanWait > 0 ? w.meanWait / w.probWait : meanService);
  if (dist === 'exp') {
    // sojournCdf's exponential case, through the scratch.
    expAt[EXP_MEAN] = meanService;
    for (;;) {
      expAt[EXP_T] = hi;
      expSojournAt(w);
      if (!(expAt[EXP_CDF]! < q)) break;
      hi *= 2;
    }
    search[SEARCH_LO] = lo;
    search[SEARCH_HI] = hi;
    expSojournNewton(w);
    return;
  }
  while (sojournCdf(dist, meanService, cv, w, hi) < q) hi *= 2;
  for (let it = 0; it < 40 && hi - lo > 1e-5 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (sojournCdf(dist, meanService, cv, w, mid) < q) lo = mid;
    else hi = mid;
  }
  search[SEARCH_RESULT] = 0.5 * (lo + hi);
}

/**
 * q-quantile of an exponential-service sojourn by Newton steps kept inside the bracket [lo, hi]
 * (bisection when a step leaves it); the CDF is smooth and increasing, so a few steps reach the
 * 1e-5 relative width the bisection used, at a fraction of its CDF evaluations. Reads E[S], q and
 * the bracket from `search`, writes the quantile there.
 *
 * Newton starts where the survival reaches 1 − q if only its slowest exponential term is kept:
 * P(W + S > t) = (1 − P_W)·e^(−μt) + P_W·(μe^(−θt) − θe^(−μt))/(μ − θ) ≈ A·e^(−κt) with κ the smaller
 * of μ and θ, exact in the limit of high quantiles; from the bracket's middle when the two rates
 * are equal or that estimate is not positive or not inside. Its own function, with every number
 * read from the scratch: in V8, a number that comes from a call that is not inlined (a heap object)
 * and is carried by the loop below turns every iterate into a new heap object.
 */
function expSojournNewton(w: WaitLaw): void {
  const meanService = search[SEARCH_MEAN]!;
  const q = search[SEARCH_Q]!;
  let lo = search[SEARCH_LO]!;
  let hi = search[SEARCH_HI]!;
  let tail = NaN;
  const mu = 1 / meanService;
  const th = w.rate;
  if (Math.abs(mu - th) >= 1e-12 * mu) {
    const pw = w.probWait;
    const a = th < mu ? (pw * mu) / (mu - th) : 1 - pw + (pw * th) / (th - mu);
    const estimate = Math.log(a / (1 - q)) / Math.min(mu, th);
    if (estimate > 0) tail = estimate;
  }
  let t = tail > lo && tail < hi ? tail : 0.5 * (lo + hi);
  expAt[EXP_MEAN] = meanService;
  for (let it = 0; it < 60; it++) {
    expAt[EXP_T] = t;
    expSojournAt(w);
    const g = expAt[EXP_CDF]! - q;
    if (g < 0) lo = t;
    else hi = t;
    const d = expAt[EXP_DENSITY]!;
    let next = d > 0 ? t - g / d : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-7 * next || hi - lo <= 1e-7 * hi) {
      search[SEARCH_RESULT] = next;
      return;
    }
    t = next;
  }
  search[SEARCH_RESULT] = t;
}

/** {@link expSojournAt}'s scratch, [CDF, density, E[S], t]: the last two in, the first two out. */
const expAt = new Float64Array(4);
const EXP_CDF = 0;
const EXP_DENSITY = 1;
const EXP_MEAN = 2;
const EXP_T = 3;

/**
 * CDF and density of the sojourn W + S for exponential S and P_W > 0 at t, into `expAt`:
 * F = (1 − P_W)·(1 − e^(−t/E[S])) + P_W·hypoexponential CDF(θ, μ),
 * f = (1 − P_W)·μe^(−μt) + P_W·hypoexponential density(θ, μ).
 * Together because Newton wants both at one t and they share e^(−θt) and e^(−μt).
 */
function expSojournAt(w: WaitLaw): void {
  const meanService = expAt[EXP_MEAN]!;
  const t = expAt[EXP_T]!;
  const pw = w.probWait;
  const noWait = (1 - pw) * (t <= 0 ? 0 : 1 - Math.exp(-t / meanService));
  const mu = 1 / meanService;
  const th = w.rate;
  const eMu = Math.exp(-mu * t);
  const direct = (1 - pw) * mu * eMu;
  if (Math.abs(mu - th) < 1e-12 * mu) {
    expAt[EXP_CDF] = noWait + pw * (1 - eMu * (1 + mu * t));
    expAt[EXP_DENSITY] = direct + pw * (mu * mu * t * eMu);
    return;
  }
  const eTh = Math.exp(-th * t);
  expAt[EXP_CDF] = noWait + pw * (1 - (mu * eTh - th * eMu) / (mu - th));
  expAt[EXP_DENSITY] = direct + pw * (((th * mu) / (mu - th)) * (eTh - eMu));
}

