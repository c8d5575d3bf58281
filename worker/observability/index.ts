export { log, redact, redactText, watchSecrets, type LogFields, type LogLevel } from "./log";
export { computeMetrics, jobDataPoint, recordFinishedJob, stageOf, windowMs } from "./metrics";
export { metricsSchema, metricWindows, type Metrics, type MetricWindow } from "./metrics-schema";
export { announcement, checkAlerts, firingConditions, type Firing } from "./alerts";
