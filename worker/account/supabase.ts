/** The service-role key is a secret set only where SUPABASE_DELETE_USERS is on, so it is not among the required ones. */
type SupabaseAdminEnv = Pick<Env, "SUPABASE_DELETE_USERS" | "SUPABASE_ISSUER"> & { SUPABASE_SERVICE_ROLE_KEY?: string };

/**
 * Deletes the person's Supabase user too, when SUPABASE_DELETE_USERS is "true" (Supabase Auth's admin API:
 * DELETE <issuer>/admin/users/<id>, the issuer being https://<project>.supabase.co/auth/v1). Otherwise
 * Supabase's record is theirs to keep: the product only forgets its own copy. A user Supabase no longer
 * knows counts as deleted, so a retried step does not fail on it.
 */
export async function deleteSupabaseUser(env: SupabaseAdminEnv, subject: string): Promise<"deleted" | "kept"> {
  if (env.SUPABASE_DELETE_USERS !== "true") return "kept";
  const key = env.SUPABASE_SERVICE_ROLE_KEY;
  if (!key || !env.SUPABASE_ISSUER)
    throw new Error("SUPABASE_DELETE_USERS is on but SUPABASE_SERVICE_ROLE_KEY or SUPABASE_ISSUER is not set");
  const url = `${env.SUPABASE_ISSUER.replace(/\/+$/, "")}/admin/users/${encodeURIComponent(subject)}`;
  const response = await fetch(url, { method: "DELETE", headers: { apikey: key, authorization: `Bearer ${key}` } });
  await response.body?.cancel();
  if (response.ok || response.status === 404) return "deleted";
  throw new Error(`Supabase refused to delete the user: ${response.status}`);
}
