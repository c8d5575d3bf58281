import type { JobObject } from "./job-object";

/** One Durable Object per job, named by the job id. */
export const jobStub = (env: Env, jobId: string): DurableObjectStub<JobObject> => env.JOBS.get(env.JOBS.idFromName(jobId)) as DurableObjectStub<JobObject>;
