import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, jwtVerify, SignJWT } from "jose";
import { config } from "../config";

export const ACCESS_TOKEN_ISSUER = "refrain";
export const ACCESS_TOKEN_AUDIENCE = "refrain-api";

export interface TokenSubject {
  /** Our own tokens carry our user id; Supabase tokens carry theirs, mapped to a user on first sight. */
  source: "refrain" | "supabase";
  subject: string;
  email?: string;
  /** When the token was issued (seconds): a deleted account's tokens issued before its deletion are refused. */
  issuedAt?: number;
  /** The sign-in session our own tokens belong to (absent from tokens issued before sessions were recorded). */
  sessionId?: string;
}

const secretKey = (secret: string) => new TextEncoder().encode(secret);

export async function issueAccessToken(
  env: Env,
  userId: string,
  role: string,
  sessionId: string,
): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = config(env).ACCESS_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ role, sid: sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(secretKey(env.AUTH_JWT_SECRET));
  return { token, expiresIn };
}

// One key set per JWKS URL for the isolate's life: jose caches and refreshes the keys itself.
const jwksByUrl = new Map<string, JWTVerifyGetKey>();
function jwks(url: string): JWTVerifyGetKey {
  let set = jwksByUrl.get(url);
  if (!set) jwksByUrl.set(url, (set = createRemoteJWKSet(new URL(url))));
  return set;
}

/** Verifies an access token with the algorithm pinned per issuer; answers null for anything not valid. */
export async function verifyAccessToken(env: Env, token: string): Promise<TokenSubject | null> {
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return null;
  }
  try {
    if (issuer === ACCESS_TOKEN_ISSUER) {
      const { payload } = await jwtVerify(token, secretKey(env.AUTH_JWT_SECRET), {
        algorithms: ["HS256"],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        requiredClaims: ["exp", "sub"],
      });
      return {
        source: "refrain",
        subject: payload.sub!,
        ...(typeof payload.sid === "string" ? { sessionId: payload.sid } : {}),
      };
    }
    if (env.SUPABASE_ISSUER && issuer === env.SUPABASE_ISSUER) {
      const options = { issuer: env.SUPABASE_ISSUER, audience: env.SUPABASE_AUDIENCE, requiredClaims: ["exp", "sub"] };
      const { payload } = env.SUPABASE_JWKS_URL
        ? await jwtVerify(token, jwks(env.SUPABASE_JWKS_URL), { ...options, algorithms: ["RS256", "ES256"] })
        : env.SUPABASE_JWT_SECRET
          ? await jwtVerify(token, secretKey(env.SUPABASE_JWT_SECRET), { ...options, algorithms: ["HS256"] })
          : { payload: null };
      if (!payload?.sub) return null;
      return {
        source: "supabase",
        subject: payload.sub,
        ...(typeof payload.email === "string" ? { email: payload.email } : {}),
        ...(typeof payload.iat === "number" ? { issuedAt: payload.iat } : {}),
      };
    }
  } catch {
    return null;
  }
  return null;
}
