import type { Schema } from "./api";

// The choices the order form and the variation form offer (the API accepts any style tag).
export const styles = ["pop", "folk", "chanson", "rock", "jazz", "ballad", "reggae", "electro", "country"] as const;
export const voices = ["female", "male", "instrumental"] as const satisfies readonly Schema<"ContextJob">["vocal"][];
export const languages = ["fr", "en"] as const satisfies readonly Schema<"ContextJob">["language"][];
