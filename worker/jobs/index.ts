export { callbackUrl, verifyCallbackToken } from "./callback-token";
export { createJob } from "./create";
export { JobObject, type RunningJob } from "./job-object";
export { accepts, type DeliveredTrack, isTerminal, type JobInput, type Provenance, transition } from "./machine";
export * from "./schemas";
export { issueStreamTicket, STREAM_TICKET_TTL_SECONDS, verifyStreamTicket } from "./stream-ticket";
export { jobStub } from "./stub";
export { sweepStragglers } from "./sweep";
export { createdView, listJobViews, loadJobView, ownedJob } from "./view";
