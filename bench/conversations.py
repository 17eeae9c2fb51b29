"""Conversations under load, against a release build on loopback (SQLite by default):

- fan-out: a message posted through the API reaches all of 1,000 WebSocket clients in its channel
  (goal: post to last receipt p99 < 100 ms);
- posting: 500 messages per second for 10 s (goal: p99 < 50 ms, on SQLite);
- idle: 5,000 WebSocket connections held (goal: server resident memory < 300 MB);
- reading: the latest 50 messages of a channel holding 1,000,000 (goal: p95 < 20 ms).

Usage: python3 bench/conversations.py [--binary .build-release/release/lovnad] [--database-url URL]
       [--clients 1000] [--rate 500] [--seconds 10] [--idle 5000] [--messages 1000000]
       [--only fan-out,posting,idle,latest]
Needs `pip install aiohttp`. The WebSocket clients are read by one process of their own (bench/wsfleet.py) and
posting at a rate uses plain keep-alive sockets (bench/httpload.py); everything shares this machine's two
cores with the server, so the clients' work is part of every figure.
"""
import argparse
import asyncio
import json
import os
import statistics
import sys
import time

try:
    import aiohttp
except ImportError:
    sys.exit("bench/conversations.py needs: pip install aiohttp")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lovnad_server import DemoServer  # noqa: E402
from wsfleet import Fleet  # noqa: E402
import httpload  # noqa: E402

CHANNEL = "Kaffe og prat"


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(len(values) * p / 100.0)) - 1))]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


async def post(session, base, channel, token, body):
    async with session.post(f"{base}/api/v1/channels/{channel}/messages", json={"body": body},
                            headers={"Authorization": f"Bearer {token}"}) as r:
        data = await r.json()
        if r.status != 201:
            raise RuntimeError(f"post: {r.status} {data}")
        return data["id"]


async def fan_out(server, channel, tokens, n, rounds=30):
    fleet = Fleet(server.port, tokens, n)
    fleet.wait_ready()
    last_receipt, deliveries = [], []
    async with aiohttp.ClientSession() as session:
        for k in range(rounds):
            t0 = time.perf_counter()
            mid = await post(session, server.base_url, channel, tokens[k % len(tokens)], f"Fan-out {k}")
            got = [t - t0 for t in fleet.receipts(mid)]
            if len(got) < n:
                raise RuntimeError(f"only {len(got)} of {n} clients got message {k} ({fleet.closed} connections closed by the server)")
            last_receipt.append(max(got) * 1000)
            deliveries += [g * 1000 for g in got]
            await asyncio.sleep(0.2)
    fleet.close()
    return last_receipt, deliveries


async def posting(server, channel, tokens, rate, seconds):
    path = f"/api/v1/channels/{channel}/messages"
    return httpload.run(server.port, lambda i: httpload.json_post(server.port, path, tokens[i % len(tokens)], json.dumps({"body": f"Melding {i}"})),
                        rate, seconds)


async def idle(server, tokens, n):
    before = rss_mb(server.process.pid)
    fleet = Fleet(server.port, tokens, n)
    fleet.wait_ready()
    await asyncio.sleep(5)
    held = rss_mb(server.process.pid)
    fleet.close()
    return before, held


async def latest_page(server, channel, token, reads=200):
    times = []
    async with aiohttp.ClientSession() as session:
        url = f"{server.base_url}/api/v1/channels/{channel}/messages?limit=50"
        headers = {"Authorization": f"Bearer {token}"}
        for i in range(reads + 10):
            t0 = time.perf_counter()
            async with session.get(url, headers=headers) as r:
                data = await r.json()
                if r.status != 200 or len(data["items"]) != 50:
                    raise RuntimeError(f"latest page: {r.status}")
            if i >= 10:
                times.append((time.perf_counter() - t0) * 1000)
    return times


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--idle", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--only", default="fan-out,posting,idle,latest", help="which measures, comma-separated")
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url)
    server.start(timeout=180)
    rows = []
    try:
        emails = [e for group in server.sign_ins.values() for e in group]
        tokens = [server.token(e) for e in emails]
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.base_url}/api/v1/channels?limit=100", headers={"Authorization": f"Bearer {tokens[0]}"}) as r:
                channel = next(c["id"] for c in (await r.json())["items"] if c["name"] == CHANNEL)

        only = set(args.only.split(","))
        if os.environ.get("BENCH_PAUSE"):  # time to attach a profiler to the server
            input(f"server pid {server.process.pid}; press Enter to start ")

        if "fan-out" in only:
            last, each = await fan_out(server, channel, tokens, args.clients)
            rows.append((f"fan-out to {args.clients} clients: post → last receipt",
                         f"p50 {statistics.median(last):.1f} ms, p99 {percentile(last, 99):.1f} ms", "p99 < 100 ms"))
            rows.append(("  each delivery (post → receipt)", f"p50 {statistics.median(each):.1f} ms, p99 {percentile(each, 99):.1f} ms", ""))

        if "posting" in only:
            latencies, errors, achieved = await posting(server, channel, tokens, args.rate, args.seconds)
            rows.append((f"posting at {args.rate}/s for {args.seconds} s (achieved {achieved:.0f}/s, {errors} errors)",
                         f"p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms", "p99 < 50 ms"))

        if "idle" in only:
            before, held = await idle(server, tokens, args.idle)
            rows.append((f"{args.idle} idle WebSocket connections: server RSS", f"{held:.0f} MB (before {before:.0f} MB)", "< 300 MB"))

        if "latest" in only and args.messages > 0:
            t0 = time.perf_counter()
            server.command("bench-data", "messages", "--count", str(args.messages), "--channel", CHANNEL)
            loading = time.perf_counter() - t0
            times = await latest_page(server, channel, tokens[0])
            rows.append((f"latest 50 of a channel with {args.messages:,} more messages (loaded in {loading:.0f} s)",
                         f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms", "p95 < 20 ms"))
    finally:
        server.stop()
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'result':34}  goal")
    for name, result, goal in rows:
        print(f"{name.ljust(width)}  {result:34}  {goal}")


if __name__ == "__main__":
    asyncio.run(main())
