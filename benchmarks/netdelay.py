"""A local TCP proxy that adds a fixed delay to every round trip (a simulated network).

Each chunk of bytes is passed on ``delay_s / 2`` after it arrived, in order, in both
directions, so a request and its answer take ``delay_s`` longer than without the proxy (a
round trip over a slow network) while throughput is not limited. Runs its own asyncio loop in
a thread, so synchronous clients (psycopg) can use it::

    with DelayProxy("127.0.0.1", 5432, 0.030) as proxy:
        connect(f"postgresql://user@127.0.0.1:{proxy.port}/db")
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from types import TracebackType


class DelayProxy:
    """Forwards ``127.0.0.1:port`` to ``host:target_port`` with ``delay_s`` per round trip."""

    def __init__(self, host: str, target_port: int, delay_s: float) -> None:
        self.host, self.target_port, self.half = host, target_port, delay_s / 2
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> DelayProxy:
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("the delay proxy did not start")
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        server = self.loop.run_until_complete(
            asyncio.start_server(self._client, sock=sock))
        self.ready.set()
        try:
            self.loop.run_forever()
        finally:
            server.close()
            self.loop.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._pump(reader, up_writer), self._pump(up_reader, writer),
                             return_exceptions=True)

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Pass chunks on, each ``half`` a round trip after it arrived, in order."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def send() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(send())
        try:
            while True:
                data = await reader.read(1 << 16)
                queue.put_nowait((time.monotonic() + self.half, data))
                if not data:
                    break
        except (ConnectionError, OSError):
            queue.put_nowait((0.0, b""))
        await sender

