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

const resetTexts = {
  en: {
    subject: "Choose a new password for Refrain",
    intro: "Someone (we hope it was you) asked to reset the password of the Refrain account of this address.",
    action: "Choose a new password here. The link works once, for one hour:",
    ignore: "If it was not you, ignore this email: your password stays as it is.",
  },
  fr: {
    subject: "Choisissez un nouveau mot de passe Refrain",
    intro:
      "Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe du compte Refrain de cette adresse.",
    action: "Choisissez un nouveau mot de passe ici. Le lien fonctionne une fois, pendant une heure :",
    ignore: "Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe ne change pas.",
  },
} as const satisfies Record<Language, Record<string, string>>;

export async function passwordResetMail(to: string, language: Language, link: string): Promise<Mail> {
  const t = resetTexts[language];
  return {
    to,
    subject: t.subject,
    text: `${t.intro}\n\n${t.action}\n${link}\n\n${t.ignore}\n`,
    html: String(await html`<p>${t.intro}</p><p>${t.action}<br /><a href="${link}">${link}</a></p><p>${t.ignore}</p>`),
  };
}
