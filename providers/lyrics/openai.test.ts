import { describe, expect, it } from "vitest";
import { expectKind } from "../../test/provider-tests";
import type { SongContext } from "../contract";
import { OpenAICompatibleLyricsWriter } from "./openai";
import { parseLyricsAnswer } from "./prompt";

const ctx: SongContext = {
  occasion: "anniversaire",
  recipientName: "Maëlys",
  relationship: "ma sœur",
  details: ["elle fait du surf chaque matin", "son chat Moustache"],
  language: "fr",
  styleTags: ["pop"],
  mood: "joyeux",
  vocal: "female",
  durationSeconds: 120,
};

const tagged =
  "[Couplet 1]\nMaëlys sur sa planche au matin\n[Refrain]\nJoyeux anniversaire, Maëlys\nOn chante pour toi, Maëlys";

interface Seen {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A fake server: each call builds a fresh Response (a body can only be read once). */
function server(answer: () => Response): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    seen.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    return answer();
  };
  return { fetch: fake as typeof fetch, seen };
}

const completion = (content: string, finishReason = "stop"): Response =>
  Response.json({
    id: "c1",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }],
  });

function writer(answer: () => Response, extra: { jsonMode?: boolean; apiKey?: string; timeoutMs?: number } = {}) {
  const fake = server(answer);
  return {
    writer: new OpenAICompatibleLyricsWriter({
      baseUrl: "https://llm.test/v1/",
      model: "gpt-test",
      fetch: fake.fetch,
      ...extra,
    }),
    seen: fake.seen,
  };
}

describe("OpenAICompatibleLyricsWriter", () => {
  it("posts the model, the brief and JSON mode, and reads a JSON answer", async () => {
    const { writer: w, seen } = writer(() => completion(JSON.stringify({ title: "Maëlys, 30 ans", lyrics: tagged })), {
      jsonMode: true,
      apiKey: "sk-test",
    });
    expect(w.id).toBe("llm");
    const lyrics = await w.writeLyrics(ctx);
    expect(lyrics.title).toBe("Maëlys, 30 ans");
    expect(lyrics.sections.map((s) => s.kind)).toEqual(["verse", "chorus"]);

    const [call] = seen;
    expect(call!.url).toBe("https://llm.test/v1/chat/completions");
    expect(call!.headers.get("authorization")).toBe("Bearer sk-test");
    expect(call!.body.model).toBe("gpt-test");
    expect(call!.body.response_format).toEqual({ type: "json_object" });
    expect(typeof call!.body.temperature).toBe("number");
    const messages = call!.body.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    const user = messages[1]!.content;
    expect(user).toContain("Maëlys");
    expect(user).toContain("French");
    expect(user).toContain("elle fait du surf chaque matin");
    expect(messages[0]!.content).toMatch(/\[Chorus\]/);
  });

  it("sends no key and no response_format unless configured", async () => {
    const { writer: w, seen } = writer(() => completion(tagged));
    await w.writeLyrics(ctx);
    expect(seen[0]!.headers.get("authorization")).toBeNull();
    expect(seen[0]!.body).not.toHaveProperty("response_format");
  });

  it("reads a tagged-text answer, and JSON in a code fence", async () => {
    const text = await writer(() => completion(`Titre : Pour Maëlys\n\n${tagged}`)).writer.writeLyrics(ctx);
    expect(text.title).toBe("Pour Maëlys");
    expect(text.sections[1]!.lines).toContain("Joyeux anniversaire, Maëlys");
    const fenced = await writer(() =>
      completion(`Voici :\n\`\`\`json\n${JSON.stringify({ title: "T", lyrics: tagged })}\n\`\`\``),
    ).writer.writeLyrics(ctx);
    expect(fenced.title).toBe("T");
  });

  it("counts lyrics without the name, without a chorus or empty as unavailable", async () => {
    await expectKind(
      writer(() => completion("[Verse]\nLa la la\n[Chorus]\nOn chante pour toi")).writer.writeLyrics(ctx),
      "unavailable",
    );
    await expectKind(writer(() => completion("[Verse]\nMaëlys, la la la")).writer.writeLyrics(ctx), "unavailable");
    await expectKind(writer(() => completion("   ")).writer.writeLyrics(ctx), "unavailable");
  });

  it("maps HTTP errors onto provider error kinds", async () => {
    const status =
      (code: number, body: unknown, headers: Record<string, string> = {}) =>
      () =>
        Response.json(body, { status: code, headers });
    await expectKind(
      writer(status(401, { error: { message: "Incorrect API key" } })).writer.writeLyrics(ctx),
      "unavailable",
    );
    await expectKind(writer(status(403, { error: { message: "Forbidden" } })).writer.writeLyrics(ctx), "unavailable");
    const limited = await expectKind(
      writer(status(429, { error: { message: "Slow down" } }, { "retry-after": "7" })).writer.writeLyrics(ctx),
      "rate_limited",
    );
    expect(limited.retryAfterSeconds).toBe(7);
    await expectKind(
      writer(
        status(400, {
          error: { message: "Your request was rejected by our safety system", code: "content_policy_violation" },
        }),
      ).writer.writeLyrics(ctx),
      "rejected",
    );
    await expectKind(
      writer(status(400, { error: { message: "Unknown parameter" } })).writer.writeLyrics(ctx),
      "unavailable",
    );
    await expectKind(writer(status(503, { error: { message: "Overloaded" } })).writer.writeLyrics(ctx), "unavailable");
    await expectKind(
      writer(() => new Response("<html>bad gateway</html>", { status: 200 })).writer.writeLyrics(ctx),
      "unavailable",
    );
    await expectKind(writer(() => completion("", "content_filter")).writer.writeLyrics(ctx), "rejected");
  });

  it("counts a network failure or a deadline passed as unavailable", async () => {
    const broken = new OpenAICompatibleLyricsWriter({
      baseUrl: "https://llm.test/v1",
      model: "m",
      fetch: (async () => {
        throw new TypeError("network down");
      }) as typeof fetch,
    });
    await expectKind(broken.writeLyrics(ctx), "unavailable");
    const slow = new OpenAICompatibleLyricsWriter({
      baseUrl: "https://llm.test/v1",
      model: "m",
      timeoutMs: 50,
      fetch: ((_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
        )) as typeof fetch,
    });
    const err = await expectKind(slow.writeLyrics(ctx), "unavailable");
    expect(err.message).toMatch(/50 ms/);
  });
});

describe("parseLyricsAnswer", () => {
  it("takes lyrics given as an array of lines", () => {
    const lyrics = parseLyricsAnswer(
      JSON.stringify({ title: "Hi", lyrics: ["[Chorus]", "Happy birthday, Maëlys"] }),
      { ...ctx, language: "en" },
      "llm",
    );
    expect(lyrics.sections).toEqual([{ kind: "chorus", lines: ["Happy birthday, Maëlys"] }]);
  });
});
