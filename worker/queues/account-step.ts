import type { z } from "zod";
import type { Database } from "../../db";
import { eraseAccount } from "../account/erase";
import type { accountMessageSchema } from "./messages";

export async function accountStep(
  env: Env,
  db: Database,
  message: z.output<typeof accountMessageSchema>,
): Promise<void> {
  await eraseAccount(env, db, message.userId, message.recheck);
}
