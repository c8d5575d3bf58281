export { grantStatements, holdStatements, settleStatements, readCredits, isInsufficientCredits, isAlreadySettled, isUniqueViolation, holdKey, settleKey, operatorGrantKey } from "./ledger";
export { grantOnce, type OperatorGrant } from "./grants";
