/*
 * kube-whatif calibration load generator: runs one node-case container load for real.
 * Compiled at run time by bench/calibration/real-run.ts with the system cc.
 *
 *   loadgen <spec-file>
 *   loadgen --sample <start_ns> <duration_s> <file>...
 *
 * Spec file (whitespace separated): type duration_s then per type:
 *   busy     threads
 *   periodic threads period_s busy_s offset_0 .. offset_{threads-1}
 *   poisson  workers fanout n  arrival_0 cpu_0 .. arrival_{n-1} cpu_{n-1}
 *   idle
 *   followed by: ncpus cpu_0 .. (CPU ids for sched_setaffinity; ncpus = 0 means all)
 * Protocol: prints "ready" once threads exist and wait; reads "go <start_ns>" (CLOCK_MONOTONIC,
 * the same clock as Node's process.hrtime) from stdin; runs the window [start, start + duration);
 * prints one "lat <seconds>" line per completed job or request and then "done".
 * Sample mode reads the given files (kernel counters) exactly at start and at start + duration and
 * prints "F <phase> <index>" followed by each file's contents, then "done". It asks for SCHED_FIFO
 * so the reads happen on time even while the case saturates every CPU (the Node harness itself
 * would be starved by the case's high-weight cgroup).
 * CPU work is thread CPU time (CLOCK_THREAD_CPUTIME_ID): a job needs the same CPU whether it is
 * preempted or throttled. Latencies are completion minus scheduled release/arrival.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
static double now_thread_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
static void sleep_until(double t) {
  struct timespec ts;
  ts.tv_sec = (time_t)t;
  ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0) {}
}
static volatile double sink;
/* Burns `cpu` seconds of this thread's CPU time. */
static void spin_cpu(double cpu) {
  double until = now_thread_cpu() + cpu;
  double x = 1.0;
  while (now_thread_cpu() < until) {
    for (int i = 0; i < 200; i++) x = x * 1.0000001 + 1e-9;
  }
  sink = x;
}

static char type[16];
static double duration, start_t, end_t;
static int threads, workers, fanout, narr;
static double period, busy;
static double *offsets, *arrivals, *cpus;
static double *lat;
static int nlat;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t go_cv = PTHREAD_COND_INITIALIZER;
static int started;
/* poisson piece queue */
static int *queue, qhead, qtail, dispatched_all;
static int *pieces_left;

static void wait_go(void) {
  pthread_mutex_lock(&mu);
  while (!started) pthread_cond_wait(&go_cv, &mu);
  pthread_mutex_unlock(&mu);
  sleep_until(start_t);
}
static void record(double l) {
  pthread_mutex_lock(&mu);
  lat[nlat++] = l;
  pthread_mutex_unlock(&mu);
}

static void *busy_main(void *arg) {
  (void)arg;
  wait_go();
  double x = 1.0;
  while (now_mono() < end_t) {
    for (int i = 0; i < 2000; i++) x = x * 1.0000001 + 1e-9;
  }
  sink = x;
  return NULL;
}

static void *periodic_main(void *arg) {
  long j = (long)arg;
  wait_go();
  for (long m = 0;; m++) {
    double rel = start_t + offsets[j] + m * period;
    if (rel >= end_t) break;
    if (now_mono() < rel) sleep_until(rel);
    spin_cpu(busy);
    record(now_mono() - rel);
  }
  return NULL;
}

static void *dispatcher_main(void *arg) {
  (void)arg;
  wait_go();
  for (int r = 0; r < narr; r++) {
    sleep_until(start_t + arrivals[r]);
    pthread_mutex_lock(&mu);
    pieces_left[r] = fanout;
    for (int k = 0; k < fanout; k++) queue[qtail++] = r;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
  }
  pthread_mutex_lock(&mu);
  dispatched_all = 1;
  pthread_cond_broadcast(&cv);
  pthread_mutex_unlock(&mu);
  return NULL;
}

static void *worker_main(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&mu);
    while (qhead == qtail && !dispatched_all) pthread_cond_wait(&cv, &mu);
    if (qhead == qtail && dispatched_all) {
      pthread_mutex_unlock(&mu);
      return NULL;
    }
    int r = queue[qhead++];
    pthread_mutex_unlock(&mu);
    spin_cpu(cpus[r] / fanout);
    double t = now_mono();
    pthread_mutex_lock(&mu);
    if (--pieces_left[r] == 0) lat[nlat++] = t - (start_t + arrivals[r]);
    pthread_mutex_unlock(&mu);
  }
}

static void dump(const char *path) {
  char buf[4096];
  FILE *f = fopen(path, "r");
  if (!f) {
    printf("missing\n");
    return;
  }
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = 0;
  fclose(f);
  fputs(buf, stdout);
  if (n == 0 || buf[n - 1] != '\n') putchar('\n');
}

static int sample_main(int argc, char **argv) {
  struct sched_param sp = {.sched_priority = 50};
  sched_setscheduler(0, SCHED_FIFO, &sp); /* best effort: without it reads may come late */
  double start = atoll(argv[2]) * 1e-9;
  double dur = atof(argv[3]);
  for (int phase = 0; phase < 2; phase++) {
    sleep_until(phase == 0 ? start : start + dur);
    for (int i = 4; i < argc; i++) {
      printf("F %d %d\n", phase, i - 4);
      dump(argv[i]);
    }
  }
  printf("done\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && !strcmp(argv[1], "--sample")) return sample_main(argc, argv);
  if (argc != 2) {
    fprintf(stderr, "usage: loadgen <spec-file>\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f || fscanf(f, "%15s %lf", type, &duration) != 2) {
    fprintf(stderr, "loadgen: cannot read spec\n");
    return 2;
  }
  int nthreads = 0;
  pthread_t *tids = NULL;
  if (!strcmp(type, "busy")) {
    if (fscanf(f, "%d", &threads) != 1) return 2;
  } else if (!strcmp(type, "periodic")) {
    if (fscanf(f, "%d %lf %lf", &threads, &period, &busy) != 3) return 2;
    offsets = calloc(threads, sizeof(double));
    for (int j = 0; j < threads; j++)
      if (fscanf(f, "%lf", &offsets[j]) != 1) return 2;
  } else if (!strcmp(type, "poisson")) {
    if (fscanf(f, "%d %d %d", &workers, &fanout, &narr) != 3) return 2;
    arrivals = calloc(narr + 1, sizeof(double));
    cpus = calloc(narr + 1, sizeof(double));
    for (int r = 0; r < narr; r++)
      if (fscanf(f, "%lf %lf", &arrivals[r], &cpus[r]) != 2) return 2;
    queue = calloc((size_t)narr * fanout + 1, sizeof(int));
    pieces_left = calloc(narr + 1, sizeof(int));
  }
  int ncpu = 0;
  if (fscanf(f, "%d", &ncpu) == 1 && ncpu > 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int i = 0; i < ncpu; i++) {
      int c;
      if (fscanf(f, "%d", &c) == 1) CPU_SET(c, &set);
    }
    sched_setaffinity(0, sizeof(set), &set);
  }
  fclose(f);
  lat = calloc((size_t)(narr + 1) + (size_t)threads * (size_t)(duration / (period > 0 ? period : 1) + 2), sizeof(double));

  if (!strcmp(type, "busy") || !strcmp(type, "periodic")) {
    nthreads = threads;
    tids = calloc(nthreads, sizeof(pthread_t));
    for (long j = 0; j < threads; j++) pthread_create(&tids[j], NULL, !strcmp(type, "busy") ? busy_main : periodic_main, (void *)j);
  } else if (!strcmp(type, "poisson")) {
    nthreads = workers + 1;
    tids = calloc(nthreads, sizeof(pthread_t));
    pthread_create(&tids[0], NULL, dispatcher_main, NULL);
    for (int w = 0; w < workers; w++) pthread_create(&tids[w + 1], NULL, worker_main, NULL);
  }
  printf("ready\n");
  fflush(stdout);
  char cmd[16];
  long long start_ns;
  if (scanf("%15s %lld", cmd, &start_ns) != 2 || strcmp(cmd, "go")) return 2;
  start_t = start_ns * 1e-9;
  end_t = start_t + duration;
  pthread_mutex_lock(&mu);
  started = 1;
  pthread_cond_broadcast(&go_cv);
  pthread_mutex_unlock(&mu);
  if (nthreads == 0) sleep_until(end_t);
  for (int j = 0; j < nthreads; j++) pthread_join(tids[j], NULL);
  for (int i = 0; i < nlat; i++) printf("lat %.9f\n", lat[i]);
  printf("done\n");
  return 0;
}
