export { signMediaLink, verifyMediaLink, dispositions, mediaFormats, type Disposition, type MediaFormat } from "./signed-links";
export { serveTrack, parseRange } from "./serve";
export { audioInfo } from "./audio-info";
