export { alertKinds, checkAlerts, firingConditions, recentAlerts } from "./alerts";
export { log, redact, redactText, watchSecrets } from "./log";
export { computeMetrics, jobDataPoint, makingMs, recordFinishedJob } from "./metrics";
export { type Metrics, metricsSchema } from "./metrics-schema";
export { type MetricWindow, metricWindows } from "./windows";
