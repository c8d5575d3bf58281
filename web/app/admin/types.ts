// The operators' API shapes come from the Worker's own schemas (types only: nothing of zod reaches the browser).

export { type JobStatus, jobStatuses } from "../../../domain/values";
export type { RoutingConfig } from "../../../providers/routing/config";
export { type MetricWindow, metricWindows } from "../../../worker/observability/windows";
export type { AdminJob, GrantResult } from "../../../worker/routes/admin-schemas";
