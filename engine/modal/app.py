"""The engine's worker pool on Modal.

Modal runs the engine gateway (engine/dist/server.mjs) as a web server; its worker threads render
the songs. Callers authenticate twice: Modal's proxy auth (Modal-Key / Modal-Secret,
checked by Modal before any container starts) and the gateway's own bearer token (ENGINE_TOKEN).
Submitting never waits for a render, so Modal's 150 s request limit never applies to a song.

Deploy:  modal deploy engine/modal/app.py
Secrets: modal secret create refrain-engine ENGINE_TOKEN=... ENGINE_WEBHOOK_SECRET=whsec_...
"""

import subprocess

import modal

PORT = 8000
REPO = "/srv/refrain"

image = (
    modal.Image.debian_slim(python_version="3.12")
    .apt_install("curl", "ca-certificates")
    .run_commands(
        "curl -fsSL https://deb.nodesource.com/setup_22.x | bash -",
        "apt-get install -y nodejs",
    )
    .add_local_dir(".", REPO, copy=True, ignore=["node_modules", ".wrangler", ".git", "engine/dist", "web/build"])
    .run_commands(f"cd {REPO} && npm ci --omit=optional && node engine/build.mjs")
)

app = modal.App("refrain-engine", image=image)


@app.function(
    secrets=[modal.Secret.from_name("refrain-engine")],
    cpu=8.0,
    memory=8192,
    min_containers=1,
    # One gateway for now: a track's state and audio live in its container, so a second container
    # would answer 404 for tracks it did not render. Scaling out needs that state on a modal.Volume
    # (docs/engine.md, "Scaling out").
    max_containers=1,
    scaledown_window=300,
    timeout=900,
)
@modal.concurrent(max_inputs=32)
@modal.web_server(PORT, startup_timeout=60, requires_proxy_auth=True)
def gateway():
    # The gateway's pool renders ENGINE_CONCURRENCY songs at a time (the container's cores by default)
    # and answers 429 with Retry-After when its queue is full; the platform retries later.
    subprocess.Popen(
        ["node", f"{REPO}/engine/dist/server.mjs"],
        env={
            **__import__("os").environ,
            "ENGINE_HOST": "0.0.0.0",
            "ENGINE_PORT": str(PORT),
            "ENGINE_DATA_DIR": "/tmp/refrain-engine",
        },
    )
