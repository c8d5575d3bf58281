export { log, redact, redactText, watchSecrets, type LogFields, type LogLevel } from "./log";
