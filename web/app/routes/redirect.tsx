import { type LoaderFunctionArgs, redirect } from "react-router";
import { detectLocale } from "../lib/locale.server";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/${detectLocale(request)}`, { headers: { Vary: "Cookie, Accept-Language" } });
}
