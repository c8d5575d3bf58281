export { JobObject, type RunningJob } from "./job-object";
export { jobStub } from "./stub";
export { createJob } from "./create";
export { ownedJob, loadJobView, listJobViews, createdView } from "./view";
export { transition, accepts, isTerminal, type JobInput, type DeliveredTrack, type Provenance } from "./machine";
export { callbackUrl, verifyCallbackToken } from "./callback-token";
export { issueStreamTicket, verifyStreamTicket, STREAM_TICKET_TTL_SECONDS } from "./stream-ticket";
export * from "./schemas";
export { sweepStragglers } from "./sweep";
