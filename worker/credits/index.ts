export { grantStatements, holdStatements, freeRevisionStatement, settleStatements, partialSettleStatements, readCredits, isInsufficientCredits, isAlreadySettled, isUniqueViolation, holdKey, settleKey, operatorGrantKey, type LedgerReason } from "./ledger";
export { revokeStatements, purchaseKey, reversalKey } from "./ledger";
export { grantOnce, type OperatorGrant } from "./grants";
