"""The sandbox on loopback HTTP: a ThreadingHTTPServer in a daemon thread."""

from __future__ import annotations

import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

from gramtui.sandbox.config import SandboxConfig
from gramtui.sandbox.sample import build_state
from gramtui.sandbox.sandbox import Sandbox
from gramtui.sandbox.wire import DroppedConnection, SandboxReply, SandboxRequest


class Responder(Protocol):
    """What the server serves: the Discogs sandbox or the eBay one."""

    def respond(self, req: SandboxRequest, base: str) -> SandboxReply: ...


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real API
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: _Server

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        request = SandboxRequest(
            self.command,
            parts.path,
            parse_qsl(parts.query, keep_blank_values=True),
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        try:
            reply = self.server.sandbox.respond(request, self.server.base_url)
        except DroppedConnection:
            self.close_connection = True  # hang up without a word
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status != 204:
            self.send_header("content-length", str(len(reply.body)))
        self.end_headers()
        if reply.body and self.command != "HEAD":
            self._write_body(reply)

    def _write_body(self, reply: SandboxReply) -> None:
        if reply.delivery == "slow":  # a byte at a time: every read succeeds, the body never ends
            sandbox = self.server.sandbox  # only the Discogs sandbox sends slow bodies
            interval = sandbox.config.slow_body_interval if isinstance(sandbox, Sandbox) else 1.0
            for i in range(len(reply.body)):
                self.wfile.write(reply.body[i : i + 1])
                self.wfile.flush()
                if self.server.closing.wait(interval):
                    break
            self.close_connection = True
            return
        if reply.delivery == "reset":  # half the body, then a TCP reset
            self.wfile.write(reply.body[: max(1, len(reply.body) // 2)])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        self.wfile.write(reply.body)

    def setup(self) -> None:
        super().setup()
        with self.server.lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.lock:
            self.server.connections.discard(self.connection)
        super().finish()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the sandbox's counters say what happened."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    sandbox: Responder
    base_url: str

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.lock = threading.Lock()
        self.connections: set[socket.socket] = set()  # kept-alive ones too, to cut on close
        self.closing = threading.Event()  # ends slow bodies at once on close

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (after a stall, say) is normal here; anything else is not."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def hang_up_all(self) -> None:
        with self.lock:
            for conn in self.connections:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already gone


class SandboxServer:
    """A running loopback sandbox; `url` is its base URL. Close it (or use `with`)."""

    def __init__(self, sandbox: Responder, host: str, port: int) -> None:
        self.sandbox = sandbox
        self._httpd = _Server((host, port))
        bound_host, bound_port = self._httpd.server_address[:2]
        host_text = bound_host.decode() if isinstance(bound_host, bytes) else bound_host
        self.url = f"http://{host_text}:{bound_port}"
        self.port = int(bound_port)
        self._httpd.sandbox = sandbox
        self._httpd.base_url = self.url
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="gramtui-sandbox", daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        """Stop listening and cut open connections, so nothing answers after this."""
        self._httpd.closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.hang_up_all()
        self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def serve(sandbox: Responder, host: str = "127.0.0.1", port: int = 0) -> SandboxServer:
    """Serve `sandbox` on host:port (0 = any free port) until closed."""
    return SandboxServer(sandbox, host, port)


def run_server(port: int, host: str, instances: int | None, faults: dict[str, Any]) -> None:
    """`gramtui sandbox serve`: serve the sample account until Ctrl+C, after one line saying
    where and with which token. `faults` takes SandboxConfig setting names (error_rate, ...)."""
    config = SandboxConfig.with_faults(faults)
    sandbox = Sandbox(build_state(instances), config)
    server = serve(sandbox, host, port)
    try:  # the line inside: a Ctrl+C the moment it is read stops the server as quietly
        print(
            f"Discogs sandbox at {server.url} (user {config.username}, token {config.token}); "
            "Ctrl+C stops it.",
            flush=True,
        )
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
