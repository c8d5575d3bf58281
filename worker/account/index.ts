export {
  audioPrefix,
  coverKey,
  ERASED_REASON,
  type ErasureOutcome,
  eraseAccount,
  markDeleted,
  RECHECK_DELAY_SECONDS,
  requestDeletion,
  resendStaleDeletions,
} from "./erase";
export { type AccountExport, accountView, exportAccount } from "./export";
export { deleteSupabaseUser } from "./supabase";
