import { z } from "@hono/zod-openapi";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
export const idParam = (name: string) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(128)
      .openapi({ param: { name: "id", in: "path" }, description: `The ${name}'s id` }),
  });
export const bearer = [{ bearer: [] }];
