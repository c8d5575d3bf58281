export { log, redact, redactText, watchSecrets, type LogFields, type LogLevel } from "./log";
export { computeMetrics, jobDataPoint, recordFinishedJob, stageOf } from "./metrics";
export { metricsSchema, type Metrics } from "./metrics-schema";
export { metricWindows, windowMs, type MetricWindow } from "./windows";
export { announcement, checkAlerts, firingConditions, type Firing } from "./alerts";
