import { createContext, useContext, useEffect, useState } from "react";
import { onSession, refreshSession } from "./api";
import type { ApiUser } from "./types";

type AuthState = { status: "loading" } | { status: "out" } | { status: "in"; user: ApiUser };
const AuthContext = createContext<AuthState>({ status: "loading" });

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  useEffect(() => {
    const off = onSession((s) => setState(s ? { status: "in", user: s.user } : { status: "out" }));
    void refreshSession();
    return off;
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
