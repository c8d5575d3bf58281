// spessasynth_core, loaded on first use. A render hands its band to the band threads, which load it;
// the thread that asks plays no note itself, and the library would cost it about 19 MiB (its code and
// its Vorbis decoder) for nothing. It is imported here, at run time, because a bundle hoists a static
// import of an external package to its top, where it loads with the bundle whoever uses it.
type Core = typeof import("spessasynth_core");

let core: Core | undefined;
let loading: Promise<Core> | undefined;

export async function loadCore(): Promise<Core> {
  core ??= await (loading ??= import("spessasynth_core"));
  return core;
}

/** The library, once `loadCore` has loaded it. */
export function loadedCore(): Core {
  if (!core) throw new Error("spessasynth_core is used before loadCore()");
  return core;
}
