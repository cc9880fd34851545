/**
 * Simulation-level modelling constants (the models' own defaults live in models/<model>/defaults.ts).
 */

/**
 * Clients give up on a request after this long and the server drops it. 30 s is the default
 * request timeout of common ingress proxies (ingress-nginx proxy-read-timeout is 60 s, Envoy's
 * route timeout 15 s); a middle value bounds the backlog of an overloaded pod.
 */
export const REQUEST_TIMEOUT_SECONDS = 30;

/**
 * Pods a new node's CPU state has room for before it grows (node-cpu-state.ts). Own choice, for
 * memory locality only (no output depends on it): a node holds some ten pods in the bench
 * clusters, and room for all the 110 it could hold spread every node's few used slots apart.
 */
export const INITIAL_CPU_ROOM_PODS = 16;
