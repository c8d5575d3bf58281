import { createApp } from "./app";
import { workerHandlers } from "./handlers";

export { JobObject } from "./jobs";

export default workerHandlers(createApp());
