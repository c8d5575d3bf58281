/** The windows operators read metrics over. No zod here: the admin console imports it into the browser. */
export const metricWindows = ["1h", "6h", "24h", "7d"] as const;
export type MetricWindow = (typeof metricWindows)[number];
export const windowMs: Record<MetricWindow, number> = {
  "1h": 3_600_000,
  "6h": 21_600_000,
  "24h": 86_400_000,
  "7d": 604_800_000,
};
