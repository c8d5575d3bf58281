import type { Database } from "../../db";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    db: Database;
    user: { id: string; role: "user" | "admin" };
    requestId: string;
  };
}
