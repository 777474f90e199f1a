"""The demo: the sandbox on loopback, seeded with the sample collection, and a data directory
of its own, so trying gramtui never touches the user's real data or needs an account."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gramtui.settings.paths import Paths, demo_paths


@dataclass
class Demo:
    paths: Paths
    url: str
    token: str
    server: Any

    def close(self) -> None:
        self.server.close()


def start_demo(paths: Paths | None = None, instances: int | None = None) -> Demo:
    from gramtui.sandbox import Sandbox, SandboxConfig, build_state, serve

    config = SandboxConfig()
    server = serve(Sandbox(build_state(instances=instances), config), host="127.0.0.1", port=0)
    return Demo(paths or demo_paths(), server.url, config.token, server)
