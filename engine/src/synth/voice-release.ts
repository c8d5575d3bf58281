// Which released voices the band stops rendering early. spessasynth_core keeps a released voice until
// its envelope is 90 dB down, whatever the voice's own level, and keeps every released voice of a
// channel however many overlap. On a 120 s pop song, released voices were 74 % of all voice time:
// - tails below -80 dBFS (the quieter instruments spent the last 20–40 dB of each release there)
//   were 28 % of it; they are ended at once, as a release that runs out is;
// - in dense parts a channel had up to 30 released voices at once, the quietest masked by the
//   louder ones of the same instrument; beyond the 8 loudest, a released voice fades out over
//   20 ms, like a damped string.
// Upstream would rather have both as settings beside PERCEIVED_CB_SILENCE and the voice cap;
// docs/band-synthesis.md describes the patch.
import type { SpessaSynthProcessor } from "spessasynth_core";

/** Released voices whose gain falls under this (-80 dBFS) are ended within the next block. */
export const releaseFloor = 10 ** (-80 / 20);
/** Released voices a channel keeps sounding at most, the loudest ones. */
export const releasedPerChannel = 8;
/** How long a released voice beyond that takes to fade out. */
export const fadeSeconds = 0.02;

/** The envelope's silence, in centibels: a release that starts there ends within its block. */
const silenceCb = 960;

/** The few fields of spessasynth_core's channel, voice and envelope this uses; their types mark them private. */
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
  gainModifier: number;
  volEnv: Envelope;
}
type RenderVoice = (
  voice: VoiceInternals,
  timeNow: number,
  outputLeft: Float32Array,
  outputRight: Float32Array,
  startIndex: number,
  sampleCount: number,
) => void;
interface ChannelInternals {
  currentGain: number;
  renderVoice: RenderVoice;
}

/**
 * Ends faded and surplus released voices of a synthesizer. Watches each voice as the synthesizer
 * renders it; `afterBlock` (called after each processSplit) fades out the surplus it saw. Every
 * decision depends only on the group's own voices, so a group renders the same alone or beside another.
 */
export class VoiceRelease {
  private readonly released: VoiceInternals[][];
  private readonly fadeSamples: number;

  constructor(synth: SpessaSynthProcessor) {
    const channels = synth.midiChannels as unknown as ChannelInternals[];
    this.released = channels.map(() => []);
    this.fadeSamples = Math.round(fadeSeconds * synth.sampleRate);
    channels.forEach((channel, c) => {
      const render = channel.renderVoice;
      const released = this.released[c]!;
      const fadeSamples = this.fadeSamples;
      // Named parameters, not a rest array: this runs for every voice in every block.
      channel.renderVoice = (voice, timeNow, outputLeft, outputRight, startIndex, sampleCount) => {
        const env = voice.volEnv;
        if (env.enteredRelease) {
          // The envelope's gain (velocity and volume included) times the channel's and the voice's
          // is the most this voice can put out, its sample being at most full scale. A release that
          // starts from silence ramps there over this block and reports the voice finished.
          if (env.outputGain * channel.currentGain * voice.gainModifier < releaseFloor) env.releaseStartCb = silenceCb;
          // A voice already fading out does not count.
          else if (env.releaseDuration > fadeSamples) released.push(voice);
        }
        render(voice, timeNow, outputLeft, outputRight, startIndex, sampleCount);
      };
    });
  }

  afterBlock(): void {
    for (const voices of this.released) {
      if (voices.length > releasedPerChannel) {
        // Loudest first; equal gains keep the synthesizer's voice order.
        voices.sort((a, b) => b.volEnv.outputGain - a.volEnv.outputGain);
        for (let i = releasedPerChannel; i < voices.length; i++) {
          const voice = voices[i]!;
          if (!voice.isActive) continue;
          // The release restarts from where it is and reaches silence after fadeSamples.
          const env = voice.volEnv;
          env.releaseStartCb = env.attenuationCb;
          env.releaseStartTimeSamples = env.sampleTime;
          env.releaseDuration = Math.max(1, (this.fadeSamples * (silenceCb - env.attenuationCb)) / silenceCb);
        }
      }
      voices.length = 0;
    }
  }
}
