export { grantStatements, holdStatements, settleStatements, readCredits, isInsufficientCredits, isAlreadySettled, isUniqueViolation, holdKey, settleKey } from "./ledger";
