import createClient from "openapi-fetch";
import { useTranslation } from "react-i18next";
import { Link, type LoaderFunctionArgs, useLoaderData, useSearchParams } from "react-router";
import type { paths } from "../lib/api-schema";
import { isVisitor, useAuth } from "../lib/auth";
import { CurrencySwitch, defaultCurrency, PackList } from "../lib/billing";
import { cloudflareContext } from "../lib/context";
import { Title, useLocale } from "../lib/hooks";
import { formatNumber, withLocale } from "../lib/i18n";

/** The packs come from the API (in-process), which reads them from the configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const client = createClient<paths>({
    baseUrl: new URL(request.url).origin,
    fetch: context.get(cloudflareContext).api,
  });
  const { data } = await client.GET("/api/billing/packs");
  return {
    packs: data ?? { enabled: false, creditsPerSong: 0, packs: [] },
    signupCredits: context.get(cloudflareContext).config.SIGNUP_CREDITS,
  };
}

export default function Pricing() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useAuth();
  const { packs, signupCredits } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const currency = defaultCurrency(locale, params.get("currency"));
  return (
    <div className="page">
      <Title>{t("billing.pricingTitle")}</Title>
      <h1>{t("billing.pricingTitle")}</h1>
      <p className="lead">{t("billing.lead", { cost: packs.creditsPerSong })}</p>
      {packs.enabled && <CurrencySwitch currency={currency} />}
      <PackList packs={packs} locale={locale} currency={currency} />
      {isVisitor(auth) && (
        // What a visitor can do today, bought credits or not: the credits a new account starts with.
        <p className="actions" data-testid="pricing-signup">
          {signupCredits > 0 && `${t("billing.signupCredits", { credits: formatNumber(locale, signupCredits) })} `}
          <Link className="button" to={withLocale(locale, "/signup")}>
            {t("nav.signup")}
          </Link>
        </p>
      )}
      {auth.status === "in" && (
        <p>
          <Link to={withLocale(locale, "/credits")}>{t("nav.credits")}</Link>
        </p>
      )}
    </div>
  );
}
