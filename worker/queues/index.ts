export { handleQueueBatch } from "./consumer";
export { type QueueMessage, queueMessageSchema, send } from "./messages";
