export { JobObject } from "./job-object";
export { jobStub } from "./stub";
export { createJob } from "./create";
export { ownedJob, loadJobView, listJobViews } from "./view";
export { decide, machine, isTerminal, type JobInput, type DeliveredTrack } from "./machine";
export { callbackUrl, verifyCallbackToken } from "./callback-token";
export { issueStreamTicket, verifyStreamTicket, STREAM_TICKET_TTL_SECONDS } from "./stream-ticket";
export * from "./schemas";
export { sweepStragglers } from "./sweep";
