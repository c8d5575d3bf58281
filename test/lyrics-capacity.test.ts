import { describe, expect, it } from "vitest";
import { credits, json, order, signUp } from "./helpers";

const lyrics = (lines: number) =>
  `[Verse]\n${Array.from({ length: lines }, (_, i) => `Une ligne de chanson numéro ${i + 1}`).join("\n")}`;

describe("custom lyrics that cannot fit the chosen length", () => {
  it("are refused before any charge, with the length that fits them", async () => {
    const { token } = await signUp();
    const before = await credits(token);
    const res = await order(token, {
      mode: "custom",
      title: "Trop long",
      lyrics: lyrics(20),
      language: "fr",
      styleTags: ["pop"],
      vocal: "female",
      durationSeconds: 30,
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe("validation_failed");
    expect(String(error.fields.lyrics)).toMatch(/20 lines .* at most 4.*choose 91 s or longer/);
    expect(await credits(token)).toEqual(before);

    const none = await json(
      await order(token, {
        mode: "custom",
        title: "Bien trop long",
        lyrics: lyrics(40),
        language: "fr",
        styleTags: ["pop"],
        vocal: "female",
        durationSeconds: 240,
      }),
    );
    expect(String(none.error.fields.lyrics)).toMatch(/shorten the lyrics to 28 lines or fewer/);
  });

  it("are taken when they fit, and an instrumental ignores them", async () => {
    const { token } = await signUp();
    expect(
      (
        await order(token, {
          mode: "custom",
          title: "Court",
          lyrics: lyrics(4),
          language: "fr",
          styleTags: ["pop"],
          vocal: "female",
          durationSeconds: 30,
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await order(token, {
          mode: "custom",
          title: "Sans voix",
          lyrics: lyrics(40),
          language: "fr",
          styleTags: ["pop"],
          vocal: "instrumental",
          durationSeconds: 30,
        })
      ).status,
    ).toBe(202);
  });
});
