"""A small HTTP load client and a gunicorn runner for the bench, in pure Python.

Threads, each a client that asks for one path again and again on a fresh connection (as
gunicorn's sync workers close each one). Only the responses that arrive within the duration
count; a request still under way then is given up, and the server is drained (or restarted)
before the next measurement. Only 127.0.0.1: the bench never loads another machine.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
# The page that touches no database (``bench.urls``): the baseline, and the readiness probe.
NO_DATABASE_PATH = "/bench/no-database/"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Load:
    requests: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def get(port: int, path: str, timeout: float) -> int:
    """One GET on a fresh connection; its status."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def load(port: int, path: str, clients: int, duration: float) -> Load:
    """Requests per second that ``clients`` concurrent clients get for ``path``."""
    counts, errors, lock = [0], [0], threading.Lock()
    start = time.perf_counter()
    deadline = start + duration

    def client() -> None:
        done = failed = 0
        while (remaining := deadline - time.perf_counter()) > 0:
            try:
                status = get(port, path, timeout=remaining)
            except OSError:
                break
            if time.perf_counter() > deadline:
                break
            if status == 200:
                done += 1
            else:
                failed += 1
        with lock:
            counts[0] += done
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(counts[0], errors[0], duration)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """The site under gunicorn on a free local port, restarted when it falls behind."""

    def __init__(self, env: dict[str, str], workers: int = 2):
        self.env, self.workers = env, workers
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> None:
        self.port = free_port()
        self.process = start_gunicorn(self.port, self.env, self.workers)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def settle(self, path: str, seconds: float = 10.0) -> None:
        """Wait until the requests given up on are done; restart if that takes too long."""
        try:
            get(self.port, path, timeout=seconds)
        except OSError:
            self.stop()
            self.start()


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    """Serve the site with gunicorn with ``workers`` sync workers; yield the ``Server``."""
    server = Server(env, workers)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def start_gunicorn(port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--graceful-timeout",
            "2",
            "--log-level",
            "warning",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    try:
        wait_until_serving(port, process)
    except RuntimeError:
        process.kill()
        process.wait()
        raise
    return process


def wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 120.0) -> None:
    """Wait until both workers answer: gunicorn listens before its workers have loaded Django."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            if get(port, NO_DATABASE_PATH, timeout=seconds) == 200:
                load(port, NO_DATABASE_PATH, clients=4, duration=1.0)
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {HOST}:{port} within {seconds:.0f} s")
