// The operators' API shapes come from the Worker's own schemas (types only: nothing of zod reaches the browser).
export type { AdminJob, GrantResult } from "../../../worker/routes/admin-schemas";
export type { RoutingConfig } from "../../../providers/routing/config";
export { metricWindows, type MetricWindow } from "../../../worker/observability/windows";
export { jobStatuses, type JobStatus } from "../../../domain/values";

