export { markDeleted, requestDeletion, eraseAccount, resendStaleDeletions, audioPrefix, coverKey, ERASED_REASON, RECHECK_DELAY_SECONDS, type ErasureOutcome } from "./erase";
export { accountView, exportAccount, type AccountExport } from "./export";
export { deleteSupabaseUser } from "./supabase";
