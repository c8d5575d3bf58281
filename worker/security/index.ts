export { RateLimiter } from "./rate-limit";
export { admitSignIn, admitSignUp, admitOrder } from "./gates";
export { ordersTodayQuery } from "./quota";
export { turnstileHeaderSchema } from "./turnstile";
export { withSecurityHeaders, cspNonce } from "./headers";
export { fetchProviderAudio, RefusedUrl } from "./safe-fetch";
