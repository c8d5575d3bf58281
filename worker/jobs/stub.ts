/** One Durable Object per job, named by the job id. */
export const jobStub = (env: Env, jobId: string) => env.JOBS.get(env.JOBS.idFromName(jobId));
