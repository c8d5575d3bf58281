import { writeFile } from "node:fs/promises";
import { type ArrangedPart, type Arrangement, ppq } from "../arranger/types";
import { loadCore } from "./core";

/** One channel message of the song, in ticks; the MIDI file and the renderer read the same list. */
export interface ChannelEvent {
  tick: number;
  /** Index of the part (the MIDI file's track is this + 1, after the conductor track). */
  part: number;
  channel: number;
  type: "program" | "controller" | "noteOn" | "noteOff";
  data1: number;
  data2: number;
}

/**
 * Reverb sends written into the file (CC91) for players that have their own reverb; the engine's
 * mixer applies the same idea itself, with the built-in synth effects off.
 */
const reverbSend: Record<ArrangedPart["role"], number> = {
  drums: 24,
  bass: 0,
  comp: 44,
  comp2: 44,
  pad: 56,
  lead: 48,
  double: 48,
};

/** Microseconds per beat, as the MIDI file stores the tempo. */
export const microsecondsPerBeat = (tempo: number) => Math.round(60_000_000 / tempo);

export function channelEvents(arrangement: Arrangement): ChannelEvent[] {
  const events: ChannelEvent[] = [];
  arrangement.parts.forEach((part, index) => {
    const { channel, instrument } = part;
    const setup = (type: ChannelEvent["type"], data1: number, data2 = 0) =>
      events.push({ tick: 0, part: index, channel, type, data1, data2 });
    setup("controller", 0, instrument.bank ?? 0);
    setup("controller", 32, 0);
    setup("program", instrument.program);
    setup("controller", 7, instrument.volume);
    setup("controller", 10, instrument.pan);
    setup("controller", 91, reverbSend[part.role]);
    setup("controller", 93, 0);
    for (const note of part.notes) {
      events.push({ tick: note.tick, part: index, channel, type: "noteOn", data1: note.pitch, data2: note.velocity });
      events.push({ tick: note.endTick, part: index, channel, type: "noteOff", data1: note.pitch, data2: 64 });
    }
  });
  // At one tick: set-up first, then releases, then new notes (a repeated pitch must end before it starts again).
  const rank = { program: 0, controller: 0, noteOff: 1, noteOn: 2 } as const;
  return events.sort((a, b) => a.tick - b.tick || rank[a.type] - rank[b.type]);
}

/** The arrangement as a standard MIDI file (format 1: a conductor track, then one track per part). */
export async function arrangementToMidi(arrangement: Arrangement): Promise<Uint8Array> {
  const { MIDIBuilder, MIDIMessageTypes } = await loadCore();
  const us = microsecondsPerBeat(arrangement.tempo);
  // The builder converts BPM back to microseconds and truncates: a quarter microsecond over
  // keeps the stored value exact.
  const midi = new MIDIBuilder({
    timeDivision: ppq,
    initialTempo: 60_000_000 / (us + 0.25),
    format: 1,
    name: `Refrain ${arrangement.style}`,
  });
  midi.addEvent(0, 0, MIDIMessageTypes.timeSignature, [arrangement.beatsPerBar, 2, 24, 8]);
  for (const part of arrangement.parts) midi.addTrack(part.name);
  for (const e of channelEvents(arrangement)) {
    const track = e.part + 1;
    if (e.type === "program") midi.programChange(e.tick, track, e.channel, e.data1);
    else if (e.type === "controller") midi.controllerChange(e.tick, track, e.channel, e.data1, e.data2);
    else if (e.type === "noteOn") midi.noteOn(e.tick, track, e.channel, e.data1, e.data2);
    else midi.noteOff(e.tick, track, e.channel, e.data1, e.data2);
  }
  midi.flush();
  return new Uint8Array(midi.writeMIDI());
}

export async function writeMidiFile(path: string, arrangement: Arrangement): Promise<void> {
  await writeFile(path, await arrangementToMidi(arrangement));
}
