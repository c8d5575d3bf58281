// Node has no `cloudflare:workers`: describing the API imports the job's Durable Object class but never runs it.
export class DurableObject {}
