"""An offline Discogs: a stateful emulation of the API subset gramtui uses, with the real shapes,
headers, pagination, rate-limit window and error bodies, fault injection, and a bundled sample
collection built from real recorded responses.

    state = build_state()                      # or build_state(3104, listings=322, wants=286)
    sandbox = Sandbox(state, SandboxConfig(error_rate=0.1))
    client = httpx.Client(transport=httpx.MockTransport(sandbox.handle),
                          base_url="https://api.discogs.com")
    with serve(sandbox) as server:             # or over loopback HTTP at server.url
        ...
"""

from gramtui.sandbox.config import SandboxConfig
from gramtui.sandbox.errors import SandboxConfigError, SandboxError
from gramtui.sandbox.sample import build_state
from gramtui.sandbox.sandbox import Sandbox, SandboxCounters
from gramtui.sandbox.server import SandboxServer, run_server, serve
from gramtui.sandbox.state import SandboxState

__all__ = [
    "Sandbox",
    "SandboxConfig",
    "SandboxConfigError",
    "SandboxCounters",
    "SandboxError",
    "SandboxServer",
    "SandboxState",
    "build_state",
    "run_server",
    "serve",
]
