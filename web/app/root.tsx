import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import {
  data,
  isRouteErrorResponse,
  Links,
  type LoaderFunctionArgs,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunctionArgs,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { cloudflareContext } from "./lib/context";
import { type Locale, makeI18n } from "./lib/i18n";
import { detectLocale, messages } from "./lib/locale.server";
import styles from "./styles.css?url";

export function loader({ request, params, context }: LoaderFunctionArgs) {
  if (params.lang !== undefined && params.lang !== "fr" && params.lang !== "en")
    throw data("Not found", { status: 404 });
  const locale = detectLocale(request, params.lang);
  const turnstileSiteKey = context.get(cloudflareContext).env.TURNSTILE_SITE_KEY || null;
  return { locale, messages: messages[locale] as Record<string, unknown>, turnstileSiteKey };
}

// The locale table travels once, and again only when the language changes.
export function shouldRevalidate({
  currentParams,
  nextParams,
  nextUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (currentParams.lang !== nextParams.lang || nextUrl.searchParams.has("lang")) return true;
  return defaultShouldRevalidate && false;
}

export const links = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "data:," },
];

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  // Pages that work as plain HTML (the home page: text and links) ship no JavaScript at all.
  const matches = useMatches();
  const hydrate = !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  // A page framed by other sites (the embed) may be denied sessionStorage, where scroll restoration keeps its
  // positions: reading it there throws a SecurityError. Such a page has nothing to restore anyway.
  const restoreScroll = hydrate && !matches.some((m) => (m.handle as { framed?: boolean } | undefined)?.framed);
  // A page may speak another language than the visitor's (a gift speaks its sender's).
  const pageLocale = matches
    .map((m) => (m.loaderData as { pageLocale?: string } | undefined)?.pageLocale)
    .findLast(Boolean);
  return (
    <html lang={pageLocale ?? root?.locale ?? "fr"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* Stylesheets need no nonce (the CSP allows 'self'); an empty one keeps React Router from adding the
            server's, which the browser hides from the page and hydration then reports as a mismatch. */}
        <Links nonce="" />
      </head>
      <body>
        {children}
        {restoreScroll && <ScrollRestoration />}
        {hydrate && <Scripts />}
      </body>
    </html>
  );
}

export default function App() {
  const root = useRouteLoaderData<typeof loader>("root")!;
  const i18n = useMemo(() => makeI18n(root.locale as Locale, root.messages), [root.locale, root.messages]);
  return (
    <I18nextProvider i18n={i18n}>
      <Outlet />
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="page narrow">
      <h1>{status === 404 ? "404" : "Refrain"}</h1>
      <p>
        <a href="/">Refrain</a>
      </p>
    </main>
  );
}
