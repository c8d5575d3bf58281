import { createApp } from "./app";
import { workerHandlers } from "./handlers";

export { JobObject } from "./jobs";
export { RateLimiter } from "./security";

export default workerHandlers(createApp());
