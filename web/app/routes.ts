import { index, prefix, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/redirect.tsx"),
  route("embed/:trackId", "routes/embed.tsx"),
  route("s/:trackId", "routes/share.tsx"),
  route("g/:token", "routes/gift.tsx"),
  ...prefix(":lang", [
    route("", "routes/layout.tsx", [
      index("routes/home.tsx"),
      route("signin", "routes/signin.tsx", { id: "signin" }),
      route("signup", "routes/signin.tsx", { id: "signup" }),
      route("forgot", "routes/forgot.tsx"),
      route("reset", "routes/reset.tsx"),
      route("new", "routes/order.tsx"),
      route("songs", "routes/library.tsx"),
      route("songs/:jobId", "routes/song.tsx"),
      route("credits", "routes/credits.tsx"),
      route("settings", "routes/settings.tsx"),
      route("privacy", "routes/privacy.tsx"),
      route("pricing", "routes/pricing.tsx"),
      route("admin", "routes/admin/layout.tsx", [
        index("routes/admin/overview.tsx"),
        route("jobs", "routes/admin/jobs.tsx"),
        route("jobs/:jobId", "routes/admin/job.tsx"),
        route("engines", "routes/admin/engines.tsx"),
        route("credits", "routes/admin/credits.tsx", { id: "admin-credits" }),
        route("accounts", "routes/admin/accounts.tsx"),
      ]),
      route("*", "routes/not-found.tsx"),
    ]),
  ]),
] satisfies RouteConfig;
