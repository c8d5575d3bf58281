import { useCallback, useEffect, useState } from "react";
import { api, ApiFailure } from "../lib/api";

/** GETs an operators' endpoint once signed in, again on `reload` or when the path changes. */
export function useApi<T>(path: string | null) {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: ApiFailure | null }>({ path: null, data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<T>(path).then(
      (data) => live && setState({ path, data, error: null }),
      (error: unknown) => live && setState({ path, data: null, error: error instanceof ApiFailure ? error : new ApiFailure(0, "network", String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // A page for another path is not shown while the new one loads.
  return { data: state.path === path ? state.data : null, error: state.path === path ? state.error : null, reload };
}
