import { html } from "hono/html";
import type { Language } from "../../domain/values";
import { config } from "../config";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Every email the product sends goes through Cloudflare Email Service's binding, from MAIL_FROM. */
export async function sendMail(env: Env, mail: Mail): Promise<void> {
  await env.EMAIL.send({ from: { email: config(env).MAIL_FROM, name: "Refrain" }, ...mail });
}

/**
 * One look for every email: the name, the message, its one link as a button (and spelled out, for clients that
 * hide buttons), then the small print. Styles are inline: mail clients drop style sheets.
 */
async function layout(p: {
  language: Language;
  heading: string;
  lead: string[];
  button: string;
  action: string;
  link: string;
  small: ReturnType<typeof html>;
}): Promise<string> {
  return String(
    await html`<!doctype html><html lang="${p.language}"><body style="margin:0;padding:24px;background:#fafaf9;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1c1917;line-height:1.5"><div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #d6d3d1;border-radius:12px;padding:24px"><p style="margin:0 0 16px;font-size:16px;font-weight:700;color:#5b21b6">Refrain</p><h1 style="margin:0 0 12px;font-size:22px;line-height:1.3">${p.heading}</h1>${p.lead.map((line) => html`<p>${line}</p>`)}<p style="margin:24px 0"><a href="${p.link}" style="display:inline-block;background:#5b21b6;color:#fff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px">${p.button}</a></p><p style="font-size:13px;color:#57534e">${p.action}<br /><a href="${p.link}" style="color:#5b21b6;word-break:break-all">${p.link}</a></p><p style="font-size:13px;color:#57534e">${p.small}</p></div></body></html>`,
  );
}

const resetTexts = {
  en: {
    subject: "Choose a new password for Refrain",
    intro: "Someone (we hope it was you) asked to reset the password of the Refrain account of this address.",
    action: "Choose a new password here. The link works once, for one hour:",
    button: "Choose a new password",
    ignore: "If it was not you, ignore this email: your password stays as it is.",
  },
  fr: {
    subject: "Choisissez un nouveau mot de passe Refrain",
    intro:
      "Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe du compte Refrain de cette adresse.",
    action: "Choisissez un nouveau mot de passe ici. Le lien fonctionne une fois, pendant une heure :",
    button: "Choisir un nouveau mot de passe",
    ignore: "Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe ne change pas.",
  },
} as const satisfies Record<Language, Record<string, string>>;

export async function passwordResetMail(to: string, language: Language, link: string): Promise<Mail> {
  const t = resetTexts[language];
  return {
    to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}\n${link}\n\n${t.ignore}\n`,
    html: await layout({
      language,
      heading: t.subject,
      lead: [t.intro],
      button: t.button,
      action: t.action,
      link,
      small: html`${t.ignore}`,
    }),
  };
}

/** What an order's email is about: the moments a person who has left the page needs to hear of. */
export type OrderNotice = "lyrics" | "ready" | "stopped";

/** What an email's body may say of its order: the approval deadline, the refund (empty when nothing was refunded). */
interface Said {
  deadline: string;
  refunded: string;
}

const orderTexts = {
  en: {
    untitled: "your song",
    lyrics: {
      subject: (title: string) => `Your lyrics for “${title}” are ready to read`,
      body: ({ deadline }: Said) =>
        `Read them, change any line or ask for another draft, then approve them: the music is made only then. Approve them before ${deadline}; after that the order stops and its credits are refunded.`,
      action: "Read your lyrics:",
      button: "Read my lyrics",
    },
    ready: {
      subject: (title: string) => `Your song “${title}” is ready`,
      body: () => "Listen to it, download it, or make it a gift.",
      action: "Your song:",
      button: "Listen to my song",
    },
    stopped: {
      subject: (title: string) => `Your song “${title}” could not be made`,
      body: ({ refunded }: Said) => `${refunded}The song's page says why, and what you can do.`,
      action: "The song's page:",
      button: "See what happened",
    },
    refunded: (credits: number) => `${credits} ${credits === 1 ? "credit was" : "credits were"} refunded to you. `,
    why: "You get this email because you ordered this song on Refrain and were not on its page at that moment.",
    stop: "To stop these emails, untick them in your account:",
  },
  fr: {
    untitled: "votre chanson",
    lyrics: {
      subject: (title: string) => `Les paroles de « ${title} » sont prêtes`,
      body: ({ deadline }: Said) =>
        `Lisez-les, changez une ligne ou demandez une autre version, puis approuvez-les : la musique n’est faite qu’ensuite. Approuvez-les avant le ${deadline} ; passé ce délai, la commande s’arrête et ses crédits vous sont remboursés.`,
      action: "Lire vos paroles :",
      button: "Lire mes paroles",
    },
    ready: {
      subject: (title: string) => `Votre chanson « ${title} » est prête`,
      body: () => "Écoutez-la, téléchargez-la ou offrez-la.",
      action: "Votre chanson :",
      button: "Écouter ma chanson",
    },
    stopped: {
      subject: (title: string) => `Votre chanson « ${title} » n’a pas pu être faite`,
      body: ({ refunded }: Said) => `${refunded}La page de la chanson dit pourquoi, et ce que vous pouvez faire.`,
      action: "La page de la chanson :",
      button: "Voir ce qui s’est passé",
    },
    refunded: (credits: number) =>
      `${credits} ${credits === 1 ? "crédit vous a été remboursé" : "crédits vous ont été remboursés"}. `,
    why: "Vous recevez cet e-mail parce que vous avez commandé cette chanson sur Refrain et n’étiez pas sur sa page à ce moment-là.",
    stop: "Pour ne plus recevoir ces e-mails, décochez-les dans votre compte :",
  },
} as const;

export interface OrderMailFacts {
  notice: OrderNotice;
  to: string;
  language: Language;
  jobId: string;
  title: string | null;
  /** The credits given back (a stopped order). */
  refunded: number;
  /** Until when the lyrics wait for approval (epoch ms). */
  deadlineAt: number;
  publicUrl: string;
}

export async function orderMail(facts: OrderMailFacts): Promise<Mail> {
  const t = orderTexts[facts.language];
  const title = facts.title ?? t.untitled;
  const link = `${facts.publicUrl}/${facts.language}/songs/${facts.jobId}`;
  const settings = `${facts.publicUrl}/${facts.language}/settings`;
  // The server does not know the person's time zone: the deadline says its own.
  const deadline = `${new Intl.DateTimeFormat(facts.language === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(facts.deadlineAt)} UTC`;
  const about = t[facts.notice];
  const body = about.body({ deadline, refunded: facts.refunded > 0 ? t.refunded(facts.refunded) : "" });
  const subject = about.subject(title);
  return {
    to: facts.to,
    subject,
    text: `${body}\n\n${about.action}\n${link}\n\n${t.why}\n${t.stop}\n${settings}\n`,
    html: await layout({
      language: facts.language,
      heading: subject,
      lead: [body],
      button: about.button,
      action: about.action,
      link,
      small: html`${t.why}<br />${t.stop} <a href="${settings}" style="color:#5b21b6">${settings}</a>`,
    }),
  };
}
