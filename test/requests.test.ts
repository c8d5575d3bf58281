import { describe, expect, it } from "vitest";
import { call, contextOrder, json, order, signUp } from "./helpers";

describe("bad input gets a clear error, never a 500", () => {
  it("names each invalid field", async () => {
    const { token } = await signUp();
    const res = await order(
      token,
      contextOrder({ language: "de", recipientName: "", durationSeconds: 5000, vocal: "choir" }),
    );
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields).sort()).toEqual(["durationSeconds", "language", "recipientName", "vocal"]);
  });

  it("refuses a name with no letter in it (emoji only), which no song could sing", async () => {
    const { token } = await signUp();
    const res = await order(token, contextOrder({ recipientName: "💕🎂" }));
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields.recipientName).toEqual(["A name needs at least one letter"]);
    expect((await order(token, contextOrder({ recipientName: "Zoé 💕" }))).status).toBe(202);
  });

  it("keeps a name typed in lower case as a name, and a name with capitals as typed", async () => {
    const { token } = await signUp();
    const typed = await json(await order(token, contextOrder({ recipientName: "marie-claire et paul" })));
    expect(typed.request.recipientName).toBe("Marie-Claire et Paul");
    const own = await json(await order(token, contextOrder({ recipientName: "DeShawn" })));
    expect(own.request.recipientName).toBe("DeShawn");
  });

  it("requires lyrics in custom mode unless instrumental", async () => {
    const { token } = await signUp();
    const res = await order(token, {
      mode: "custom",
      title: "Sans paroles",
      lyrics: "",
      language: "fr",
      styleTags: ["jazz"],
      vocal: "female",
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields.lyrics).toBeDefined();
    expect(
      (
        await order(token, {
          mode: "custom",
          title: "Sans paroles",
          language: "fr",
          styleTags: ["jazz"],
          vocal: "instrumental",
        })
      ).status,
    ).toBe(202);
  });

  it("requires an Idempotency-Key", async () => {
    const { token } = await signUp();
    const res = await call("/api/jobs", { method: "POST", token, body: JSON.stringify(contextOrder()) });
    expect(res.status).toBe(400);
    expect((await json(res)).error.fields["idempotency-key"]).toBeDefined();
  });

  it("answers malformed JSON with 400, an oversized body with 413, an unknown route with 404", async () => {
    const { token } = await signUp();
    const malformed = await call("/api/projects", { method: "POST", token, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error.code).toBe("validation_failed");
    const huge = await call("/api/projects", {
      method: "POST",
      token,
      body: JSON.stringify({ name: "x".repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await json(huge)).error.code).toBe("payload_too_large");
    const nowhere = await call("/api/nowhere", { token });
    expect(nowhere.status).toBe(404);
    expect((await json(nowhere)).error.code).toBe("not_found");
  });

  it("publishes the OpenAPI document with every route and its documented errors, and a docs page", async () => {
    const doc = await json(await call("/api/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/jobs",
      "/api/jobs/{id}",
      "/api/jobs/{id}/events",
      "/api/jobs/{id}/cancel",
      "/api/projects/{id}",
      "/api/credits",
      "/api/tracks/{id}/links",
      "/api/webhooks/{provider}",
      "/api/auth/signup",
    ])
      expect(doc.paths[path], path).toBeDefined();
    expect(Object.keys(doc.paths["/api/jobs"].post.responses)).toEqual(
      expect.arrayContaining(["202", "400", "401", "402", "409"]),
    );
    expect(doc.components.schemas.Error).toBeDefined();
    const page = await call("/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/jobs/{id}/events");
  });
});
