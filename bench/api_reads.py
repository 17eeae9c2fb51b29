"""Times the directory, "who knows" and person reads against a real `lovnad demo` server.

Usage: python3 bench/api_reads.py [--binary .build/release/lovnad] [--requests 300]
Prints one table row per endpoint: p50 and p95 latency and sequential requests per second.
Measure release builds for numbers worth comparing (`swift build -c release`).
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from lovnad_server import DemoServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    server = DemoServer(args.binary).start()
    try:
        token = server.token(server.sign_ins["admin"][0])

        def get(path):
            request = urllib.request.Request(server.base_url + path, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request) as response:
                return json.loads(response.read())

        someone = get("/api/v1/people?limit=1")["items"][0]["id"]
        endpoints = ["/api/v1/people", "/api/v1/people?skill=k8s", "/api/v1/people?q=an",
                     "/api/v1/experts?skill=k8s", f"/api/v1/people/{someone}", "/api/v1/departments"]
        print(f"lovnad demo ready in {server.ready_seconds:.1f} s (goal: under 60 s)")
        print(f"{'endpoint':<44} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
        for path in endpoints:
            get(path)  # warm up
            times = []
            started = time.perf_counter()
            for _ in range(args.requests):
                t0 = time.perf_counter()
                get(path)
                times.append((time.perf_counter() - t0) * 1000)
            total = time.perf_counter() - started
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{path[:44]:<44} {statistics.median(times):>8.2f} {p95:>8.2f} {args.requests / total:>8.0f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
