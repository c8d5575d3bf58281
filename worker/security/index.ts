export { RateLimiter, rateLimit, parseRateRule, type RateRule, type Verdict } from "./rate-limit";
export { enforceDailyJobQuota } from "./quota";
export { verifyTurnstile, turnstileHeaderSchema, TURNSTILE_HEADER } from "./turnstile";
export { admitSignIn, admitSignUp, admitOrder } from "./gates";
export { withSecurityHeaders, cspNonce } from "./headers";
export { fetchProviderAudio, audioHosts, RefusedUrl } from "./safe-fetch";
