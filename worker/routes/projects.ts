import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { type Project, projects } from "../../db";
import { requireUser } from "../auth";
import { router } from "../http/app-factory";
import { errorResponses, notFound } from "../http/errors";
import { bearer, idParam, json } from "../http/openapi";
import { databaseOf, newId } from "../shards";

const projectSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
  .meta({ id: "Project" });
const projectBody = z.object({ name: z.string().trim().min(1).max(100) }).meta({ id: "ProjectBody" });
const view = (p: Project) => ({
  id: p.id,
  name: p.name,
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
});
const common = { tags: ["Projects"], security: bearer, middleware: requireUser };
const owned = (id: string, userId: string) => and(eq(projects.id, id), eq(projects.userId, userId));

export const projectRoutes = router()
  .openapi(
    createRoute({
      ...common,
      method: "post",
      path: "/api/projects",
      summary: "Create a project",
      request: { body: json(projectBody, "The project's name") },
      responses: { 201: json(projectSchema, "Created"), ...errorResponses("validation_failed", "unauthorized") },
    }),
    async (c) => {
      const now = Date.now();
      const project: Project = {
        id: newId("prj"),
        userId: c.var.user.id,
        name: c.req.valid("json").name,
        createdAt: now,
        updatedAt: now,
      };
      await c.var.db.insert(projects).values(project);
      return c.json(view(project), 201);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/projects",
      summary: "List your projects",
      responses: {
        200: json(z.object({ projects: z.array(projectSchema) }), "Your projects"),
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const rows = await c.var.db
        .select()
        .from(projects)
        .where(eq(projects.userId, c.var.user.id))
        .orderBy(desc(projects.createdAt));
      return c.json({ projects: rows.map(view) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "get",
      path: "/api/projects/{id}",
      summary: "Get a project",
      request: { params: idParam("project") },
      responses: { 200: json(projectSchema, "The project"), ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const project = await databaseOf(c.env, "prj", c.req.valid("param").id)
        .select()
        .from(projects)
        .where(owned(c.req.valid("param").id, c.var.user.id))
        .get();
      if (!project) throw notFound("Project");
      return c.json(view(project), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "patch",
      path: "/api/projects/{id}",
      summary: "Rename a project",
      request: { params: idParam("project"), body: json(projectBody, "The new name") },
      responses: {
        200: json(projectSchema, "Renamed"),
        ...errorResponses("validation_failed", "unauthorized", "not_found"),
      },
    }),
    async (c) => {
      const [project] = await databaseOf(c.env, "prj", c.req.valid("param").id)
        .update(projects)
        .set({ name: c.req.valid("json").name, updatedAt: Date.now() })
        .where(owned(c.req.valid("param").id, c.var.user.id))
        .returning();
      if (!project) throw notFound("Project");
      return c.json(view(project), 200);
    },
  )
  .openapi(
    createRoute({
      ...common,
      method: "delete",
      path: "/api/projects/{id}",
      summary: "Delete a project (its songs stay in your library)",
      request: { params: idParam("project") },
      responses: { 204: { description: "Deleted" }, ...errorResponses("unauthorized", "not_found") },
    }),
    async (c) => {
      const deleted = await databaseOf(c.env, "prj", c.req.valid("param").id)
        .delete(projects)
        .where(owned(c.req.valid("param").id, c.var.user.id))
        .returning({ id: projects.id });
      if (!deleted.length) throw notFound("Project");
      return c.body(null, 204);
    },
  );
