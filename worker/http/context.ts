import type { Database } from "../../db";
import type { TokenSubject } from "../auth/tokens";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    /** Who is signed in; `email` is where the product writes to them about their orders, if `orderEmails` (none for some Supabase accounts). */
    user: { id: string; role: "user" | "admin"; email: string | null; orderEmails: boolean };
    /** Our own access token, verified, whose account the route itself reads (`requireToken`). */
    token?: TokenSubject;
    requestId: string;
    /** This response's CSP nonce: inline scripts and styles of HTML pages must carry it. */
    cspNonce: string;
  };
}
