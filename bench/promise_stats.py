"""The company's say-do ratio over one year with 100,000 promises (goal: p95 under 100 ms), on SQLite
by default or PostgreSQL with --database-url. Also times a person's and a customer's ratio.

Usage: python3 bench/promise_stats.py [--binary .build-release/release/lovnad] [--promises 100000] [--database-url URL-of-an-empty-database]
The demo company is created first; the promises are then written in bulk by `lovnad bench-data promises`.
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
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--reads", type=int, default=100)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url)
    server.start()
    try:
        started = time.perf_counter()
        server.command("bench-data", "promises", "--count", str(args.promises))
        writing = time.perf_counter() - started
        token = server.token(server.sign_ins["admin"][0])
        conn = http.client.HTTPConnection("127.0.0.1", server.port)
        headers = {"Authorization": f"Bearer {token}"}

        def call(path):
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {path}: {response.status} {data[:200]}")
            return json.loads(data)

        def timed(path):
            call(path)  # warm
            times = []
            for _ in range(args.reads):
                t0 = time.perf_counter()
                call(path)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]

        company = call("/api/v1/promises/stats?scope=company")
        person = call("/api/v1/promises?limit=1")["items"][0]["owner"]["id"]
        customer = call("/api/v1/promises?limit=100&state=kept")["items"]
        customer = next(p["to"]["id"] for p in customer if p["to"]["type"] == "customer")
        rows = [
            ("company, last 12 months", timed("/api/v1/promises/stats?scope=company"), "p95 < 100"),
            ("one person, last 12 months", timed(f"/api/v1/promises/stats?scope=person&id={person}"), ""),
            ("one customer, last 12 months", timed(f"/api/v1/promises/stats?scope=customer&id={customer}"), ""),
        ]
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{database}: {args.promises} promises written in {writing:.1f} s; company ratio {company['ratio']:.3f} "
              f"over {company['counted']} counted, {len(company['weekly'])} weeks")
        print(f"{'measure':<34} {'p50 ms':>8} {'p95 ms':>8} {'goal':>10}")
        for name, (p50, p95), goal in rows:
            print(f"{name:<34} {p50:>8.1f} {p95:>8.1f} {goal:>10}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
