// Ends a voice once its release has faded below what can be heard in the song. spessasynth_core keeps
// a released voice until its envelope is 90 dB down, whatever the voice's own level: the quieter
// instruments' tails spent their last 20–40 dB below -80 dBFS, and those tails were about a third of
// all the voice time of a 120 s pop song. A proper fix belongs upstream (a level floor beside
// PERCEIVED_CB_SILENCE, as FluidSynth has its noise floor); docs/band-synthesis.md holds the patch.
import type { SpessaSynthProcessor } from "spessasynth_core";

/** Released voices whose gain falls under this (-80 dBFS) are ended within the next block. */
export const releaseFloor = 10 ** (-80 / 20);

/** The few fields of spessasynth_core's channel and voice this reads; their types mark them private. */
interface VoiceInternals {
  isActive: boolean;
  gainModifier: number;
  volEnv: { enteredRelease: boolean; outputGain: number; releaseStartCb: number };
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

/** The envelope's silence, in centibels: a release starting there ends at once. */
const silenceCb = 960;

export function endFadedVoices(synth: SpessaSynthProcessor): void {
  for (const channel of synth.midiChannels as unknown as ChannelInternals[]) {
    const render = channel.renderVoice;
    // Named parameters, not a rest array: this runs for every voice in every block.
    channel.renderVoice = (voice, timeNow, outputLeft, outputRight, startIndex, sampleCount) => {
      const env = voice.volEnv;
      // The envelope's gain (velocity and volume included) times the channel's and the voice's is
      // the most this voice can put out, its sample being at most full scale.
      if (env.enteredRelease && env.outputGain * channel.currentGain * voice.gainModifier < releaseFloor)
        // The envelope then ramps to silence over this block, as it does when a release runs out,
        // and reports the voice finished: no click.
        env.releaseStartCb = silenceCb;
      render(voice, timeNow, outputLeft, outputRight, startIndex, sampleCount);
    };
  }
}
