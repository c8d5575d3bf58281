export { requireAdmin } from "./admin";
export { hmacSign, hmacVerify } from "./hmac";
export { requireUser } from "./middleware";
export { randomToken, sha256Hex } from "./random";
export { consumeRefreshToken, createUser, issueRefreshToken, revokeRefreshToken, signIn, signUp } from "./sessions";
export { issueAccessToken, verifyAccessToken } from "./tokens";
