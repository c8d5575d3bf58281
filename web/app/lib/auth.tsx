import { createContext, useContext, useEffect, useState } from "react";
import { onSession, refreshSession, type Schema } from "./api";

type AuthState = { status: "loading" } | { status: "out" } | { status: "in"; user: Schema<"User"> };
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
