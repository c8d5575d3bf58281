import { asc, eq, inArray } from "drizzle-orm";
import {
  creditLedger,
  type Database,
  generations,
  gifts,
  jobs,
  projects,
  type Track,
  tracks,
  type User,
  users,
} from "../../db";
import { config } from "../config";
import { readCredits } from "../credits";
import { ownerGiftView } from "../gifts";
import { notFound } from "../http/errors";
import { signMediaLink } from "../media";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A take with signed links to its audio, absolute so they work from the saved file. */
async function takeWithLinks(env: Env, t: Track, now: number) {
  const base = env.PUBLIC_URL.replace(/\/$/, "");
  const absolute = async (link: Promise<{ url: string }>) => `${base}${(await link).url}`;
  const [streamUrl, downloadUrl, wavDownloadUrl] = await Promise.all([
    absolute(signMediaLink(env, t.id, "inline", now)),
    absolute(signMediaLink(env, t.id, "attachment", now)),
    t.wavR2Key ? absolute(signMediaLink(env, t.id, "attachment", now, "wav")) : null,
  ]);
  return {
    trackId: t.id,
    takeIndex: t.takeIndex,
    title: t.title,
    format: t.format,
    durationSeconds: t.durationSeconds,
    sizeBytes: t.sizeBytes,
    sha256: t.sha256,
    shared: t.shareToken !== null,
    streamUrl,
    downloadUrl,
    wavDownloadUrl,
    createdAt: iso(t.createdAt)!,
  };
}
type ExportTake = Awaited<ReturnType<typeof takeWithLinks>>;

/** What a person sees of their own account. */
export const accountView = (user: User) => ({
  id: user.id,
  email: user.email,
  role: user.role,
  orderEmails: user.orderEmails,
  signIn: user.externalId ? ("supabase" as const) : ("password" as const),
  createdAt: iso(user.createdAt)!,
});

/** Everything the account holds, in one JSON document; its takes as signed links (valid MEDIA_LINK_TTL_SECONDS). */
export async function exportAccount(env: Env, db: Database, userId: string) {
  const user = await db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw notFound("Account");
  const [orders, ledger, giftRows, projectRows, credits] = await Promise.all([
    db.select().from(jobs).where(eq(jobs.userId, userId)).orderBy(asc(jobs.createdAt)),
    db.select().from(creditLedger).where(eq(creditLedger.userId, userId)).orderBy(asc(creditLedger.createdAt)),
    db.select().from(gifts).where(eq(gifts.userId, userId)).orderBy(asc(gifts.createdAt)),
    db.select().from(projects).where(eq(projects.userId, userId)).orderBy(asc(projects.createdAt)),
    readCredits(db, userId, 0),
  ]);
  const ids = orders.map((o) => o.id);
  // D1 binds at most 100 parameters per query.
  const chunks = Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));
  const [generationRows, trackRows] = await Promise.all([
    Promise.all(chunks.map((c) => db.select().from(generations).where(inArray(generations.jobId, c)))).then((r) =>
      r.flat(),
    ),
    Promise.all(
      chunks.map((c) => db.select().from(tracks).where(inArray(tracks.jobId, c)).orderBy(asc(tracks.takeIndex))),
    ).then((r) => r.flat()),
  ]);
  const generationOf = new Map(generationRows.map((g) => [g.jobId, g]));
  const now = Date.now();
  const takes = new Map<string, ExportTake[]>();
  for (const t of trackRows) takes.set(t.jobId, [...(takes.get(t.jobId) ?? []), await takeWithLinks(env, t, now)]);
  return {
    exportedAt: new Date(now).toISOString(),
    linksExpireAt: new Date(now + config(env).MEDIA_LINK_TTL_SECONDS * 1000).toISOString(),
    account: accountView(user),
    credits: { balance: credits.balance, reserved: credits.reserved, available: credits.available },
    projects: projectRows.map((p) => ({ id: p.id, name: p.name, createdAt: iso(p.createdAt)! })),
    orders: orders.map((o) => {
      const g = generationOf.get(o.id);
      return {
        id: o.id,
        status: o.status,
        mode: o.mode,
        title: o.title,
        projectId: o.projectId,
        parentJobId: o.parentJobId,
        credits: o.credits,
        engine: o.provider,
        error: o.errorCode ? { code: o.errorCode, message: o.errorMessage } : null,
        brief: g?.context ?? null,
        lyrics: g?.lyrics ?? null,
        language: g?.language ?? null,
        vocal: g?.vocal ?? null,
        styleTags: (g?.styleTags as string[] | undefined) ?? [],
        mood: g?.mood ?? null,
        durationSeconds: g?.durationSeconds ?? null,
        pronunciations: g?.pronunciations ?? null,
        takes: takes.get(o.id) ?? [],
        createdAt: iso(o.createdAt)!,
        finishedAt: iso(o.finishedAt),
      };
    }),
    ledger: ledger.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      reason: e.reason,
      reasonKind: e.reasonKind,
      jobId: e.jobId,
      createdAt: iso(e.createdAt)!,
    })),
    gifts: giftRows.map((g) => ownerGiftView(env, g)),
  };
}
export type AccountExport = Awaited<ReturnType<typeof exportAccount>>;
