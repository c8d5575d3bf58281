import type { Language } from "../../db/enums";

// The built-in writer's material. Every line stands on its own (no line continues the sentence of
// another), so any two lines of the same rhyme sound can follow each other. Lines speak to the
// recipient ("you" / "tu") without gendered words: the form never tells us whether the recipient is
// a man or a woman. French lines that say "vous" serve couples; the writer tells them apart by
// their words, so none is tagged by hand.

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
  lines: string[];
}

export interface LanguageBank {
  /** Chorus openers naming the recipient ({name}); "generic" ones serve every occasion. */
  hooks: Record<Occasion, string[]>;
  /** Prefixes that turn a chorus line into one that names the recipient. */
  vocatives: string[];
  chorus: LineGroup[];
  verse: LineGroup[];
  bridge: LineGroup[];
  titles: Record<Occasion, string[]>;
  /** Ways to quote a story detail ({d}): after a clause-taking verb, after a noun-taking one, or either. */
  frames: { clause: string[]; noun: string[]; either: string[] };
  /** Words that start a clause ("she surfs…") or a noun phrase ("our trip…"), and common verbs that betray a clause. */
  subjects: Set<string>;
  determiners: Set<string>;
  verbs: Set<string>;
  /** Word starts that only verbs have ("s'appelle", "don't"). */
  verbPrefixes: string[];
  /** Words never lowercased when a line is put after a name ("I", "Noël"). */
  keepCase: Set<string>;
}

const set = (words: string): Set<string> => new Set(words.split(" "));

const familyDays: Occasion[] = ["mothersday", "fathersday"];

const en: LanguageBank = {
  hooks: {
    birthday: ["Happy birthday, {name}, it's your day", "Happy birthday, dear {name}", "{name}, it's your birthday tonight", "Blow out the candles, {name}"],
    wedding: ["{name}, this is your wedding day", "Here's to love, here's to {name}", "{name}, the bells ring out today"],
    anniversary: ["{name}, we're still going strong", "Happy anniversary, {name}"],
    christmas: ["Merry Christmas, {name}", "{name}, it's Christmas tonight", "{name}, it's Christmas, come what may"],
    mothersday: ["{name}, this one's for you", "Happy Mother's Day, {name}", "Thank you for everything, {name}"],
    fathersday: ["{name}, this one's for you", "Happy Father's Day, {name}", "Thank you for everything, {name}"],
    graduation: ["{name}, your future's shining bright", "Congratulations, {name}", "{name}, you made it all the way"],
    friendship: ["{name}, my friend, you're here to stay", "Here's to you, {name}, my friend", "{name}, you're one of a kind"],
    love: ["{name}, you're my everything", "{name}, you hold my heart", "I love you, {name}"],
    thanks: ["Thank you, {name}, for all you do", "{name}, thank you from the heart", "Thank you, {name}"],
    retirement: ["Happy retirement, {name}", "{name}, sit back and enjoy the ride", "{name}, the best is yet to come"],
    birth: ["Welcome to the world, {name}", "{name}, you're finally here", "Hello, little {name}"],
    generic: ["{name}, this song is for you", "Here's to you, {name}", "{name}, you brighten every day"],
  },
  vocatives: ["{name}, ", "Oh {name}, "],
  chorus: [
    {
      lines: [
        "The whole world is yours today",
        "We're singing this for you today",
        "Let the music lead the way",
        "Nothing's gonna stand in your way",
        "I hope this feeling's here to stay",
        "You light the sky in every way",
        "You make the whole world shine so bright",
        "Everything feels right tonight",
        "You're the spark that makes it bright",
        "Your smile is shining bright",
        "Hold on to this light",
        "You're forever in my heart",
        "You've been golden from the start",
        "This song comes straight from the heart",
        "Every day's a brand new start",
        "You mean the world to me",
        "You're everything you're meant to be",
        "There's no place I would rather be",
        "Your laughter sets the whole room free",
        "You deserve it all and more",
        "Brighter than ever before",
        "You're the one we're singing for",
        "Every year we love you more",
        "Every dream of yours comes true",
        "We raise our voices just for you",
        "There's no one else quite like you",
        "The sky is bright and so are you",
        "This one is your song",
        "Everybody sing along",
        "You're where we all belong",
        "We've loved you all along",
        "I'm so glad that you are here",
        "You're the one we hold so dear",
        "You lift us up so high",
        "Reach out and touch the sky",
        "You make the whole world want to sing",
        "You're worth more than anything",
        "I wouldn't change a single thing",
        "We'll be here until the end",
        "We're right here by your side",
        "Our hearts are open wide",
        "The best is yet to come",
        "Look how far you've come",
        "You're one of a kind",
        "The sweetest soul I'll ever find",
        "You're always on my mind",
      ],
    },
    { moods: ["joyful", "energetic", "funny"], lines: ["Come on, let's dance the night away", "We'll be dancing through the night", "Everybody raise a cheer", "Everybody, here we come"] },
    { moods: ["tender", "nostalgic", "calm"], lines: ["Don't let this moment slip away", "You're my sunshine and my light", "You're the apple of my eye", "Leave your worries far behind"] },
    { occasions: ["love", "friendship", "wedding", "anniversary"], lines: ["Nothing ever tears us apart", "It's always you and me", "A love that will never end", "You're more than just a friend"] },
    { occasions: ["birthday", "anniversary"], lines: ["Here's to another happy year"] },
    { occasions: ["graduation", "birth"], lines: ["Spread your wings and learn to fly"] },
    { occasions: ["retirement"], lines: ["Sit back and enjoy the ride"] },
  ],
  verse: [
    {
      lines: [
        "We've come so far along the way",
        "I think about you every day",
        "We've shared the laughter and the light",
        "You always knew to make things right",
        "We stayed up talking half the night",
        "We've been together all this time",
        "I'd do it all a second time",
        "You open every single door",
        "You give and give and then give more",
        "The ones you love are gathered here",
        "Your laughter's all we want to hear",
        "You're part of every memory",
        "With you, we're who we want to be",
        "And every word I say is true",
        "And all our dreams are coming true",
        "The world is brighter next to you",
        "You've been right here all along",
        "You taught us how to be strong",
        "There's sunshine in your eyes",
        "You always catch us by surprise",
        "All the things we're dreaming of",
      ],
    },
    { occasions: ["birthday"], lines: ["We light the candles one by one", "The party's only just begun", "Another candle, one more year", "Your friends and family are here"] },
    { occasions: ["wedding"], lines: ["Two hearts that beat as one today", "A promise made for every day", "Two hands to have and hold", "A love that never will grow old"] },
    { occasions: ["anniversary"], lines: ["We've loved each other year by year", "Still holding hands, still standing here", "Through every high and every low", "Our love keeps finding room to grow"] },
    { occasions: ["christmas"], lines: ["The tree is shining, snow is white", "The fire's warm, the night is bright", "We're gathered close around the tree"] },
    { occasions: familyDays, lines: ["You held my hand when I was small", "You picked me up each time I'd fall", "You taught me how to stand up tall"] },
    { occasions: ["graduation"], lines: ["You worked so hard through every test", "You gave it all, you did your best", "The long nights studying are done", "And now a new road has begun"] },
    { occasions: ["friendship"], lines: ["You've been my friend through everything"] },
    { occasions: ["love"], lines: ["The first time that I saw your face", "I knew that I had found my place", "You're the one I'm thinking of"] },
    { occasions: ["thanks", ...familyDays], lines: ["You never ask for anything", "You're always there through everything"] },
    { occasions: ["retirement"], lines: ["You've worked so hard for all these years", "Through all the laughter and the tears", "Now it's time to take it slow", "There's nowhere else you need to go"] },
    { occasions: ["birth"], lines: ["Ten little fingers, two bright eyes", "You came to us a sweet surprise", "A tiny heart, a brand new start"] },
    { moods: ["funny"], lines: ["You're never early, always late", "But honestly, you're worth the wait", "You sing off-key but we don't care", "Your laugh is heard from everywhere"] },
    { moods: ["energetic"], lines: ["Turn it up and feel the beat", "Everybody on their feet", "Clap your hands and jump up high", "Tonight we're reaching for the sky"] },
    { moods: ["calm"], lines: ["The evening settles soft and slow", "There's nowhere else we need to go", "The stars are glowing, soft and low"] },
    { moods: ["tender"], lines: ["I hold you close, I hold you near", "You chase away my every fear", "You're softer than the morning light"] },
    { moods: ["nostalgic"], lines: ["Remember how the summers passed", "We thought that they would always last", "Time flies, it feels like yesterday", "The years go by, the memories stay"] },
  ],
  bridge: [
    {
      lines: [
        "And if the years go rushing by",
        "We'll keep this moment, you and I",
        "Whatever comes, whatever may",
        "This love will always find a way",
        "So close your eyes and count to three",
        "And know how loved you'll always be",
        "No matter where the road may bend",
        "You'll always have a loyal friend",
        "And when the lights go down tonight",
        "I hope you know it all feels right",
        "When skies are grey and roads are long",
        "Just hum the words of this old song",
      ],
    },
    { moods: ["funny"], lines: ["And if you trip on the dance floor", "We'll cheer and shout for an encore"] },
    { moods: ["energetic", "joyful"], lines: ["Hands up high and don't let go", "Let the whole wide world know"] },
    { moods: ["calm", "tender"], lines: ["Breathe in slowly, breathe out slow", "Let the quiet river flow"] },
  ],
  titles: {
    birthday: ["Happy Birthday, {name}", "It's Your Day, {name}"],
    wedding: ["{name}, Forever", "Here's to Love, {name}"],
    anniversary: ["{name}, Still Going Strong", "{name}, Forever"],
    christmas: ["Merry Christmas, {name}", "A Christmas Song for {name}"],
    mothersday: ["A Song for {name}", "Thank You, {name}"],
    fathersday: ["A Song for {name}", "Thank You, {name}"],
    graduation: ["{name}, the Future Is Yours", "Congratulations, {name}"],
    friendship: ["{name}, My Friend", "A Song for {name}"],
    love: ["{name}, Forever", "Only You, {name}"],
    thanks: ["Thank You, {name}"],
    retirement: ["Happy Retirement, {name}", "{name}, Enjoy the Ride"],
    birth: ["Welcome, {name}", "Hello, Little {name}"],
    generic: ["A Song for {name}", "Here's to You, {name}"],
  },
  frames: {
    clause: ["I love the way {d}", "I still remember how {d}", "We all know that {d}"],
    noun: ["I still remember {d}", "I think about {d}", "We still talk about {d}"],
    either: ["And {d}, I hold it near", "And {d}, it's all in my heart"],
  },
  subjects: set("i you she he we they it everyone everybody"),
  determiners: set("my your his her our their the a an this that these those every each"),
  verbs: set(
    "is was are were has had have loves loved likes liked can could will would always never still used makes made plays played takes took goes went does did gets got keeps kept knows knew sings sang dances danced runs ran reads cooks bakes",
  ),
  verbPrefixes: ["don't", "doesn't", "didn't", "can't", "won't", "isn't", "wasn't"],
  keepCase: set("i i'm i'll i've i'd christmas"),
};

const fr: LanguageBank = {
  hooks: {
    birthday: ["Joyeux anniversaire, {name}", "{name}, c'est ton anniversaire", "Bon anniversaire, {name}", "{name}, c'est ton jour aujourd'hui"],
    wedding: ["Pour {name}, le plus beau des jours", "{name}, vive les mariés", "{name}, c'est le jour du grand oui"],
    anniversary: ["{name}, mon amour de toujours", "{name}, encore une année d'amour", "Joyeux anniversaire, {name}"],
    christmas: ["Joyeux Noël, {name}", "{name}, c'est la magie de Noël"],
    mothersday: ["Bonne fête, {name}", "{name}, merci pour tout", "{name}, ce refrain est pour toi"],
    fathersday: ["Bonne fête, {name}", "{name}, merci pour tout", "{name}, ce refrain est pour toi"],
    graduation: ["{name}, le monde est à toi", "Bravo {name}, tu l'as fait", "Bravo, {name}"],
    friendship: ["{name}, toi et moi pour toujours", "{name}, on sera toujours là"],
    love: ["{name}, tu es mon amour", "{name}, je t'aime pour toujours", "Je t'aime, {name}"],
    thanks: ["{name}, merci pour tout", "Merci, {name}", "Merci pour tout, {name}"],
    retirement: ["{name}, à toi la belle vie", "Bonne retraite, {name}"],
    birth: ["Bienvenue, {name}", "{name}, bienvenue dans la vie", "{name}, te voilà parmi nous"],
    generic: ["{name}, cette chanson est pour toi", "Pour toi, {name}", "{name}, cette chanson est pour vous"],
  },
  vocatives: ["{name}, ", "Oh {name}, "],
  chorus: [
    {
      lines: [
        "Tu illumines toute ma vie",
        "Tu fais le bonheur de nos vies",
        "Tout le monde est réuni",
        "On est tous là, tous réunis",
        "On chante pour toi aujourd'hui",
        "Le monde est à toi maintenant",
        "On profite de chaque moment",
        "Le cœur léger comme le vent",
        "Cette chanson porte ton nom",
        "C'est pour toi, cette chanson",
        "Tout le monde chante ton prénom",
        "On t'aimera toujours",
        "Avec tout notre amour",
        "Tu rends plus beaux tous nos jours",
        "Et ça durera toujours",
        "Tu as une place dans nos cœurs",
        "Que la vie t'offre le bonheur",
        "Tu mets de la joie dans les cœurs",
        "Tu peins la vie de mille couleurs",
        "Tout le monde est là pour chanter",
        "La vie avec toi est plus belle",
        "Tu brilles comme une étincelle",
        "Tu fais briller tout le ciel",
        "Cette chanson est pour toi",
        "On chante tous pour toi",
        "Tu nous remplis de joie",
        "Tout le monde chante d'une seule voix",
        "On ne t'oubliera jamais",
        "Que tous tes rêves soient vrais",
        "Reste toujours comme tu es",
        "Ton amour est si doux",
        "Tu es toujours là pour nous",
        "Des étoiles plein les yeux",
      ],
    },
    // For a couple (a wedding, parents' anniversary): "vous" lines.
    {
      lines: [
        "Que votre amour dure toujours",
        "Le monde est à vous maintenant",
        "Cette chanson est pour vous deux",
        "Tout le bonheur à vous deux",
        "Le plus beau jour de votre vie",
        "On lève nos verres pour vous",
        "Votre amour nous rend tous heureux",
      ],
    },
    { moods: ["joyful", "energetic", "funny"], lines: ["On va danser toute la nuit", "Ce soir, on va tous danser"] },
    { moods: ["tender", "calm"], lines: ["Je t'aime infiniment", "Tu es ma plus belle chanson"] },
    { occasions: ["birthday", "wedding"], lines: ["Le plus beau jour de ta vie"] },
    { occasions: ["birthday"], lines: ["C'est ta fête aujourd'hui", "Tout le monde lève son verre", "Une année de plus, quelle affaire"] },
    { occasions: ["birthday", "wedding", "graduation", "retirement"], lines: ["Aujourd'hui, c'est ton grand jour"] },
    { occasions: ["graduation", "birth", "wedding"], lines: ["Tout commence aujourd'hui"] },
    { occasions: ["thanks", ...familyDays], lines: ["Pour tout ce que tu donnes, merci", "Ton cœur est plus grand que tout"] },
  ],
  verse: [
    {
      lines: [
        "On a tant de choses à se dire",
        "Je garde en moi chaque sourire",
        "Le temps file entre nos doigts",
        "Il fait si bon d'être avec toi",
        "On a grandi, on a ri",
        "On a partagé nos envies",
        "Tu es de ceux qui font du bien",
        "Tu nous tends toujours la main",
        "Tu éclaires tout notre chemin",
        "Je pense à nous, à demain",
        "Avec toi, on ne manque de rien",
        "On avance main dans la main",
        "Chaque jour à tes côtés",
        "C'est un cadeau à garder",
        "On a traversé tant d'années",
        "Le temps n'efface pas le bonheur",
        "On garde tout au fond du cœur",
        "Tu es là quand ça ne va pas",
        "Tu nous guides à chaque pas",
      ],
    },
    { occasions: ["birthday"], lines: ["Une bougie de plus ce soir", "Le gâteau brille dans le noir"] },
    { occasions: ["wedding"], lines: ["Deux cœurs qui disent oui ce soir", "Une promesse, un grand espoir"] },
    { occasions: ["anniversary", "wedding"], lines: ["Chaque année, un peu plus d'amour", "Comme au premier jour"] },
    { occasions: ["christmas"], lines: ["Les guirlandes et le sapin", "Le chocolat chaud du matin", "La neige tombe sur les toits", "Les lumières de Noël", "Tout scintille jusqu'au ciel"] },
    { occasions: familyDays, lines: ["Tu m'as appris à marcher", "Tu m'as appris à rêver", "Tu m'as montré le chemin", "Tu m'as toujours tenu la main"] },
    { occasions: ["graduation"], lines: ["Des nuits entières à travailler", "Tu peux enfin tout célébrer"] },
    { occasions: ["friendship"], lines: ["On a fait les quatre cents coups", "On rit encore comme des fous", "On s'est promis d'être fidèles", "Notre amitié reste la plus belle"] },
    { occasions: ["love"], lines: ["Depuis le premier regard", "Rien n'arrive par hasard"] },
    { occasions: ["thanks", ...familyDays], lines: ["Tu donnes sans jamais compter", "Tu es toujours là pour aider"] },
    { occasions: ["retirement"], lines: ["Des années à tout donner", "Il est temps de te reposer", "Plus de réveil à sonner"] },
    { occasions: ["birth"], lines: ["Un tout petit cœur qui bat", "Et tout le monde est déjà là"] },
    { moods: ["funny"], lines: ["Tu chantes faux, mais on s'en fiche", "Avec toi, on est tous riches", "Tu es toujours en retard", "Mais on t'attend comme une star"] },
    { moods: ["energetic"], lines: ["Monte le son, lève les bras", "Ce soir, on ne s'arrête pas"] },
    { moods: ["calm"], lines: ["Doucement, le soir descend", "On prend le temps, tout simplement"] },
    { moods: ["tender"], lines: ["Je veux te dire tout doucement", "Que je t'aime infiniment"] },
    { moods: ["nostalgic"], lines: ["Te souviens-tu de nos étés", "Des rires, des nuits à veiller"] },
  ],
  bridge: [
    {
      lines: [
        "Quoi qu'il arrive, où que tu sois",
        "Je serai toujours près de toi",
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
    { moods: ["joyful", "energetic", "funny"], lines: ["Lève ton verre, lève les yeux", "Ce soir, tout est merveilleux"] },
  ],
  titles: {
    birthday: ["Joyeux anniversaire, {name}", "C'est la fête à {name}"],
    wedding: ["{name}, pour toujours", "Vive les mariés, {name}"],
    anniversary: ["{name}, pour toujours", "Encore un an d'amour, {name}"],
    christmas: ["Joyeux Noël, {name}", "Un Noël pour {name}"],
    mothersday: ["Bonne fête, {name}", "Une chanson pour {name}"],
    fathersday: ["Bonne fête, {name}", "Une chanson pour {name}"],
    graduation: ["Bravo, {name}", "{name}, le monde est à toi"],
    friendship: ["{name}, toi et moi", "Une chanson pour {name}"],
    love: ["{name}, pour toujours", "Je t'aime, {name}"],
    thanks: ["Merci, {name}", "Une chanson pour {name}"],
    retirement: ["Bonne retraite, {name}", "{name}, à toi la belle vie"],
    birth: ["Bienvenue, {name}", "Une chanson pour {name}"],
    generic: ["Une chanson pour {name}", "Pour {name}"],
  },
  frames: {
    clause: ["J'aime quand {d}", "On se souvient que {d}", "Je me souviens que {d}"],
    noun: ["Je me souviens de {d}", "Je repense à {d}", "On parle encore de {d}"],
    either: ["Et {d}, je m'en souviens", "Et {d}, c'est gravé dans mon cœur"],
  },
  subjects: set("il elle on nous vous ils elles tu je j' c'"),
  determiners: set("mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs le la les l' un une des ce cet cette ces chaque"),
  verbs: set(
    "se ne est était a avait aime aimait adore adorait fait faisait va allait sait peut part vit joue jouait chante chantait danse dansait prend prenait passe passait court lit cuisine rit",
  ),
  verbPrefixes: ["s'", "n'", "m'"],
  keepCase: set("noël dieu"),
};

export const banks: Record<Language, LanguageBank> = { en, fr };
