/** Kubernetes-style quantity text for messages: CPU in cores or millicores, memory in Ki/Mi/Gi. */

/** 2000 -> "2", 500 -> "500m". */
export function formatCpuMilli(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** 2^30 -> "1Gi", 256 Mi -> "256Mi"; other values in plain bytes. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}
