import type { Language } from "../values";

// The built-in writer's material. Every line stands on its own (no line continues the sentence of
// another), so any two lines of the same rhyme sound can follow each other. Lines write the
// recipient as tokens that builtin-grammar.ts says for the song's point of view: {you}, {your},
// {you're}, {are}, {s} in English ("{You} light{s} the sky" → "You light…" / "She lights…"),
// {tu}, {te}, {toi}, {ton}, {ta}, {tes} and {v:infinitive} in French. No line uses a gendered
// word for the recipient, nor "you"/"tu"/"il"/"elle" for anyone else, so a song keeps one point
// of view. Imperatives speak to the crowd, never to the recipient.

export const occasionKinds = [
  "birthday",
  "wedding",
  "anniversary",
  "christmas",
  "mothersday",
  "fathersday",
  "graduation",
  "friendship",
  "love",
  "thanks",
  "retirement",
  "birth",
  "generic",
] as const;
export type Occasion = (typeof occasionKinds)[number];

export const moodKinds = ["joyful", "tender", "nostalgic", "funny", "energetic", "calm"] as const;
export type Mood = (typeof moodKinds)[number];

export interface LineGroup {
  /** Lines for these occasions only; none means any occasion. */
  occasions?: Occasion[];
  /** Lines for these moods only; none means any mood. */
  moods?: Mood[];
  /** Lines that only a couple can be sung ("pour vous deux"). */
  couple?: boolean;
  /** Lines for one person only ("ton prénom"). */
  single?: boolean;
  lines: string[];
}

/** Frames for one kind of detail: {d} is the detail as the song says it. */
export interface DetailFrames {
  /** The recipient does it, now or as a habit: "tu fais du surf". */
  present: string[];
  /** The recipient did it: "tu nous lisais des histoires". */
  past: string[];
  /** Someone else does or did ("we met in kindergarten", "ton chat s'appelle Moustache"). */
  other: string[];
  /** A thing or a moment, or words the writer cannot parse: quoted as a noun phrase. */
  noun: string[];
}

export interface LanguageBank {
  /** Chorus openers that speak to the recipient by name ({name}); "generic" ones serve every occasion. */
  hooks: Record<Occasion, string[]>;
  /** Chorus openers that tell about the recipient by name, for songs told about them. */
  hooksAbout: Record<Occasion, string[]>;
  /** Lines naming the one the song is for, when nothing else fits a long name. */
  nameOnly: { addressed: string[]; about: string[] };
  /** Prefixes that turn a chorus line into one that calls the recipient by name. */
  vocatives: string[];
  /** Lines carrying the relationship ({rel}: "ma sœur", "my brother"), for each point of view. */
  relationship: { addressed: string[]; about: string[] };
  chorus: LineGroup[];
  verse: LineGroup[];
  bridge: LineGroup[];
  titles: Record<Occasion, string[]>;
  /**
   * A birthday whose age the occasion gives ("les 30 ans de Marie"): chorus openers and titles that sing it,
   * {age} in words ("trente", "thirty") and {Age} capitalized for a title.
   */
  ages: { hooks: string[]; hooksAbout: string[]; titles: string[] };
  frames: DetailFrames;
  /** Endings that carry a rhyme after a detail whose own last word finds no partner, by tense. */
  tails: { present: string[]; past: string[] };
}

const familyDays: Occasion[] = ["mothersday", "fathersday"];

const en: LanguageBank = {
  hooks: {
    birthday: [
      "Happy birthday, {name}, it's your day",
      "Happy birthday, dear {name}",
      "{name}, it's your birthday tonight",
      "Happy birthday, {name}",
    ],
    wedding: [
      "{name}, this is your wedding day",
      "Here's to love, here's to {name}",
      "{name}, the bells ring out today",
    ],
    anniversary: ["{name}, we're still going strong", "Happy anniversary, {name}"],
    christmas: ["Merry Christmas, {name}", "{name}, it's Christmas tonight", "{name}, it's Christmas, come what may"],
    mothersday: ["{name}, this one's for you", "Happy Mother's Day, {name}", "Thank you for everything, {name}"],
    fathersday: ["{name}, this one's for you", "Happy Father's Day, {name}", "Thank you for everything, {name}"],
    graduation: ["{name}, your future's shining bright", "Congratulations, {name}", "{name}, you made it all the way"],
    friendship: ["{name}, you're here to stay", "Here's to you, {name}", "{name}, you're one of a kind"],
    love: ["{name}, you're my everything", "{name}, you hold my heart", "I love you, {name}"],
    thanks: ["Thank you, {name}, for all you do", "{name}, thank you from the heart", "Thank you, {name}"],
    retirement: ["Happy retirement, {name}", "{name}, the best is yet to come"],
    birth: ["Welcome to the world, {name}", "{name}, you're finally here", "Hello, little {name}"],
    generic: ["{name}, this song is for you", "Here's to you, {name}", "{name}, you brighten every day"],
  },
  hooksAbout: {
    birthday: [
      "Happy birthday to {name}",
      "Today we sing for {name}",
      "We raise a glass to {name}",
      "It's a birthday song for {name}",
    ],
    wedding: ["Here's to love, here's to {name}", "The bells ring out for {name}", "We raise a glass to {name}"],
    anniversary: ["Another year for {name}", "Here's to {name}, still going strong"],
    christmas: ["Merry Christmas to {name}", "A Christmas song for {name}"],
    mothersday: ["This one's for {name}", "A song of thanks for {name}"],
    fathersday: ["This one's for {name}", "A song of thanks for {name}"],
    graduation: ["Congratulations to {name}", "The future's bright for {name}"],
    friendship: ["This one's for {name}", "We sing this song for {name}"],
    love: ["My heart belongs to {name}", "I'm in love with {name}"],
    thanks: ["We all say thanks to {name}", "A thank-you song for {name}"],
    retirement: ["Happy retirement to {name}", "The best is yet to come for {name}"],
    birth: ["The world says hello to {name}", "A lullaby for {name}"],
    generic: [
      "This song is for {name}",
      "Here's to {name}",
      "We sing this song for {name}",
      "We sing for {name} today",
      "A song for {name} tonight",
    ],
  },
  nameOnly: {
    addressed: ["Oh, {name}", "{name}, it's you", "{name}, we sing today"],
    about: ["For {name}", "Oh, {name}", "{name}, we sing today"],
  },
  vocatives: ["{name}, ", "Oh {name}, "],
  relationship: {
    addressed: [
      "{You'll} always be {rel}",
      "{Rel}, {you} mean{s} the world to me",
      "I'm glad that {you're} {rel}",
      "{You're} {rel} and {you're} here to stay",
    ],
    about: [
      "{You'll} always be {rel}",
      "This one's for {rel}",
      "Here's to {rel}",
      "I'm glad that {you're} {rel}",
      "{Rel}, {you} mean{s} the world to me",
      "{You're} {rel} and {you're} here to stay",
    ],
  },
  chorus: [
    {
      lines: [
        "The whole world is {yours} today",
        "We're singing this for {you~} today",
        "Let the music lead the way",
        "Nothing's gonna stand in {your} way",
        "I hope this feeling's here to stay",
        "{You} light{s} the sky in every way",
        "{You} make{s} the whole world shine so bright",
        "Everything feels right tonight",
        "{You're} the spark that makes it bright",
        "{Your} smile is shining bright",
        "{You're} forever in my heart",
        "{You've} been golden from the start",
        "This song comes straight from the heart",
        "Every day's a brand new start",
        "{You} mean{s} the world to me",
        "{You're} everything {you're} meant to be",
        "There's no place I would rather be",
        "{Your} laughter sets the whole room free",
        "{You} deserve{s} it all and more",
        "Brighter than ever before",
        "{You're} the one we're singing for",
        "Every year we love {you~} more",
        "Every dream of {yours} comes true",
        "We raise our voices just for {you~}",
        "There's no one else quite like {you~}",
        "The sky is bright and so {are} {you}",
        "This one is {your} song",
        "Everybody sing along",
        "{You're} where we all belong",
        "We've loved {you~} all along",
        "I'm so glad that {you} {are} here",
        "{You're} the one we hold so dear",
        "{You} lift{s} us up so high",
        "{You} make{s} the whole world want to sing",
        "{You're} worth more than anything",
        "I wouldn't change a single thing",
        "We'll be here until the end",
        "We're right here by {your} side",
        "Our hearts are open wide",
        "The best is yet to come",
        "{You're} one of a kind",
        "The sweetest soul I'll ever find",
        "{You're} always on my mind",
      ],
    },
    {
      moods: ["joyful", "energetic", "funny"],
      lines: [
        "Come on, let's dance the night away",
        "We'll be dancing through the night",
        "Everybody raise a cheer",
        "Everybody, here we come",
      ],
    },
    {
      moods: ["tender", "nostalgic", "calm"],
      lines: [
        "We won't let this moment slip away",
        "{You're} my sunshine and my light",
        "{You're} the apple of my eye",
        "We'll leave our worries far behind",
      ],
    },
    {
      occasions: ["love", "friendship", "wedding", "anniversary"],
      lines: [
        "Nothing ever tears us apart",
        "It's always {you~} and me",
        "A love that will never end",
        "{You're} more than just a friend",
      ],
    },
    { occasions: ["birthday", "anniversary"], lines: ["Here's to another happy year"] },
    { occasions: ["graduation", "birth"], lines: ["{Your} wings are ready, time to fly"] },
    { occasions: ["retirement"], lines: ["Now {you} can enjoy the ride"] },
  ],
  verse: [
    {
      lines: [
        "We've come so far along the way",
        "I think about {you~} every day",
        "We've shared the laughter and the light",
        "{You} always knew to make things right",
        "We stayed up talking half the night",
        "We've been together all this time",
        "I'd do it all a second time",
        "{You} open{s} every single door",
        "{You} give{s} and give{s} and then give{s} more",
        "The ones {you} love{s} are gathered here",
        "{Your} laughter's all we want to hear",
        "{You're} part of every memory",
        "With {you~}, we're who we want to be",
        "And every word I say is true",
        "And all our dreams are coming true",
        "The world is brighter next to {you~}",
        "{You've} been right here all along",
        "{You} taught us how to be strong",
        "There's sunshine in {your} eyes",
        "{You} always catch{es} us by surprise",
        "All the things we're dreaming of",
        "The stories that we tell and tell",
        "We know {you~} and we know {you~} well",
        "A thousand reasons to be glad",
        "The best of times we've ever had",
        "And every moment shines anew",
        "We wouldn't trade a single day",
      ],
    },
    {
      occasions: ["birthday"],
      lines: [
        "We light the candles one by one",
        "The party's only just begun",
        "Another candle, one more year",
        "{Your} friends and family are here",
      ],
    },
    {
      occasions: ["wedding"],
      lines: [
        "Two hearts that beat as one today",
        "A promise made for every day",
        "Two hands to have and hold",
        "A love that never will grow old",
      ],
    },
    {
      occasions: ["anniversary"],
      lines: [
        "Through every year, still standing here",
        "Through every high and every low",
        "The love keeps finding room to grow",
      ],
    },
    {
      occasions: ["christmas"],
      lines: [
        "The tree is shining, snow is white",
        "The fire's warm, the night is bright",
        "We're gathered close around the tree",
      ],
    },
    {
      occasions: familyDays,
      lines: [
        "{You} held my hand when I was small",
        "{You} picked me up each time I'd fall",
        "{You} taught me how to stand up tall",
      ],
    },
    {
      occasions: ["graduation"],
      lines: [
        "{You} worked so hard through every test",
        "{You} gave it all, {you} did {your} best",
        "The long nights studying are done",
        "And now a new road has begun",
      ],
    },
    { occasions: ["friendship"], lines: ["{You've} been my friend through everything"] },
    {
      occasions: ["love"],
      lines: [
        "The first time that I saw {your} face",
        "I knew that I had found my place",
        "{You're} the one I'm thinking of",
      ],
    },
    {
      occasions: ["thanks", ...familyDays],
      lines: ["{You} never ask{s} for anything", "{You're} always there through everything"],
    },
    {
      occasions: ["retirement"],
      lines: [
        "{You've} worked so hard for all these years",
        "Through all the laughter and the tears",
        "Now it's time to take it slow",
        "There's nowhere else {you} need{s} to go",
      ],
    },
    {
      occasions: ["birth"],
      lines: [
        "Ten little fingers, two bright eyes",
        "{You} came to us a sweet surprise",
        "A tiny heart, a brand new start",
      ],
    },
    {
      moods: ["funny"],
      lines: [
        "{You're} never early, always late",
        "But honestly, {you're} worth the wait",
        "{You} sing{s} off-key but we don't care",
        "{Your} laugh is heard from everywhere",
      ],
    },
    {
      moods: ["energetic"],
      lines: [
        "Turn it up and feel the beat",
        "Everybody on their feet",
        "Clap along and jump up high",
        "Tonight we're reaching for the sky",
      ],
    },
    {
      moods: ["calm"],
      lines: [
        "The evening settles soft and slow",
        "There's nowhere else we need to go",
        "The stars are glowing, soft and low",
      ],
    },
    {
      moods: ["tender"],
      lines: [
        "I hold {you~} close, I hold {you~} near",
        "{You} chase{s} away my every fear",
        "{You're} softer than the morning light",
      ],
    },
    {
      moods: ["nostalgic"],
      lines: [
        "Remember how the summers passed",
        "We thought that they would always last",
        "Time flies, it feels like yesterday",
        "The years go by, the memories stay",
      ],
    },
  ],
  bridge: [
    {
      lines: [
        "And if the years go rushing by",
        "We'll hold this moment way up high",
        "Whatever comes, whatever may",
        "This love will always find a way",
        "So let the music set us free",
        "{You} know{s} how loved {you'll} always be",
        "No matter where the road may bend",
        "{You'll} always have a loyal friend",
        "And when the lights go down tonight",
        "I hope {you} know{s} it all feels right",
        "When skies are grey and roads are long",
        "We'll hum the words of this old song",
      ],
    },
    { moods: ["funny"], lines: ["And if {you} trip{s} on the dance floor", "We'll cheer and shout for an encore"] },
    { moods: ["energetic", "joyful"], lines: ["Hands up high and don't let go", "Let the whole wide world know"] },
    { moods: ["calm", "tender"], lines: ["Breathe in slowly, breathe out slow", "Let the quiet river flow"] },
  ],
  ages: {
    hooks: [
      "{name}, you're {age} today",
      "{name}, you're {age} years old today",
      "Happy birthday, {name}, {age} today",
      "{age} years young, {name}",
    ],
    hooksAbout: [
      "{name} is {age} today",
      "{name} is {age} years old today",
      "We sing for {name}, {age} today",
      "Today {name} turns {age}",
    ],
    titles: ["{name} at {Age}", "{name} Turns {Age}"],
  },
  titles: {
    birthday: ["Happy Birthday, {name}", "It's a Birthday Song for {name}"],
    wedding: ["{name}, Forever", "Here's to Love, {name}"],
    anniversary: ["{name}, Still Going Strong", "{name}, Forever"],
    christmas: ["Merry Christmas, {name}", "A Christmas Song for {name}"],
    mothersday: ["A Song for {name}", "Thank You, {name}"],
    fathersday: ["A Song for {name}", "Thank You, {name}"],
    graduation: ["The Future Is Bright, {name}", "Congratulations, {name}"],
    friendship: ["A Song for {name}", "Here's to {name}"],
    love: ["{name}, Forever", "Only {name}"],
    thanks: ["Thank You, {name}", "A Song for {name}"],
    retirement: ["Happy Retirement, {name}", "The Best Is Yet to Come, {name}"],
    birth: ["Welcome, {name}", "A Lullaby for {name}"],
    generic: ["A Song for {name}", "Here's to {name}"],
  },
  frames: {
    present: ["{d}", "I love the way {d}", "We all know {d}"],
    past: ["{d}", "I still remember when {d}", "I won't forget the way {d}"],
    other: ["{d}", "We all know {d}"],
    noun: ["{d}", "I still think about {d}", "We still talk about {d}", "And {d}, I still hold dear", "Here's to {d}"],
  },
  tails: {
    present: [", it's true", ", day and night", ", we all know"],
    past: [", it's true", ", we all know", ", that's right"],
  },
};

const fr: LanguageBank = {
  hooks: {
    birthday: [
      "Joyeux anniversaire, {name}",
      "{name}, c'est {ton} anniversaire",
      "Bon anniversaire, {name}",
      "{name}, c'est {ton} jour aujourd'hui",
    ],
    wedding: ["Pour {name}, le plus beau des jours", "{name}, vive les mariés", "{name}, c'est le jour du grand oui"],
    anniversary: ["{name}, mon amour de toujours", "{name}, encore une année d'amour", "Joyeux anniversaire, {name}"],
    christmas: ["Joyeux Noël, {name}", "{name}, c'est la magie de Noël"],
    mothersday: ["Bonne fête, {name}", "{name}, merci pour tout", "{name}, ce refrain est pour {toi}"],
    fathersday: ["Bonne fête, {name}", "{name}, merci pour tout", "{name}, ce refrain est pour {toi}"],
    graduation: ["{name}, le monde est à {toi}", "Bravo {name}, {tu} l'{v:avoir} fait", "Bravo, {name}"],
    friendship: ["{name}, {toi} et moi pour toujours", "{name}, on sera toujours là"],
    love: ["{name}, {tu} {v:être} mon amour", "{name}, je {te} aime pour toujours", "Je {te} aime, {name}"],
    thanks: ["{name}, merci pour tout", "Merci, {name}", "Merci pour tout, {name}"],
    retirement: ["{name}, à {toi} la belle vie", "Bonne retraite, {name}"],
    birth: ["Bienvenue, {name}", "{name}, bienvenue dans la vie", "{name}, {te} voilà parmi nous"],
    generic: ["{name}, cette chanson est pour {toi}", "Pour {toi}, {name}"],
  },
  hooksAbout: {
    birthday: [
      "Joyeux anniversaire à {name}",
      "C'est l'anniversaire de {name}",
      "Bon anniversaire à {name}",
      "Aujourd'hui, on fête {name}",
      "{name}, c'est {ta} fête aujourd'hui",
    ],
    wedding: ["C'est le grand jour de {name}", "Tous nos vœux pour {name}"],
    anniversary: ["Encore une année pour {name}", "On fête l'amour de {name}"],
    christmas: ["Joyeux Noël à {name}", "C'est Noël pour {name}"],
    mothersday: ["Une chanson pour {name}", "Ce refrain est pour {name}", "On dit merci à {name}"],
    fathersday: ["Une chanson pour {name}", "Ce refrain est pour {name}", "On dit merci à {name}"],
    graduation: ["Bravo à {name}", "Le monde est à {name}"],
    friendship: ["Cette chanson pour {name}", "On chante pour {name}"],
    love: ["Mon cœur est à {name}", "J'aime {name} pour toujours"],
    thanks: ["On dit merci à {name}", "Un grand merci à {name}"],
    retirement: ["Bonne retraite à {name}", "La belle vie pour {name}"],
    birth: ["Bienvenue à {name}", "Une berceuse pour {name}"],
    generic: [
      "Cette chanson est pour {name}",
      "On chante pour {name}",
      "Un refrain pour {name}",
      "Pour {name}, on chante aujourd'hui",
    ],
  },
  nameOnly: {
    addressed: ["Oh, {name}", "{name}, c'est {toi}", "{name}, on chante aujourd'hui"],
    about: ["Pour {name}", "Oh, {name}", "{name}, c'est {toi}", "{name}, on chante aujourd'hui"],
  },
  vocatives: ["{name}, ", "Oh {name}, "],
  relationship: {
    addressed: ["{Tu} {v:être} {rel} pour toujours", "{Rel}, c'est {toi}", "{Rel}, je {te} aime"],
    about: [
      "{Tu} {v:être} {rel} pour toujours",
      "{Rel}, c'est {toi}",
      "Cette chanson pour {rel}",
      "On chante pour {rel}",
    ],
  },
  chorus: [
    {
      lines: [
        "{Tu} {v:illuminer} toute ma vie",
        "{Tu} {v:faire} le bonheur de nos vies",
        "Tout le monde est réuni",
        "On est tous là, tous réunis",
        "On chante pour {toi} aujourd'hui",
        "Le monde est à {toi} maintenant",
        "On profite de chaque moment",
        "Le cœur léger comme le vent",
        "C'est pour {toi}, cette chanson",
        "On {te} aimera toujours",
        "Avec tout notre amour",
        "{Tu} {v:rendre} plus beaux tous nos jours",
        "Et ça durera toujours",
        "{Tu} {v:avoir} une place dans nos cœurs",
        "Que la vie {lui} offre le bonheur",
        "{Tu} {v:mettre} de la joie dans les cœurs",
        "{Tu} {v:peindre} la vie de mille couleurs",
        "Tout le monde est là pour chanter",
        "La vie avec {toi} est plus belle",
        "{Tu} {v:briller} comme une étincelle",
        "{Tu} {v:faire} briller tout le ciel",
        "Cette chanson est pour {toi}",
        "On chante tous pour {toi}",
        "{Tu} nous {v:remplir} de joie",
        "Tout le monde chante d'une seule voix",
        "On ne {te} oubliera jamais",
        "Que tous {tes} rêves soient vrais",
        "{Ton} amour est si doux",
        "{Tu} {v:être} toujours là pour nous",
        "Des étoiles plein les yeux",
      ],
    },
    { single: true, lines: ["Cette chanson porte {ton} nom", "Tout le monde chante {ton} prénom"] },
    {
      couple: true,
      lines: [
        "Que votre amour dure toujours",
        "Cette chanson est pour vous deux",
        "Tout le bonheur à vous deux",
        "Le plus beau jour de votre vie",
        "On lève nos verres pour vous",
        "Votre amour nous rend tous heureux",
      ],
    },
    { moods: ["joyful", "energetic", "funny"], lines: ["On va danser toute la nuit", "Ce soir, on va tous danser"] },
    { moods: ["tender", "calm"], lines: ["Je {te} aime infiniment", "{Tu} {v:être} ma plus belle chanson"] },
    { occasions: ["birthday", "wedding"], lines: ["Le plus beau jour de {ta} vie"] },
    {
      occasions: ["birthday"],
      lines: [
        "C'est {ta} fête aujourd'hui",
        "Tout le monde lève un verre",
        "Une année de plus, quelle affaire",
        "On {te} fête en chantant",
        "Tous réunis, petits et grands",
      ],
    },
    { occasions: ["birthday", "wedding", "graduation", "retirement"], lines: ["Aujourd'hui, c'est {ton} grand jour"] },
    { occasions: ["graduation", "birth", "wedding"], lines: ["Tout commence aujourd'hui"] },
    {
      occasions: ["thanks", ...familyDays],
      lines: ["Pour tout ce que {tu} {v:donner}, merci", "{Ton} cœur est plus grand que tout"],
    },
  ],
  verse: [
    {
      lines: [
        "On a tant de choses à se dire",
        "Je garde en moi chaque sourire",
        "Le temps file entre nos doigts",
        "C'est si bon d'être avec {toi}",
        "On a grandi, on a ri",
        "On a partagé nos envies",
        "{Tu} nous {v:faire} tellement de bien",
        "{Tu} nous {v:tendre} toujours la main",
        "{Tu} {v:éclairer} tout notre chemin",
        "Je pense à nous, à demain",
        "Avec {toi}, on ne manque de rien",
        "On avance main dans la main",
        "Chaque jour à {tes} côtés",
        "C'est un cadeau à garder",
        "On a traversé tant d'années",
        "Le temps n'efface pas le bonheur",
        "On garde tout au fond du cœur",
        "{Tu} {v:être} là quand ça ne va pas",
        "{Tu} nous {v:guider} à chaque pas",
        "Rien au monde n'est plus beau",
        "Le ciel est bleu, le temps est beau",
        "On a tant de rêves à partager",
        "Les rires fusent, les mots sont vrais",
        "On se souvient de tout, c'est vrai",
        "Chaque souvenir est un trésor",
        "On en rira longtemps encore",
        "Le bonheur est dans les détails",
        "{Tu} {v:être} notre plus beau poème",
        "On lève nos verres, on chante de joie",
      ],
    },
    { occasions: ["birthday"], lines: ["Une bougie de plus ce soir", "Le gâteau brille dans le noir"] },
    { occasions: ["wedding"], lines: ["Deux cœurs qui disent oui ce soir", "Une promesse, un grand espoir"] },
    { occasions: ["anniversary", "wedding"], lines: ["Chaque année, un peu plus d'amour", "Comme au premier jour"] },
    {
      occasions: ["christmas"],
      lines: [
        "Les guirlandes et le sapin",
        "Le chocolat chaud du matin",
        "La neige tombe sur les toits",
        "Les lumières de Noël",
        "Tout scintille jusqu'au ciel",
      ],
    },
    {
      occasions: familyDays,
      lines: [
        "{Tu} me {v:avoir} appris à marcher",
        "{Tu} me {v:avoir} appris à rêver",
        "{Tu} me {v:avoir} montré le chemin",
        "{Tu} me {v:avoir} toujours tenu la main",
      ],
    },
    { occasions: ["graduation"], lines: ["Des nuits entières à travailler", "{Tu} {v:pouvoir} enfin tout célébrer"] },
    {
      occasions: ["friendship"],
      lines: [
        "On a fait les quatre cents coups",
        "On rit encore comme des fous",
        "On s'est promis d'être fidèles",
        "Notre amitié reste la plus belle",
      ],
    },
    { occasions: ["love"], lines: ["Depuis le premier regard", "Rien n'arrive par hasard"] },
    {
      occasions: ["thanks", ...familyDays],
      lines: ["{Tu} {v:donner} sans jamais compter", "{Tu} {v:être} toujours là pour aider"],
    },
    {
      occasions: ["retirement"],
      lines: ["Des années à tout donner", "Voici le temps de {se} reposer", "Plus de réveil à sonner"],
    },
    { occasions: ["birth"], lines: ["Un tout petit cœur qui bat", "Et tout le monde est déjà là"] },
    {
      moods: ["funny"],
      lines: [
        "{Tu} {v:chanter} faux, mais on s'en fiche",
        "Avec {toi}, on est tous riches",
        "{Tu} {v:être} toujours en retard",
        "Mais on {te} attend comme une star",
      ],
    },
    { moods: ["energetic"], lines: ["On monte le volume, on lève les bras", "Ce soir, on ne s'arrête pas"] },
    { moods: ["calm"], lines: ["Doucement, le soir descend", "On prend le temps, tout simplement"] },
    { moods: ["tender"], lines: ["{Tu} {v:être} là, tout simplement", "Je {te} garde précieusement"] },
    { moods: ["nostalgic"], lines: ["{Tu} {se} {v:souvenir} de nos étés", "Des rires, des nuits à veiller"] },
  ],
  bridge: [
    {
      lines: [
        "Qu'importe l'hiver ou l'été",
        "Je serai toujours à {tes} côtés",
        "Fermons les yeux un instant",
        "Et profitons de ce moment",
        "Les années peuvent bien passer",
        "Rien ne pourra nous séparer",
        "Le souvenir brille dans la nuit",
        "On gardera tout ça ici",
        "Que chaque jour soit une lumière",
        "Que la vie soit douce et légère",
      ],
    },
    {
      moods: ["joyful", "energetic", "funny"],
      lines: ["Levons nos verres, levons les yeux", "Ce soir, tout est merveilleux"],
    },
  ],
  ages: {
    hooks: [
      "{name}, {tu} {v:avoir} {age} ans",
      "{name}, {tu} {v:avoir} {age} ans aujourd'hui",
      "{Tes} {age} ans, {name}",
    ],
    hooksAbout: ["{name} a {age} ans aujourd'hui", "On fête les {age} ans de {name}", "Les {age} ans de {name}"],
    titles: ["Les {age} ans de {name}", "{name}, {age} ans"],
  },
  titles: {
    birthday: ["Joyeux anniversaire, {name}", "C'est la fête à {name}"],
    wedding: ["{name}, pour toujours", "Le grand jour de {name}"],
    anniversary: ["{name}, pour toujours", "Encore un an d'amour, {name}"],
    christmas: ["Joyeux Noël, {name}", "Un Noël pour {name}"],
    mothersday: ["Bonne fête, {name}", "Une chanson pour {name}"],
    fathersday: ["Bonne fête, {name}", "Une chanson pour {name}"],
    graduation: ["Bravo, {name}", "Le monde est à {name}"],
    friendship: ["Une chanson pour {name}", "Pour {name}"],
    love: ["{name}, pour toujours", "Mon cœur est à {name}"],
    thanks: ["Merci, {name}", "Une chanson pour {name}"],
    retirement: ["Bonne retraite, {name}", "La belle vie de {name}"],
    birth: ["Bienvenue, {name}", "Une chanson pour {name}"],
    generic: ["Une chanson pour {name}", "Pour {name}"],
  },
  frames: {
    present: ["{d}", "J'aime quand {d}", "On sait tous que {d}"],
    past: ["{d}", "Je me souviens quand {d}", "Je n'oublie pas que {d}"],
    other: ["{d}", "On sait tous que {d}"],
    noun: [
      "{d}",
      "Je repense à {d}",
      "Je me souviens de {d}",
      "On parle encore de {d}",
      "Et {d}, on n'oublie pas",
      "{d}, on s'en souvient",
    ],
  },
  tails: {
    present: [
      ", on le sait",
      ", c'est vrai",
      ", c'est beau",
      ", c'est comme ça",
      ", et on en rit",
      ", depuis toujours",
    ],
    past: [", on le sait", ", c'est vrai", ", je m'en souviens", ", et on en rit"],
  },
};

export const banks: Record<Language, LanguageBank> = { en, fr };
