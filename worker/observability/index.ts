export { log, redact, redactText, watchSecrets } from "./log";
export { computeMetrics, jobDataPoint, recordFinishedJob } from "./metrics";
export { metricsSchema, type Metrics } from "./metrics-schema";
export { metricWindows, type MetricWindow } from "./windows";
export { checkAlerts, firingConditions } from "./alerts";
