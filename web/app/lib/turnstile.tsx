import { useCallback, useEffect, useRef, useState } from "react";
import { useRouteLoaderData } from "react-router";
import { useLocale } from "./hooks";

const SCRIPT = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

interface TurnstileApi {
  render(container: HTMLElement, options: Record<string, unknown>): string;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}
declare global {
  interface Window {
    turnstile?: TurnstileApi;
  }
}

let loading: Promise<TurnstileApi> | null = null;
function loadTurnstile(): Promise<TurnstileApi> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = SCRIPT;
    script.async = true;
    script.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error("turnstile")));
    script.onerror = () => {
      loading = null;
      reject(new Error("turnstile"));
    };
    document.head.append(script);
  });
  return loading;
}

/**
 * Cloudflare Turnstile, when the Worker has a site key (the API then requires its token on sign-up and
 * orders): the widget to place in the form, the token to send, and a reset for after a refused attempt
 * (a token is good for one siteverify only).
 */
export function useTurnstile() {
  const siteKey = useRouteLoaderData<{ turnstileSiteKey: string | null }>("root")?.turnstileSiteKey ?? null;
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const widget = useRef<string | null>(null);
  const [token, setToken] = useState<string | null>(null);

  useEffect(() => {
    if (!siteKey || !container.current) return;
    let gone = false;
    void loadTurnstile().then((turnstile) => {
      if (gone || !container.current) return;
      widget.current = turnstile.render(container.current, {
        sitekey: siteKey,
        language: locale,
        callback: (t: string) => setToken(t),
        "expired-callback": () => setToken(null),
        "error-callback": () => setToken(null),
      });
    });
    return () => {
      gone = true;
      if (widget.current) window.turnstile?.remove(widget.current);
      widget.current = null;
    };
  }, [siteKey, locale]);

  const reset = useCallback(() => {
    setToken(null);
    if (widget.current) window.turnstile?.reset(widget.current);
  }, []);

  return {
    /** Absent when Turnstile is not configured. */
    widget: siteKey ? <div ref={container} className="turnstile" data-testid="turnstile" /> : null,
    /** What to send: undefined when not configured, null until the person has passed the check. */
    token: siteKey ? token : undefined,
    reset,
  };
}
