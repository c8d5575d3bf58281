import { useCallback, useEffect, useRef, useState } from "react";
import { ApiFailure } from "../lib/api";

/** Loads an operators' endpoint once signed in, again on `reload` or when `key` (what is asked) changes. */
export function useApi<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiFailure | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key says when to load again; the loader is read through a ref.
  useEffect(() => {
    if (!key) return;
    let live = true;
    loader.current().then(
      (data) => live && setState({ key, data, error: null }),
      (error: unknown) =>
        live &&
        setState({
          key,
          data: null,
          error: error instanceof ApiFailure ? error : new ApiFailure(0, "network", String(error)),
        }),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // A page for another request is not shown while the new one loads.
  return { data: state.key === key ? state.data : null, error: state.key === key ? state.error : null, reload };
}
