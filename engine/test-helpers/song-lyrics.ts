// Lyrics shaped like the built-in writer's (domain/song-form.ts: as many lines as the length sings,
// the name in every chorus), so the engine's tests sing what a real order brings.

import type { Lyrics } from "../../domain/lyrics";
import { songForm } from "../../domain/song-form";
import type { Language } from "../../domain/values";

const banks: Record<Language, { verse: string[]; chorus: (name: string) => string[]; bridge: string[] }> = {
  fr: {
    verse: [
      "Le soleil se lève sur la ville",
      "Tu ris déjà devant ton café",
      "On a gardé nos rêves tranquilles",
      "Et tous nos souvenirs d'été",
      "Les bougies brillent sur la table",
      "Tes amis chantent à côté",
      "Ce jour est doux comme une fable",
      "Qu'on aime tant se raconter",
    ],
    chorus: (name) => [
      `Joyeux anniversaire ${name}`,
      "Que la vie te sourie toujours",
      `On chante pour toi ${name}`,
      "Avec tout notre amour",
    ],
    bridge: [
      "Les années passent comme un train",
      "Mais ton sourire reste là",
      "On se tiendra toujours la main",
      "Et la fête continuera",
    ],
  },
  en: {
    verse: [
      "The morning light is on the street",
      "You laugh before your coffee cools",
      "We kept our dreams and kept them sweet",
      "And all the summers, all the rules",
      "The candles shine across the room",
      "Your friends are singing by your side",
      "This day is soft as June in bloom",
      "A story told with open pride",
    ],
    chorus: (name) => [
      `Happy birthday, dear ${name}`,
      "May your life be full of light",
      `We sing for you, ${name}`,
      "With all our love tonight",
    ],
    bridge: [
      "The years go by just like a train",
      "But still your smile is here to stay",
      "We'll hold your hand through sun and rain",
      "And keep on singing all the way",
    ],
  },
};

/** Lyrics of exactly `songForm(durationSeconds)`: verses differ, every chorus is the same and names `name`. */
export function formLyrics(language: Language, durationSeconds: number, name: string): Lyrics {
  const bank = banks[language];
  let verse = 0;
  return {
    title: name,
    sections: songForm(durationSeconds).map(({ kind, lines }) => {
      if (kind === "chorus") return { kind, lines: bank.chorus(name).slice(0, lines) };
      if (kind === "bridge") return { kind, lines: bank.bridge.slice(0, lines) };
      const from = (verse++ * lines) % bank.verse.length;
      return { kind, lines: Array.from({ length: lines }, (_, i) => bank.verse[(from + i) % bank.verse.length]!) };
    }),
  };
}
