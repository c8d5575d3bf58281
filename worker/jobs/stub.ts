import type { Job } from "../../db";

/** One Durable Object per job, named by the job id. */
export const jobStub = (env: Env, jobId: string) => env.JOBS.get(env.JOBS.idFromName(jobId));

/** The job as its object holds it, which is never behind D1's row: what the queue steps check before calling an engine. */
export const currentJob = (env: Env, jobId: string): Promise<Job | null> =>
  jobStub(env, jobId).job(jobId) as Promise<Job | null>;
