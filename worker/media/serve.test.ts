import { describe, expect, it } from "vitest";
import { downloadName } from "./serve";

describe("a downloaded song's file name", () => {
  it("is the title as written, apostrophes and punctuation kept", () => {
    expect(downloadName("Marie’s Song, Take Two!", 0, "mp3")).toBe("Marie’s Song, Take Two!.mp3");
    expect(downloadName("Joyeux anniversaire, Maëlys (30 ans)", 0, "wav")).toBe(
      "Joyeux anniversaire, Maëlys (30 ans).wav",
    );
  });

  it("leaves out what a file system refuses, and never starts or ends with a dot", () => {
    expect(downloadName('AC/DC: "Live"? <yes> | no*', 0, "mp3")).toBe("AC DC Live yes no.mp3");
    expect(downloadName("..hidden..", 0, "mp3")).toBe("hidden.mp3");
    expect(downloadName("tab\there\nnewline", 0, "mp3")).toBe("tab here newline.mp3");
  });

  it("tells a second take apart, and names an untitled or unnameable song", () => {
    expect(downloadName("Rainy Tuesday", 1, "mp3")).toBe("Rainy Tuesday-2.mp3");
    expect(downloadName(null, 0, "mp3")).toBe("song.mp3");
    expect(downloadName("///", 2, "wav")).toBe("song-3.wav");
  });
});
