import type { Config } from "@react-router/dev/config";

// The web app lives in web/app and is served by the same Worker as the API (web/worker.ts).
export default { appDirectory: "web/app", buildDirectory: "build", ssr: true } satisfies Config;
