export { signMediaLink, verifyMediaLink, publicLinkTtl, dispositions, mediaFormats, type Disposition, type MediaFormat } from "./signed-links";
export { serveTrack, parseRange } from "./serve";
export { audioInfo } from "./audio-info";
