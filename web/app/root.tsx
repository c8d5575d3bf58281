import { parse } from "hono/utils/cookie";
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
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { SESSION_HINT_COOKIE } from "../../worker/auth/cookies";
import { cloudflareContext } from "./lib/context";
import { type Locale, makeI18n } from "./lib/i18n";
import { detectLocale, messages } from "./lib/locale.server";
import styles from "./styles.css?url";

/** What an error page needs to speak the visitor's language when the root loader itself refused the URL. */
interface Speech {
  locale: Locale;
  messages: Record<string, unknown>;
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  if (params.lang !== undefined && params.lang !== "fr" && params.lang !== "en") {
    const locale = detectLocale(request);
    throw data({ locale, messages: messages[locale] } satisfies Speech, { status: 404 });
  }
  const locale = detectLocale(request, params.lang);
  const turnstileSiteKey = context.get(cloudflareContext).config.TURNSTILE_SITE_KEY || null;
  const signedIn = parse(request.headers.get("cookie") ?? "", SESSION_HINT_COOKIE)[SESSION_HINT_COOKIE] === "1";
  return { locale, messages: messages[locale] as Record<string, unknown>, turnstileSiteKey, signedIn };
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
  // Pages that work as plain HTML (the home page: text and links) ship no JavaScript to a visitor. Someone
  // signed in gets the app, whose menu is theirs.
  const matches = useMatches();
  const hydrate =
    root?.signedIn || !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
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

/**
 * Every page's error, in the visitor's language: what went wrong and what to do. A gift's or a shared song's
 * link that leads nowhere says so, for the person who followed it from a message.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const speech: Speech | undefined =
    root ?? (isRouteErrorResponse(error) && (error.data as Partial<Speech> | null)?.messages ? error.data : undefined);
  const i18n = useMemo(() => speech && makeI18n(speech.locale, speech.messages), [speech]);
  // Only a root loader that failed outright leaves no language to speak.
  if (!i18n)
    return (
      <main className="page narrow" data-testid="error-page" data-status={status}>
        <h1>{status}</h1>
        <p>
          <a href="/">Refrain</a>
        </p>
      </main>
    );
  const { t } = i18n;
  const missing = status === 404;
  const title = t(missing ? "errorPage.notFoundTitle" : "errorPage.failedTitle");
  const text = !missing
    ? t("errorPage.failed")
    : /^\/g\//.test(pathname)
      ? t("errorPage.giftNotFound")
      : /^\/(s|embed)\//.test(pathname)
        ? t("errorPage.sharedNotFound")
        : t("errorPage.notFound");
  return (
    <main className="page narrow" data-testid="error-page" data-status={status}>
      <title>{`${title} — Refrain`}</title>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={`/${i18n.language}`}>{t("errorPage.home")}</a>
      </p>
    </main>
  );
}
