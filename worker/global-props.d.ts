// Types `exports` from "cloudflare:workers" (ctx.exports) after our main module; wrangler types leaves it to us for a .ts entry point.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./index");
    durableNamespaces: "JobObject";
  }
}
