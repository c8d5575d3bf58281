export { JobObject } from "./job-object";
export { jobStub } from "./stub";
export { createJob } from "./create";
export { ownedJob, loadJobView, listJobViews } from "./view";
export { decide, machine, isTerminal, type JobInput, type DeliveredTrack } from "./machine";
export { callbackUrl, verifyCallbackToken } from "./callback-token";
export * from "./schemas";
export { sweepStragglers } from "./sweep";
