import { createContext, useContext, useEffect, useState } from "react";
import { useRouteLoaderData } from "react-router";
import type { loader as rootLoader } from "../root";
import { onSession, refreshSession, type Schema } from "./api";

/** While loading, `hinted` says whether this browser had a session when the page was served (the server's hint). */
type AuthState = { status: "loading"; hinted: boolean } | { status: "out" } | { status: "in"; user: Schema<"User"> };
const AuthContext = createContext<AuthState>({ status: "loading", hinted: false });

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const hinted = useRouteLoaderData<typeof rootLoader>("root")?.signedIn ?? false;
  const [state, setState] = useState<AuthState>({ status: "loading", hinted });
  useEffect(() => {
    const off = onSession((s) => setState(s ? { status: "in", user: s.user } : { status: "out" }));
    void refreshSession();
    return off;
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

/**
 * Whether a page shows a visitor's links and offers (sign in, sign up). Not while the session this browser had
 * is being restored: a signed-in person is never asked to sign in while the page finds out who they are.
 */
export const isVisitor = (auth: AuthState) => auth.status === "out" || (auth.status === "loading" && !auth.hinted);
