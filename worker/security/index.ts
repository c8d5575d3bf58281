export { admitOrder, admitPasswordReset, admitSignIn, admitSignUp } from "./gates";
export { cspNonce, withSecurityHeaders } from "./headers";
export { ordersTodayQuery } from "./quota";
export { RateLimiter } from "./rate-limit";
export { fetchProviderAudio, RefusedUrl } from "./safe-fetch";
export { turnstileHeaderSchema } from "./turnstile";
