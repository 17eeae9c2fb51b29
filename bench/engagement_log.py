"""The engagement log at 10,000 entries: its first page (goal: p95 under 50 ms) and verifying the
whole chain (goal: under 200 ms), on SQLite by default or PostgreSQL with --database-url.

Usage: python3 bench/engagement_log.py [--binary .build/release/lovnad] [--entries 10000] [--database-url URL-of-an-empty-database]
Entries are written through the API (one keep-alive connection), as a team would write them.
"""
import argparse
import http.client
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from lovnad_server import DemoServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url)
    server.start()
    try:
        token = server.token(server.sign_ins["sales"][0])
        conn = http.client.HTTPConnection("127.0.0.1", server.port)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

        def call(method, path, body=None):
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status >= 300:
                raise RuntimeError(f"{method} {path}: {response.status} {data[:200]}")
            return json.loads(data) if data else None

        engagement = call("GET", "/api/v1/engagements?mine=true&limit=1")["items"][0]["id"]
        have = call("GET", f"/api/v1/engagements/{engagement}")["log_entries"]
        started = time.perf_counter()
        kinds = ["note", "decision", "risk", "customer_contact", "milestone", "change"]
        for i in range(max(0, args.entries - have)):
            call("POST", f"/api/v1/engagements/{engagement}/log",
                 {"kind": kinds[i % len(kinds)], "body": f"Oppføring {i}: status fra teamet, med **litt** tekst om dagens arbeid.",
                  "tags": ["bench", f"uke{i % 52}"]})
        writing = time.perf_counter() - started
        total = call("GET", f"/api/v1/engagements/{engagement}")["log_entries"]

        def timed(path, n):
            times = []
            for _ in range(n):
                t0 = time.perf_counter()
                call("GET", path)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]

        first_page = timed(f"/api/v1/engagements/{engagement}/log", args.reads)
        filtered = timed(f"/api/v1/engagements/{engagement}/log?kind=decision", args.reads)
        verify = timed(f"/api/v1/engagements/{engagement}/log/verify", 10)
        result = call("GET", f"/api/v1/engagements/{engagement}/log/verify")
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{database}: {total} log entries ({writing:.1f} s to write {max(0, args.entries - have)}); chain ok: {result['ok']}")
        print(f"{'measure':<34} {'p50 ms':>8} {'p95 ms':>8} {'goal':>10}")
        print(f"{'first page of the log':<34} {first_page[0]:>8.1f} {first_page[1]:>8.1f} {'p95 < 50':>10}")
        print(f"{'first page, kind=decision':<34} {filtered[0]:>8.1f} {filtered[1]:>8.1f} {'':>10}")
        print(f"{'verify the whole chain':<34} {verify[0]:>8.1f} {verify[1]:>8.1f} {'< 200':>10}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
