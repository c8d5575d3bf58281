export { audioInfo } from "./audio-info";
export { parseRange, serveTrack } from "./serve";
export {
  type Disposition,
  dispositions,
  type MediaFormat,
  mediaFormats,
  publicLinkTtl,
  signMediaLink,
  verifyMediaLink,
} from "./signed-links";
