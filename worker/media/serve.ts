import type { Track } from "../../db";
import type { Disposition, MediaFormat } from "./signed-links";

/** Parses a single "bytes=a-b" range; multi-range requests are answered with the whole file, as RFC 9110 allows. */
export function parseRange(
  header: string | null,
  size: number,
): { offset: number; length: number } | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null;
  let start: number;
  let end: number;
  if (!match[1]) {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  }
  if (start >= size || start > end) return "unsatisfiable";
  return { offset: start, length: end - start + 1 };
}

export async function serveTrack(
  bucket: R2Bucket,
  track: Track,
  request: Request,
  disposition: Disposition,
  format: MediaFormat = "mp3",
): Promise<Response> {
  const wav =
    format === "wav" && track.wavR2Key && track.wavSizeBytes && track.wavSha256
      ? { key: track.wavR2Key, size: track.wavSizeBytes, sha256: track.wavSha256 }
      : null;
  if (format === "wav" && !wav) return new Response(null, { status: 404 });
  const file = wav ?? { key: track.r2Key, size: track.sizeBytes, sha256: track.sha256 };
  const extension = wav ? "wav" : track.format;
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "Content-Type": wav ? "audio/wav" : track.contentType,
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": "private, max-age=3600",
    "Content-Disposition": contentDisposition(disposition, downloadName(track.title, track.takeIndex, extension)),
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  // A stale If-Range means the client's partial copy is of another file: send it all.
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${file.size}`);
    return new Response(null, { status: 416, headers });
  }
  const object = await bucket.get(file.key, range ? { range } : {});
  if (!object) return new Response(null, { status: 404 });
  if (range) {
    headers.set("Content-Range", `bytes ${range.offset}-${range.offset + range.length - 1}/${file.size}`);
    headers.set("Content-Length", String(range.length));
    return new Response(request.method === "HEAD" ? null : object.body, { status: 206, headers });
  }
  headers.set("Content-Length", String(file.size));
  return new Response(request.method === "HEAD" ? null : object.body, { status: 200, headers });
}

/**
 * The name a downloaded song is saved under: its title as written ("Marie’s Song, Take Two!"), but for what
 * Windows, macOS or Linux refuse in a file name; a second take is told apart by its number.
 */
export function downloadName(title: string | null, takeIndex: number, extension: string): string {
  const base =
    (title ?? "")
      .replace(/[\p{Cc}\\/:*?"<>|]/gu, " ")
      .replace(/\s+/g, " ")
      .replace(/^[\s.]+|[\s.]+$/g, "") || "song";
  return `${base}${takeIndex > 0 ? `-${takeIndex + 1}` : ""}.${extension}`;
}

/** Header values are bytes: an ASCII name for every client, and the real one (RFC 6266 / 5987) for those that read it. */
function contentDisposition(disposition: string, filename: string): string {
  const ascii = filename
    .replace(/[‘’]/g, "'")
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "");
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
