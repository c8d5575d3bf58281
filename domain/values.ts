// The product's closed sets of words, each written once as an `as const` tuple: drizzle's
// `text({ enum })`, `z.enum(...)`, the engine and the pages all take the same tuple.

export const languages = ["fr", "en"] as const;
export type Language = (typeof languages)[number];

export const vocals = ["female", "male", "instrumental"] as const;
export type Vocal = (typeof vocals)[number];

export const sectionKinds = ["intro", "verse", "pre-chorus", "chorus", "bridge", "outro"] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const jobModes = ["context", "custom"] as const;
export type JobMode = (typeof jobModes)[number];

export const jobStatuses = [
  "QUEUED",
  "WRITING_LYRICS",
  "LYRICS_READY",
  "GENERATING_MUSIC",
  "POSTPROCESSING",
  "DELIVERING",
  "SUCCEEDED",
  "FAILED",
  "CANCELED",
  "TIMED_OUT",
] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const activeStatuses = [
  "QUEUED",
  "WRITING_LYRICS",
  "LYRICS_READY",
  "GENERATING_MUSIC",
  "POSTPROCESSING",
  "DELIVERING",
] as const satisfies readonly JobStatus[];

export const terminalStatuses = [
  "SUCCEEDED",
  "FAILED",
  "CANCELED",
  "TIMED_OUT",
] as const satisfies readonly JobStatus[];
export type TerminalStatus = (typeof terminalStatuses)[number];

export const audioFormats = ["mp3", "wav"] as const;
export type AudioFormat = (typeof audioFormats)[number];

/** The lengths a song may be ordered at, in seconds: the API takes any whole second between them. */
export const songSeconds = { min: 30, max: 240 } as const;
