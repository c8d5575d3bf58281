import createClient from "openapi-fetch";
import { useTranslation } from "react-i18next";
import { Link, type LoaderFunctionArgs, useLoaderData, useSearchParams } from "react-router";
import type { paths } from "../lib/api-schema";
import { useAuth } from "../lib/auth";
import { CurrencySwitch, defaultCurrency, PackList } from "../lib/billing";
import { cloudflareContext } from "../lib/context";
import { Title, useLocale } from "../lib/hooks";
import { withLocale } from "../lib/i18n";

/** The packs come from the API (in-process), which reads them from the configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const client = createClient<paths>({
    baseUrl: new URL(request.url).origin,
    fetch: context.get(cloudflareContext).api,
  });
  const { data } = await client.GET("/api/billing/packs");
  return { packs: data ?? { enabled: false, creditsPerSong: 0, packs: [] } };
}

export default function Pricing() {
  const { t } = useTranslation();
  const locale = useLocale();
  const auth = useAuth();
  const { packs } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const currency = defaultCurrency(locale, params.get("currency"));
  return (
    <div className="page">
      <Title>{t("billing.pricingTitle")}</Title>
      <h1>{t("billing.pricingTitle")}</h1>
      <p className="lead">{t("billing.lead", { cost: packs.creditsPerSong })}</p>
      {packs.enabled && <CurrencySwitch currency={currency} />}
      <PackList packs={packs} locale={locale} currency={currency} />
      {auth.status === "in" && (
        <p>
          <Link to={withLocale(locale, "/credits")}>{t("nav.credits")}</Link>
        </p>
      )}
    </div>
  );
}
