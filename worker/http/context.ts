import type { Database } from "../../db";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    user: { id: string; role: "user" | "admin" };
    requestId: string;
    /** This response's CSP nonce: inline scripts and styles of HTML pages must carry it. */
    cspNonce: string;
  };
}
