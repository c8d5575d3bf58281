export { database } from "../db";
export * from "../db/schema";
export { grantStatements } from "../worker/credits";
