export { handleQueueBatch } from "./consumer";
export { send, queueMessageSchema, type QueueMessage } from "./messages";
