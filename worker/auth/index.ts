export { requireAdmin } from "./admin";
export { clearSessionCookies, refreshCookie, SESSION_HINT_COOKIE, setSessionCookies } from "./cookies";
export { hmacSign, hmacVerify, signTicket, ticketParts } from "./hmac";
export { type Account, accountOf, accountQuery, requireToken, requireUser } from "./middleware";
export { issuePasswordReset, PASSWORD_RESET_TTL_SECONDS, verifyPasswordReset } from "./password-reset";
export { randomToken, sha256Hex } from "./random";
export {
  changePassword,
  consumeRefreshToken,
  createUser,
  issueRefreshToken,
  revokeRefreshToken,
  setPassword,
  signIn,
  signUp,
} from "./sessions";
export { issueAccessToken, type TokenSubject, verifyAccessToken } from "./tokens";
