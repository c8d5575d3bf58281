export { requireUser } from "./middleware";
export { issueAccessToken, verifyAccessToken } from "./tokens";
export { signUp, signIn, issueRefreshToken, consumeRefreshToken, revokeRefreshToken, createUser } from "./sessions";
export { randomToken, sha256Hex } from "./random";
export { hmacSign, hmacVerify } from "./hmac";
export { requireAdmin } from "./admin";
