"""Starts the real `lovnad demo` binary on a free port with a fresh SQLite file, for browser tests; or,
given the folder of an earlier run, `lovnad serve` over what that run left (benchmarks keep a grown company)."""
import json
import os
import re
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoServer:
    def __init__(self, binary=None, database_url=None, folder=None):
        self.database_url = database_url
        self.binary = os.path.abspath(binary or os.environ.get("LOVNAD_BINARY") or os.path.join(ROOT, ".build", "debug", "lovnad"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.folder = os.path.abspath(folder) if folder else tempfile.mkdtemp(prefix="lovnad-e2e-")
        os.makedirs(self.folder, exist_ok=True)
        self.kept = os.path.join(self.folder, "sign-ins.json")
        # What an earlier run left here: its sign-ins and whatever it noted (say, that it grew the company).
        self.notes = {}
        self.output = []
        self.sign_ins = {}
        self.password = None
        self.ready_seconds = None

    def start(self, timeout=60):
        env = dict(os.environ, LOVNAD_PORT=str(self.port), LOVNAD_HOST="127.0.0.1",
                   LOVNAD_DATABASE_PATH=os.path.join(self.folder, "lovnad.sqlite"))
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        started = time.monotonic()
        if os.path.exists(self.kept):
            return self._serve_kept(env, started, timeout)
        self.process = subprocess.Popen([self.binary, "demo"], cwd=self.folder, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.output.append(line.rstrip("\n"))
                m = re.match(r"\s+(admin|leader|sales|consultant)\s+(\S+@\S+)", line)
                if m:
                    self.sign_ins.setdefault(m.group(1), []).append(m.group(2))
                m = re.search(r"the password is (\S+):", line)
                if m:
                    self.password = m.group(1)
                if line.startswith("Stop with Ctrl-C"):
                    self.ready_seconds = time.monotonic() - started
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(timeout):
            self.stop()
            raise RuntimeError("lovnad demo was not ready within %ss:\n%s" % (timeout, "\n".join(self.output)))
        self.note()
        return self

    def note(self, **notes):
        """Keeps the sign-ins, and these notes, for a later run on the same folder."""
        self.notes.update(notes)
        with open(self.kept, "w") as f:
            json.dump({"sign_ins": self.sign_ins, "password": self.password, "notes": self.notes}, f)

    def _serve_kept(self, env, started, timeout):
        with open(self.kept) as f:
            kept = json.load(f)
        self.sign_ins, self.password, self.notes = kept["sign_ins"], kept["password"], kept.get("notes", {})
        self.process = subprocess.Popen([self.binary, "serve"], cwd=self.folder, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=lambda: [self.output.append(line.rstrip("\n")) for line in self.process.stdout], daemon=True).start()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                self.ready_seconds = time.monotonic() - started
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("lovnad serve was not ready within %ss:\n%s" % (timeout, "\n".join(self.output)))

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def command(self, *args):
        """Runs another `lovnad` command against this server's database; returns its output."""
        env = dict(os.environ, LOVNAD_DATABASE_PATH=os.path.join(self.folder, "lovnad.sqlite"), LOVNAD_RUN_JOBS="false")
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return subprocess.run([self.binary, *args], cwd=self.folder, env=env, capture_output=True, text=True, check=True).stdout

    def token(self, email):
        """A new personal API token for the person with this e-mail."""
        return self.command("token", "create", "--email", email).strip().splitlines()[-1]
