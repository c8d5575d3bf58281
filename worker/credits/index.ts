export { grantOnce, type OperatorGrant } from "./grants";
export {
  freeRevisionStatement,
  grantStatements,
  holdKey,
  holdStatements,
  isAlreadySettled,
  isInsufficientCredits,
  isUniqueViolation,
  type LedgerReason,
  operatorGrantKey,
  partialSettleStatements,
  purchaseKey,
  readCredits,
  reversalKey,
  revokeStatements,
  settleKey,
  settleStatements,
} from "./ledger";
