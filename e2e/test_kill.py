"""Killing the server with SIGKILL in the middle of a burst of mixed writes loses nothing it acknowledged.

Four writers post messages, log entries and promises (made, then kept) through the API as fast as the
server answers; after a few seconds the server is killed with SIGKILL. The database it leaves must pass
`PRAGMA integrity_check`, every engagement log must verify (`lovnad log verify`), every acknowledged
change must be there, with its event in the stream, and a restarted server must serve it.
"""
import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import unittest
import urllib.error
import urllib.request

from lovnad_server import DemoServer, free_port


class KilledMidBurst(unittest.TestCase):
    def test_nothing_acknowledged_is_lost(self):
        server = DemoServer().start()
        self.addCleanup(server.stop)
        admin = server.sign_ins["admin"][0]
        tokens = [server.token(admin), server.token(server.sign_ins["leader"][0])]

        def call(token, method, path, body=None):
            request = urllib.request.Request(server.base_url + path, method=method,
                                             data=None if body is None else json.dumps(body).encode(),
                                             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.loads(response.read() or b"{}")

        channel = next(c["id"] for c in call(tokens[0], "GET", "/api/v1/channels?limit=100")["items"] if c["name"] == "Kaffe og prat")
        engagement = call(tokens[0], "GET", "/api/v1/engagements?limit=1")["items"][0]
        acknowledged = {"messages": [], "log_entries": [], "promises": [], "kept": []}
        refused = []  # a refusal is the test's mistake, not the server's loss
        stop = threading.Event()
        lock = threading.Lock()

        def writer(n):
            token = tokens[n % len(tokens)]
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    kind = i % 3
                    if kind == 0:
                        made = call(token, "POST", f"/api/v1/channels/{channel}/messages", {"body": f"skriver {n} melding {i}"})
                        table, key = "messages", made["id"]
                    elif kind == 1:
                        made = call(tokens[0], "POST", f"/api/v1/engagements/{engagement['id']}/log",
                                    {"kind": "note", "body": f"skriver {n} notat {i}"})
                        table, key = "log_entries", made["id"]
                    else:
                        made = call(tokens[0], "POST", "/api/v1/promises",
                                    {"text": f"Leveranse {n}-{i}", "due": "2030-01-15",
                                     "to": {"type": "customer", "id": engagement["customer"]["id"]}})
                        promise = made["items"][0]["id"] if "items" in made else made["id"]
                        with lock:
                            acknowledged["promises"].append(promise)
                        call(tokens[0], "POST", f"/api/v1/promises/{promise}/transitions", {"to": "kept", "note": "Levert"})
                        table, key = "kept", promise
                    with lock:
                        acknowledged[table].append(key)
                except urllib.error.HTTPError as error:
                    if not stop.is_set():
                        with lock:
                            refused.append((error.code, error.read()[:300]))
                except (urllib.error.URLError, ConnectionError, OSError, ValueError, KeyError):
                    if stop.is_set():
                        return
                    time.sleep(0.01)

        threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(4)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(10)
        stop.set()
        for t in threads:
            t.join(15)
        print(f"acknowledged before SIGKILL: " + ", ".join(f"{len(v)} {k}" for k, v in acknowledged.items()))
        self.assertEqual(refused, [])
        self.assertGreater(min(len(v) for v in acknowledged.values()), 5, acknowledged)

        path = os.path.join(server.folder, "lovnad.sqlite")
        db = sqlite3.connect(path)
        self.assertEqual(db.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
        events = " ".join(row[0] for row in db.execute("SELECT data FROM live_events")).upper()
        for table in ("messages", "log_entries", "promises"):
            for key in acknowledged[table]:
                self.assertEqual(db.execute(f"SELECT count(*) FROM {table} WHERE id = ?", (key.upper(),)).fetchone()[0], 1, (table, key))
                self.assertIn(key.upper(), events, (table, key))
        for key in acknowledged["kept"]:
            self.assertEqual(db.execute("SELECT state FROM promises WHERE id = ?", (key.upper(),)).fetchone()[0], "kept", key)
        kept_events = [json.loads(row[0]) for row in db.execute("SELECT data FROM live_events WHERE type = 'promise.kept'")]
        kept_ids = {e["promise_id"].upper() for e in kept_events}
        for key in acknowledged["kept"]:
            self.assertIn(key.upper(), kept_ids, key)
        db.close()

        verified = subprocess.run([server.binary, "log", "verify"], cwd=server.folder, capture_output=True, text=True, timeout=120,
                                  env=dict(os.environ, LOVNAD_DATABASE_PATH=path, LOVNAD_RUN_JOBS="false"))
        self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)
        self.assertIn("engagement log(s) verified", verified.stdout)

        # Restarted on the same file, the server serves what it acknowledged before it was killed.
        port = free_port()
        restarted = subprocess.Popen([server.binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=server.folder,
                                     env=dict(os.environ, LOVNAD_DATABASE_PATH=path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(lambda: (restarted.terminate(), restarted.wait(15)))
        server.base_url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(server.base_url + "/readyz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        self.assertEqual(call(tokens[0], "GET", f"/api/v1/engagements/{engagement['id']}/log/verify")["ok"], True)
        if acknowledged["kept"]:
            self.assertEqual(call(tokens[0], "GET", f"/api/v1/promises/{acknowledged['kept'][-1]}")["promise"]["state"], "kept")


if __name__ == "__main__":
    unittest.main()
