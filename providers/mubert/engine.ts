import { type EngineDescriptor, hostOf, reportedCost, text } from "../engine";
import { MubertProvider } from "./provider";

export const mubertEngine: EngineDescriptor = {
  id: "mubert",
  title: "Mubert (instrumental)",
  capabilities: { callbacks: false, cancel: false, sings: false },
  settings: {
    MUBERT_BASE_URL: { kind: "url", doc: "https://music-api.mubert.com/api/v3 in production" },
    MUBERT_COMPANY_ID: { kind: "text", doc: "the service account's company id" },
  },
  secrets: {
    MUBERT_LICENSE_TOKEN: {
      doc: "Mubert's license token",
      neededBy: (v) =>
        text(v, "MUBERT_BASE_URL") && text(v, "MUBERT_COMPANY_ID") ? "Mubert (MUBERT_BASE_URL is set)" : null,
    },
  },
  enabled: (v) => Boolean(text(v, "MUBERT_BASE_URL") && text(v, "MUBERT_COMPANY_ID")),
  audioHosts: (v) => [...hostOf(v, "MUBERT_BASE_URL"), "*.mubert.com"],
  create: (v) =>
    new MubertProvider({
      baseUrl: text(v, "MUBERT_BASE_URL"),
      companyId: text(v, "MUBERT_COMPANY_ID"),
      licenseToken: text(v, "MUBERT_LICENSE_TOKEN"),
    }),
  cost: reportedCost,
};
