// The styles the built-in engine plays. Patterns are written on a 16th-note grid, one character
// per step (12 steps for a 3/4 bar, patterns may span several bars and then repeat):
//   drums  X accent, x normal, o soft, g ghost, . silent          (keys are GM drum notes)
//   bass   R root, 5 fifth, 8 octave, A approach to the next chord, = hold, . rest
//   hits   C chord, c soft chord, = hold, . rest
//   strum  D down-strum (every string), U up-strum (the top four, softer), = hold, . rest
//   arp    0-9 index into the voicing (0 = the bass note), = hold, . rest
//   power  P power chord, p muted power chord, = hold, . rest

export const styleIds = [
  "pop",
  "rock",
  "folk",
  "electronic",
  "hiphop",
  "ballad",
  "jazz",
  "chanson",
  "children",
] as const;
export type StyleId = (typeof styleIds)[number];

export const moodFamilies = ["bright", "sad", "romantic", "energetic", "calm"] as const;
export type MoodFamily = (typeof moodFamilies)[number];

export interface Instrument {
  program: number;
  /** Bank select (CC0) for the bank's variations: 8 = Ukulele/Italian accordion, 16 = Mandolin. */
  bank?: number;
  /** CC7. */
  volume: number;
  /** CC10, 64 = centre. */
  pan: number;
  /** Pitch range the part may use. */
  range?: [number, number];
}

export type DrumPattern = Partial<Record<number, string>>;
export type FillKind = "toms" | "snare" | "roll" | "brush";
export type BassPattern = { kind: "steps"; steps: string; alternateFifth?: boolean } | { kind: "walk" };
export type CompPattern =
  | { kind: "hits"; steps: string; voices: number; low: number; high: number; gate?: number }
  | { kind: "comping"; variants: string[]; voices: number; low: number; high: number }
  | { kind: "arp"; steps: string; low: number; high: number; bassLow: number; pedal: boolean }
  | { kind: "strum"; steps: string; low: number; high: number }
  | { kind: "power"; steps: string; low: number; gate: number }
  | { kind: "arp16"; low: number; high: number };

/** What plays at one energy level. */
export interface Layer {
  drums: DrumPattern | null;
  bass: BassPattern | null;
  comp: CompPattern | null;
  comp2: CompPattern | null;
  pad: boolean;
  /** An instrument doubles the sung melody (children's songs do it in the chorus). */
  double?: boolean;
}

export interface ProgressionSet {
  verse: string[];
  chorus: string[];
  prechorus: string[];
  bridge: string[];
  /** Chords that lead into the final tonic, the last one just before it. */
  cadence: string[];
}

export interface StyleDef {
  id: StyleId;
  tempo: [number, number];
  beatsPerBar: 3 | 4;
  /** Off-beat delay: unit 0.5 swings eighths, 0.25 sixteenths; ratio 0.5 is straight, 0.667 triplet. */
  swing: { unit: 0.5 | 0.25; ratio: number } | null;
  /** Bars per written progression bar: a waltz moves its harmony every two bars. */
  barsPerSymbol: 1 | 2;
  /** Bars a lyric line takes when its syllables fit. */
  lineBars: number;
  /** The sung melody's shortest note, in beats: eighths, or sixteenths at slow tempos and in rap. */
  melodyUnit: 0.25 | 0.5;
  /** Rap: syllables on sixteenths around one pitch, not a sung tune. */
  rap: boolean;
  fill: FillKind;
  /** How much of the mix's reverb the style wants (1 = a medium room). */
  reverb: number;
  /** The drums' program picks a kit: 0 standard, 8 room, 16 power, 24 electronic, 25 TR-808, 40 brush. */
  instruments: {
    drums: Instrument;
    bass: Instrument;
    comp: Instrument;
    comp2?: Instrument;
    pad?: Instrument;
    lead: Instrument;
    double?: Instrument;
  };
  /** Energy levels: 0 bare (a long intro's first half), 1 light (first verse, bridge), 2 verse, 3 chorus. */
  levels: [Layer, Layer, Layer, Layer];
  defaultMood: MoodFamily;
  /** Moods forced to another (children's songs stay major whatever the mood). */
  moodOverride?: Partial<Record<MoodFamily, MoodFamily>>;
  progressions?: Partial<Record<MoodFamily, ProgressionSet>>;
}

export const gm = {
  kick: 36,
  sideStick: 37,
  snare: 38,
  clap: 39,
  lowFloorTom: 41,
  closedHat: 42,
  lowTom: 45,
  pedalHat: 44,
  openHat: 46,
  midTom: 47,
  hiMidTom: 48,
  crash: 49,
  highTom: 50,
  ride: 51,
  tambourine: 54,
  cabasa: 69,
  shaker: 70,
} as const;

const none: Layer = { drums: null, bass: null, comp: null, comp2: null, pad: false };

const popDrums = {
  light: { [gm.kick]: "x.......x.......", [gm.sideStick]: "....o.......o...", [gm.closedHat]: "x.o.x.o.x.o.x.o." },
  verse: { [gm.kick]: "x.......x.x.....", [gm.snare]: "....x.......x...", [gm.closedHat]: "x.o.x.o.x.o.x.o." },
  chorus: {
    [gm.kick]: "x.....x.x.x.....",
    [gm.snare]: "....X.......X...",
    [gm.closedHat]: "x.x.x.x.x.x.x.o.",
    [gm.openHat]: "..............o.",
    [gm.tambourine]: "..o...o...o...o.",
  },
};

const pop: StyleDef = {
  id: "pop",
  tempo: [94, 116],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "toms",
  reverb: 1,
  instruments: {
    drums: { program: 0, volume: 92, pan: 64 },
    bass: { program: 33, volume: 100, pan: 64 },
    comp: { program: 0, volume: 104, pan: 54 },
    comp2: { program: 25, volume: 84, pan: 82 },
    pad: { program: 48, volume: 64, pan: 70 },
    lead: { program: 27, volume: 96, pan: 60, range: [62, 84] },
  },
  levels: [
    { ...none, comp: { kind: "hits", steps: "C===============", voices: 4, low: 55, high: 74 }, pad: true },
    {
      drums: popDrums.light,
      bass: { kind: "steps", steps: "R=======R=====5=" },
      comp: { kind: "arp", steps: "0=2=3=4=1=3=4=2=", low: 55, high: 76, bassLow: 43, pedal: true },
      comp2: null,
      pad: false,
    },
    {
      drums: popDrums.verse,
      bass: { kind: "steps", steps: "R=====R.R=====A=" },
      comp: { kind: "hits", steps: "C=====C=====C===", voices: 4, low: 55, high: 74 },
      comp2: null,
      pad: true,
    },
    {
      drums: popDrums.chorus,
      bass: { kind: "steps", steps: "R=R=R=R=R=R=5=A=" },
      comp: { kind: "hits", steps: "C=c=C=c=C=c=C=c=", voices: 4, low: 57, high: 76, gate: 0.9 },
      comp2: { kind: "strum", steps: "D===D=U===U=D=U=", low: 40, high: 67 },
      pad: true,
    },
  ],
  defaultMood: "bright",
};

const rock: StyleDef = {
  id: "rock",
  tempo: [112, 136],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "toms",
  reverb: 0.75,
  instruments: {
    drums: { program: 16, volume: 84, pan: 64 },
    bass: { program: 34, volume: 106, pan: 64 },
    comp: { program: 28, volume: 118, pan: 40 },
    comp2: { program: 29, volume: 96, pan: 88 },
    pad: { program: 18, volume: 64, pan: 64 },
    lead: { program: 29, volume: 116, pan: 70, range: [59, 81] },
  },
  levels: [
    { ...none, comp2: { kind: "power", steps: "P===============", low: 40, gate: 1 }, pad: false },
    {
      drums: { [gm.kick]: "x.......x.......", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R=======R=======" },
      comp: { kind: "power", steps: "p.p.p.p.p.p.p.p.", low: 40, gate: 0.45 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.kick]: "x.....x.x.......", [gm.snare]: "....x.......x...", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R=R=R=R=R=R=R=R=" },
      comp: { kind: "power", steps: "p.p.p.p.p.p.p.p.", low: 40, gate: 0.45 },
      comp2: null,
      pad: false,
    },
    {
      drums: {
        [gm.kick]: "x.....x.x.x.....",
        [gm.snare]: "....X.......X...",
        [gm.ride]: "x.x.x.x.x.x.x.x.",
        [gm.openHat]: "..............x.",
      },
      bass: { kind: "steps", steps: "R=R=R=R=R=R=8=5=" },
      comp: null,
      comp2: { kind: "power", steps: "P=P=P=P=P=P=P=P=", low: 40, gate: 0.9 },
      pad: true,
    },
  ],
  defaultMood: "energetic",
  progressions: {
    energetic: {
      verse: ["I | bVII | IV | I", "I | IV | V | IV", "I | V | vi | IV"],
      chorus: ["IV | I | V | V", "I | V | vi | IV", "IV | V | I | I"],
      prechorus: ["IV | V | IV | V", "vi | IV | V | V"],
      bridge: ["vi | V | IV | V", "IV | V | vi | V"],
      cadence: ["IV", "V"],
    },
  },
};

const folk: StyleDef = {
  id: "folk",
  tempo: [88, 116],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "snare",
  reverb: 0.9,
  instruments: {
    drums: { program: 8, volume: 76, pan: 64 },
    bass: { program: 32, volume: 100, pan: 64 },
    comp: { program: 25, volume: 124, pan: 48 },
    comp2: { program: 25, bank: 8, volume: 90, pan: 86 },
    pad: { program: 49, volume: 58, pan: 72 },
    lead: { program: 22, volume: 118, pan: 64, range: [60, 84] },
  },
  levels: [
    { ...none, comp: { kind: "arp", steps: "0=3=2=4=1=3=2=4=", low: 52, high: 69, bassLow: 40, pedal: true } },
    {
      drums: { [gm.shaker]: "xoxoxoxoxoxoxoxo" },
      bass: { kind: "steps", steps: "R=======5=======" },
      comp: { kind: "strum", steps: "D===D=U===U=D=U=", low: 40, high: 67 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.kick]: "x.......x.......", [gm.sideStick]: "....x.......x...", [gm.shaker]: "xoxoxoxoxoxoxoxo" },
      bass: { kind: "steps", steps: "R===5===R===5===" },
      comp: { kind: "strum", steps: "D===D=U===U=D=U=", low: 40, high: 67 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.kick]: "x.....x.x.......", [gm.snare]: "....x.......x...", [gm.tambourine]: "o.o.o.o.o.o.o.o." },
      bass: { kind: "steps", steps: "R===5===R===5=A=" },
      comp: { kind: "strum", steps: "D=D=D=U=D=U=D=U=", low: 40, high: 67 },
      comp2: { kind: "arp", steps: "1=2=3=4=3=2=3=4=", low: 55, high: 76, bassLow: 52, pedal: false },
      pad: true,
    },
  ],
  defaultMood: "bright",
};

const electronic: StyleDef = {
  id: "electronic",
  tempo: [118, 126],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "roll",
  reverb: 1,
  instruments: {
    drums: { program: 24, volume: 92, pan: 64 },
    bass: { program: 38, volume: 122, pan: 64 },
    comp: { program: 90, volume: 100, pan: 56 },
    comp2: { program: 80, volume: 64, pan: 76 },
    pad: { program: 89, volume: 84, pan: 64 },
    lead: { program: 81, volume: 88, pan: 64, range: [62, 84] },
  },
  levels: [
    { ...none, pad: true },
    {
      drums: { [gm.kick]: "x...x...x...x...", [gm.closedHat]: "..x...x...x...x." },
      bass: { kind: "steps", steps: "..R=..R=..R=..R=" },
      comp: { kind: "hits", steps: "..C...C...C...C.", voices: 3, low: 57, high: 74, gate: 0.8 },
      comp2: null,
      pad: true,
    },
    {
      drums: { [gm.kick]: "x...x...x...x...", [gm.clap]: "....x.......x...", [gm.closedHat]: "..x...x...x...x." },
      bass: { kind: "steps", steps: "..R=..R=..R=..R=" },
      comp: { kind: "hits", steps: "..C...C...C...C.", voices: 3, low: 57, high: 74, gate: 0.8 },
      comp2: null,
      pad: true,
    },
    {
      drums: {
        [gm.kick]: "X...x...X...x...",
        [gm.clap]: "....X.......X...",
        [gm.openHat]: "..x...x...x...x.",
        [gm.closedHat]: "oooooooooooooooo",
      },
      bass: { kind: "steps", steps: "..R=..8=..R=..8=" },
      comp: { kind: "hits", steps: "C=.C=.C=..C=.C=.", voices: 4, low: 57, high: 76, gate: 0.8 },
      comp2: { kind: "arp16", low: 60, high: 84 },
      pad: true,
    },
  ],
  defaultMood: "bright",
};

const hiphop: StyleDef = {
  id: "hiphop",
  tempo: [84, 94],
  beatsPerBar: 4,
  swing: { unit: 0.25, ratio: 0.57 },
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.25,
  rap: true,
  fill: "snare",
  reverb: 0.7,
  instruments: {
    drums: { program: 25, volume: 96, pan: 64 },
    bass: { program: 39, volume: 110, pan: 64 },
    comp: { program: 4, volume: 118, pan: 58 },
    pad: { program: 94, volume: 92, pan: 70 },
    lead: { program: 80, bank: 8, volume: 84, pan: 64, range: [64, 86] },
  },
  levels: [
    { ...none, comp: { kind: "hits", steps: "C===============", voices: 4, low: 52, high: 72 } },
    {
      drums: { [gm.kick]: "x.........x.....", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R=========R=====" },
      comp: { kind: "hits", steps: "C===========....", voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.kick]: "x......x..x.....", [gm.snare]: "....x.......x...", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R======R==R=====" },
      comp: { kind: "hits", steps: "C===========..c=", voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: {
        [gm.kick]: "x......x..x..x..",
        [gm.snare]: "....x.......x...",
        [gm.clap]: "....x.......x...",
        [gm.closedHat]: "x.xox.x.x.xox.x.",
      },
      bass: { kind: "steps", steps: "R======R==R==5==" },
      comp: { kind: "hits", steps: "C=====C=====C===", voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: true,
    },
  ],
  defaultMood: "sad",
  progressions: {
    sad: {
      verse: ["i7 | iv7 | i7 | iv7", "i7 | bVImaj7 | bVII | i7", "i | bVI | bIII | bVII"],
      chorus: ["bVImaj7 | bVII | i7 | i7", "iv7 | bVII | bIIImaj7 | bVImaj7", "bVI | bVII | i | V"],
      prechorus: ["iv7 | v7 | bVImaj7 | V"],
      bridge: ["bIIImaj7 | bVImaj7 | iv7 | V"],
      cadence: ["iv7", "V"],
    },
  },
};

const ballad: StyleDef = {
  id: "ballad",
  tempo: [64, 78],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.25,
  rap: false,
  fill: "toms",
  reverb: 1.1,
  instruments: {
    drums: { program: 0, volume: 70, pan: 64 },
    bass: { program: 35, volume: 84, pan: 64 },
    comp: { program: 0, volume: 118, pan: 60 },
    pad: { program: 49, volume: 66, pan: 70 },
    lead: { program: 73, volume: 90, pan: 64, range: [64, 86] },
  },
  levels: [
    { ...none, comp: { kind: "arp", steps: "0=2=3=4=5=4=3=2=", low: 55, high: 79, bassLow: 36, pedal: true } },
    {
      ...none,
      bass: { kind: "steps", steps: "R===============" },
      comp: { kind: "arp", steps: "0=2=3=4=5=4=3=2=", low: 55, high: 79, bassLow: 36, pedal: true },
      pad: true,
    },
    {
      drums: { [gm.kick]: "x.......x.......", [gm.sideStick]: "....o.......o...", [gm.closedHat]: "o.o.o.o.o.o.o.o." },
      bass: { kind: "steps", steps: "R=======5=======" },
      comp: { kind: "arp", steps: "0=2=3=4=5=4=3=2=", low: 55, high: 79, bassLow: 36, pedal: true },
      comp2: null,
      pad: true,
    },
    {
      drums: { [gm.kick]: "x.......x.x.....", [gm.snare]: "....x.......x...", [gm.closedHat]: "x.o.x.o.x.o.x.o." },
      bass: { kind: "steps", steps: "R=======R=====A=" },
      comp: { kind: "hits", steps: "C=======C===C===", voices: 4, low: 55, high: 76 },
      comp2: null,
      pad: true,
    },
  ],
  defaultMood: "romantic",
};

const jazzComping = [
  "C=....C=........",
  "...C=.....C=....",
  "C=.....C=...C...",
  "......C=....C=..",
  "C=..........C=..",
];
const jazz: StyleDef = {
  id: "jazz",
  tempo: [104, 132],
  beatsPerBar: 4,
  swing: { unit: 0.5, ratio: 0.64 },
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "brush",
  reverb: 1,
  instruments: {
    drums: { program: 40, volume: 80, pan: 64 },
    bass: { program: 32, volume: 110, pan: 64 },
    comp: { program: 0, volume: 106, pan: 52 },
    pad: { program: 48, volume: 60, pan: 76 },
    lead: { program: 11, volume: 114, pan: 70, range: [60, 84] },
  },
  levels: [
    { ...none, comp: { kind: "hits", steps: "C===============", voices: 4, low: 52, high: 72 } },
    {
      drums: { [gm.ride]: "x...x.x.x...x.x.", [gm.pedalHat]: "....x.......x..." },
      bass: { kind: "steps", steps: "R=======5=======" },
      comp: { kind: "comping", variants: jazzComping, voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.ride]: "x...x.x.x...x.x.", [gm.pedalHat]: "....x.......x...", [gm.kick]: "g...g...g...g..." },
      bass: { kind: "walk" },
      comp: { kind: "comping", variants: jazzComping, voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: {
        [gm.ride]: "X...x.x.X...x.x.",
        [gm.pedalHat]: "....x.......x...",
        [gm.kick]: "g...g...g...g...",
        [gm.snare]: "..........g....g",
      },
      bass: { kind: "walk" },
      comp: { kind: "comping", variants: jazzComping, voices: 4, low: 52, high: 72 },
      comp2: null,
      pad: true,
    },
  ],
  defaultMood: "romantic",
  progressions: {
    romantic: {
      verse: ["Imaj7 | vi7 | ii7 | V7", "iii7 | VI7 | ii7 | V7", "Imaj7 | IV7 | iii7 VI7 | ii7 V7"],
      chorus: ["IVmaj7 | iv7 | iii7 VI7 | ii7 V7", "ii7 | V7 | Imaj7 | VI7", "IVmaj7 | V7 | iii7 | VI7"],
      prechorus: ["ii7 | V7 | ii7 | V7"],
      bridge: ["vi7 | II7 | ii7 | V7"],
      cadence: ["ii7", "V7"],
    },
    sad: {
      verse: ["i7 | iv7 | ii7b5 | V7", "i7 | bVImaj7 | ii7b5 | V7"],
      chorus: ["iv7 | bVII7 | bIIImaj7 | bVImaj7", "bVImaj7 | ii7b5 | V7 | i7"],
      prechorus: ["ii7b5 | V7 | ii7b5 | V7"],
      bridge: ["bIIImaj7 | bVImaj7 | ii7b5 | V7"],
      cadence: ["ii7b5", "V7"],
    },
  },
  moodOverride: { bright: "romantic", energetic: "romantic", calm: "romantic" },
};

const chanson: StyleDef = {
  id: "chanson",
  tempo: [138, 164],
  beatsPerBar: 3,
  swing: null,
  barsPerSymbol: 2,
  lineBars: 4,
  melodyUnit: 0.5,
  rap: false,
  fill: "brush",
  reverb: 1,
  instruments: {
    drums: { program: 40, volume: 56, pan: 64 },
    bass: { program: 32, volume: 94, pan: 64 },
    comp: { program: 21, bank: 8, volume: 100, pan: 50 },
    comp2: { program: 24, volume: 110, pan: 80 },
    pad: { program: 48, volume: 60, pan: 70 },
    lead: { program: 21, volume: 104, pan: 60, range: [62, 86] },
  },
  levels: [
    { ...none, comp2: { kind: "arp", steps: "0=2=3=4=3=2=", low: 52, high: 71, bassLow: 40, pedal: true } },
    {
      ...none,
      bass: { kind: "steps", steps: "R===........", alternateFifth: true },
      comp2: { kind: "arp", steps: "0=2=3=4=3=2=", low: 52, high: 71, bassLow: 40, pedal: true },
    },
    {
      drums: { [gm.kick]: "o...........", [gm.snare]: "....g...g..." },
      bass: { kind: "steps", steps: "R===........", alternateFifth: true },
      comp: { kind: "hits", steps: "....c=..c=..", voices: 3, low: 55, high: 72, gate: 0.8 },
      comp2: { kind: "arp", steps: "0=2=3=4=3=2=", low: 52, high: 71, bassLow: 40, pedal: true },
      pad: false,
    },
    {
      drums: { [gm.kick]: "x...........", [gm.snare]: "....o...o...", [gm.ride]: "x...x...x..." },
      bass: { kind: "steps", steps: "R===........", alternateFifth: true },
      comp: { kind: "hits", steps: "....C=..C=..", voices: 4, low: 55, high: 74, gate: 0.8 },
      comp2: null,
      pad: true,
    },
  ],
  defaultMood: "sad",
  progressions: {
    sad: {
      verse: ["i | iv | V7 | i", "i | i | iv | V7", "i | bVII | bIII | V7"],
      chorus: ["iv | i | V7 | i", "bVI | iv | V7 | i", "bIII | iv | V7 | i"],
      prechorus: ["iv | V7 | iv | V7"],
      bridge: ["bIII | bVII | bVI | V7"],
      cadence: ["iv", "V7"],
    },
    bright: {
      verse: ["I | vi | ii | V7", "I | I | V7 | V7", "I | IV | V7 | I"],
      chorus: ["IV | I | V7 | I", "vi | ii | V7 | I", "IV | V7 | iii | vi"],
      prechorus: ["ii | V7 | ii | V7"],
      bridge: ["vi | iii | IV | V7"],
      cadence: ["ii", "V7"],
    },
  },
  moodOverride: { energetic: "bright", calm: "bright", romantic: "bright" },
};

const children: StyleDef = {
  id: "children",
  tempo: [104, 122],
  beatsPerBar: 4,
  swing: null,
  barsPerSymbol: 1,
  lineBars: 2,
  melodyUnit: 0.5,
  rap: false,
  fill: "snare",
  reverb: 0.8,
  instruments: {
    drums: { program: 8, volume: 78, pan: 64 },
    bass: { program: 58, volume: 96, pan: 64 },
    comp: { program: 24, bank: 8, volume: 96, pan: 50 },
    comp2: { program: 0, volume: 110, pan: 80 },
    lead: { program: 9, volume: 112, pan: 64, range: [72, 96] },
    double: { program: 9, volume: 80, pan: 70, range: [72, 96] },
  },
  levels: [
    { ...none, comp: { kind: "strum", steps: "D===D=U===U=D=U=", low: 55, high: 72 } },
    {
      drums: { [gm.kick]: "x.......x.......", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R=..5=..R=..5=.." },
      comp: { kind: "strum", steps: "D===D=U===U=D=U=", low: 55, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: { [gm.kick]: "x.......x.......", [gm.snare]: "....x.......x...", [gm.closedHat]: "x.x.x.x.x.x.x.x." },
      bass: { kind: "steps", steps: "R=..5=..R=..5=.." },
      comp: { kind: "strum", steps: "D===D=U===U=D=U=", low: 55, high: 72 },
      comp2: null,
      pad: false,
    },
    {
      drums: {
        [gm.kick]: "x.......x.x.....",
        [gm.snare]: "....x.......x...",
        [gm.clap]: "....x.......x...",
        [gm.closedHat]: "x.x.x.x.x.x.x.x.",
      },
      bass: { kind: "steps", steps: "R=..5=..R=..5=.." },
      comp: { kind: "strum", steps: "D=D=D=U=D=U=D=U=", low: 55, high: 72 },
      comp2: { kind: "hits", steps: "C...C...C...C...", voices: 3, low: 60, high: 76, gate: 0.5 },
      pad: false,
      double: true,
    },
  ],
  defaultMood: "bright",
  moodOverride: { sad: "calm", energetic: "bright", romantic: "calm" },
  progressions: {
    bright: {
      verse: ["I | IV | V | I", "I | V | I | V", "I | IV | I | V"],
      chorus: ["IV | I | V | I", "I | IV | V | I", "IV | V | I | I"],
      prechorus: ["IV | V | IV | V"],
      bridge: ["vi | IV | V | V"],
      cadence: ["IV", "V"],
    },
  },
};

export const styles: Record<StyleId, StyleDef> = {
  pop,
  rock,
  folk,
  electronic,
  hiphop,
  ballad,
  jazz,
  chanson,
  children,
};

/** Progressions by mood for styles without their own. */
const moodProgressions: Record<MoodFamily, ProgressionSet> = {
  bright: {
    verse: ["I | V | vi | IV", "I | IV | vi | V", "I | vi | IV | V", "I | iii | IV | V", "vi | IV | I | V"],
    chorus: ["IV | V | I | vi", "I | V | vi | IV", "IV | I | V | vi", "vi | IV | I | V", "IV | V | iii | vi"],
    prechorus: ["ii | IV | V | V", "IV | V | vi | V", "vi | V | IV | V"],
    bridge: ["vi | IV | I | V", "ii | V | iii | vi", "IV | iii | ii | V"],
    cadence: ["IV", "V"],
  },
  sad: {
    verse: ["i | bVI | bIII | bVII", "i | iv | bVII | bIII", "i | bVII | bVI | V", "i | iv | i | V"],
    chorus: ["bVI | bVII | i | i", "bVI | bIII | bVII | i", "iv | bVI | bVII | i", "bIII | bVII | iv | V"],
    prechorus: ["iv | v | bVI | V", "bVI | bVII | V | V"],
    bridge: ["bIII | bVII | iv | V", "bVI | iv | bVII | V"],
    cadence: ["iv", "V"],
  },
  romantic: {
    verse: ["I | vi | ii | V", "I | iii | IV | V", "I | V/3 | vi | IV", "I | vi | IV | V"],
    chorus: ["IV | V | iii | vi", "I | V/3 | vi | IV", "IV | I/3 | ii | V", "IV | V | I | vi"],
    prechorus: ["ii | iii | IV | V", "IV | V | IV | V"],
    bridge: ["vi | iii | IV | I", "ii | V | I | vi"],
    cadence: ["ii", "V"],
  },
  energetic: {
    verse: ["I | V | vi | IV", "vi | IV | I | V", "I | bVII | IV | I", "I | IV | V | IV"],
    chorus: ["I | V | vi | IV", "IV | V | vi | I", "vi | IV | I | V", "I | IV | vi | V"],
    prechorus: ["IV | V | IV | V", "ii | IV | V | V"],
    bridge: ["vi | IV | V | V", "IV | V | vi | V"],
    cadence: ["IV", "V"],
  },
  calm: {
    verse: ["I | IV | I | IV", "Imaj7 | IVmaj7 | Imaj7 | IVmaj7", "I | ii | IV | I", "I | iii | IV | I"],
    chorus: ["IV | V | I | I", "IV | I | ii | V", "IV | V | iii | vi"],
    prechorus: ["ii | IV | V | V"],
    bridge: ["vi | IV | ii | V"],
    cadence: ["ii", "V"],
  },
};

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// Checked in this order: the more specific style wins when one tag names two ("pop rock" is rock,
// "rap français" is hip-hop, "variété française" is chanson).
const styleWords: [StyleId, string[]][] = [
  [
    "children",
    [
      "comptine",
      "comptines",
      "enfant",
      "enfants",
      "kids",
      "kid",
      "children",
      "child",
      "nursery",
      "berceuse",
      "lullaby",
      "jeunesse",
    ],
  ],
  [
    "hiphop",
    ["hip-hop", "hip hop", "hiphop", "rap", "trap", "urban", "urbain", "rnb", "r&b", "lofi", "lo-fi", "boom bap"],
  ],
  [
    "electronic",
    [
      "electro",
      "electronic",
      "electronique",
      "dance",
      "edm",
      "house",
      "techno",
      "disco",
      "synth",
      "synthpop",
      "club",
      "trance",
      "eurodance",
    ],
  ],
  ["jazz", ["jazz", "lounge", "swing", "bossa", "bossa nova", "blues", "crooner", "cocktail"]],
  ["rock", ["rock", "punk", "metal", "grunge", "hard rock", "pop rock", "pop-rock"]],
  [
    "folk",
    [
      "folk",
      "acoustic",
      "acoustique",
      "country",
      "guitare",
      "guitar",
      "unplugged",
      "americana",
      "bluegrass",
      "feu de camp",
      "campfire",
    ],
  ],
  ["ballad", ["ballad", "ballade", "slow", "piano", "love song", "piano-voix", "piano voix"]],
  [
    "chanson",
    [
      "chanson",
      "chanson francaise",
      "francaise",
      "french",
      "musette",
      "accordeon",
      "accordion",
      "valse",
      "waltz",
      "guinguette",
      "cabaret",
      "variete francaise",
    ],
  ],
  ["pop", ["pop", "variete", "radio", "mainstream"]],
];

const hasWord = (text: string, word: string) =>
  new RegExp(`(^|[^a-z0-9])${word.replace(/[.*+?^${}()|[\]\\&-]/g, "\\$&")}($|[^a-z0-9])`).test(text);

/** The style a free-text tag asks for, or null when it names none. */
export function styleOfTag(tag: string): StyleId | null {
  const text = fold(tag);
  for (const [style, words] of styleWords) if (words.some((w) => hasWord(text, w))) return style;
  return null;
}

/** The first tag that names a style decides; pop when none does. */
export function resolveStyle(tags: readonly string[]): StyleId {
  for (const tag of tags) {
    const style = styleOfTag(tag);
    if (style) return style;
  }
  return "pop";
}

const moodWords: [MoodFamily, string[]][] = [
  [
    "sad",
    [
      "sad",
      "triste",
      "nostalgic",
      "nostalgique",
      "nostalgia",
      "nostalgie",
      "melancholic",
      "melancolique",
      "melancholy",
      "melancolie",
      "bittersweet",
      "sombre",
      "dark",
      "blue",
      "regret",
      "adieu",
      "farewell",
    ],
  ],
  [
    "calm",
    [
      "calm",
      "calme",
      "peaceful",
      "paisible",
      "relaxed",
      "relax",
      "relaxing",
      "serene",
      "serein",
      "sereine",
      "zen",
      "soft",
      "chill",
      "apaisant",
      "soothing",
      "lullaby",
      "berceuse",
      "douceur",
    ],
  ],
  [
    "romantic",
    [
      "romantic",
      "romantique",
      "tender",
      "tendre",
      "tendresse",
      "love",
      "amour",
      "amoureux",
      "amoureuse",
      "sweet",
      "doux",
      "douce",
      "emotional",
      "emouvant",
      "emouvante",
      "touching",
      "touchant",
      "touchante",
      "sentimental",
      "wedding",
      "mariage",
    ],
  ],
  [
    "energetic",
    [
      "energetic",
      "energique",
      "energy",
      "dynamic",
      "dynamique",
      "powerful",
      "puissant",
      "epic",
      "epique",
      "party",
      "motivating",
      "motivant",
      "entrainant",
      "festif",
      "pump",
      "intense",
    ],
  ],
  [
    "bright",
    [
      "joyful",
      "happy",
      "joyeux",
      "joyeuse",
      "heureux",
      "heureuse",
      "gai",
      "gaie",
      "festive",
      "fun",
      "cheerful",
      "upbeat",
      "bright",
      "enjoue",
      "enjouee",
      "petillant",
      "playful",
      "celebration",
      "fete",
    ],
  ],
];

export function moodOf(mood: string | undefined): MoodFamily | null {
  if (!mood) return null;
  const text = fold(mood);
  for (const [family, words] of moodWords) if (words.some((w) => hasWord(text, w))) return family;
  return null;
}

export function progressionsFor(style: StyleDef, mood: MoodFamily): ProgressionSet {
  return style.progressions?.[mood] ?? moodProgressions[mood];
}
