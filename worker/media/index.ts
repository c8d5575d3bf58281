export { signMediaLink, verifyMediaLink, dispositions, type Disposition } from "./signed-links";
export { serveTrack, parseRange } from "./serve";
export { audioInfo } from "./audio-info";
