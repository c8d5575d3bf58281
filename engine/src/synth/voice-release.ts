// Which released voices the band stops rendering early. spessasynth_core keeps a released voice until
// its envelope is 90 dB down, whatever the voice's own level, and keeps every released voice of a
// channel however many overlap. On a 120 s pop song, releases were 74 % of all voice time; here:
// - a released voice whose most possible output is under -80 dBFS is ended at once, as a release
//   that runs out is (the quieter instruments spent the last 20–40 dB of each release there);
// - a channel keeps its 8 loudest released voices; the others, masked by louder notes of the same
//   instrument, fade out over 20 ms, like a damped string.
// Voice time fell from 4,893 to 2,554 voice-seconds; each stem's level per octave band moved by
// less than 0.005 dB. docs/band-synthesis.md has the figures and what to send upstream.
import type { SpessaSynthProcessor } from "spessasynth_core";

/** Released voices whose gain falls under this (-80 dBFS) are ended within the next block. */
export const releaseFloor = 10 ** (-80 / 20);
/** Released voices a channel keeps sounding at most, the loudest ones. */
export const releasedPerChannel = 8;
/** How long a released voice beyond that takes to fade out. */
export const fadeSeconds = 0.02;

/** The envelope's silence, in centibels: a release that starts there ends within its block. */
const silenceCb = 960;

/** The few fields of spessasynth_core's synthesizer, channel, voice and envelope this uses; their types mark them private. */
interface Envelope {
  enteredRelease: boolean;
  outputGain: number;
  attenuationCb: number;
  sampleTime: number;
  releaseStartCb: number;
  releaseStartTimeSamples: number;
  releaseDuration: number;
}
interface VoiceInternals {
  isActive: boolean;
  channel: number;
  gainModifier: number;
  volEnv: Envelope;
}
interface CoreInternals {
  voices: VoiceInternals[];
  systemParameters: { voiceCap: number };
  midiChannels: { currentGain: number }[];
}

/**
 * Ends faded and surplus released voices of a synthesizer: `beforeBlock` and `afterBlock` go around
 * each processSplit. Every decision depends only on the group's own voices, so a group renders the
 * same alone or beside another.
 */
export class VoiceRelease {
  private readonly core: CoreInternals;
  /** Per channel, the released voices this block, in the first `counts[channel]` entries (kept, not emptied: no allocation per block). */
  private readonly released: VoiceInternals[][];
  private readonly counts: Int32Array;
  private readonly fadeSamples: number;

  constructor(synth: SpessaSynthProcessor) {
    this.core = (synth as unknown as { synthCore: CoreInternals }).synthCore;
    this.released = this.core.midiChannels.map(() => []);
    this.counts = new Int32Array(this.released.length);
    this.fadeSamples = Math.round(fadeSeconds * synth.sampleRate);
  }

  /** Ends the released voices under the floor and notes, per channel, the others. */
  beforeBlock(): void {
    const { voices, systemParameters, midiChannels } = this.core;
    const count = systemParameters.voiceCap;
    for (let i = 0; i < count; i++) {
      const voice = voices[i]!;
      const env = voice.volEnv;
      if (!voice.isActive || !env.enteredRelease) continue;
      // The envelope's gain (velocity and volume included) times the channel's and the voice's is
      // the most this voice can put out, its sample being at most full scale. A release that
      // starts from silence ramps there over the next block and reports the voice finished.
      if (env.outputGain * midiChannels[voice.channel]!.currentGain * voice.gainModifier < releaseFloor)
        env.releaseStartCb = silenceCb;
      // A voice already fading out does not count.
      else if (env.releaseDuration > this.fadeSamples)
        this.released[voice.channel]![this.counts[voice.channel]!++] = voice;
    }
  }

  /** Fades out, in each channel, the released voices beyond the loudest ones. */
  afterBlock(): void {
    const { released, counts } = this;
    for (let channel = 0; channel < released.length; channel++) {
      const count = counts[channel]!;
      if (count <= releasedPerChannel) {
        counts[channel] = 0;
        continue;
      }
      const voices = released[channel]!;
      voices.length = count;
      // Loudest first; equal gains keep the synthesizer's voice order.
      voices.sort(byGain);
      for (let i = releasedPerChannel; i < count; i++) {
        const voice = voices[i]!;
        if (!voice.isActive) continue;
        // The release restarts from where it is and reaches silence after fadeSamples.
        const env = voice.volEnv;
        env.releaseStartCb = env.attenuationCb;
        env.releaseStartTimeSamples = env.sampleTime;
        env.releaseDuration = Math.max(1, (this.fadeSamples * (silenceCb - env.attenuationCb)) / silenceCb);
      }
      counts[channel] = 0;
    }
  }
}

const byGain = (a: VoiceInternals, b: VoiceInternals) => b.volEnv.outputGain - a.volEnv.outputGain;
