"""Simulated users on the grown company, against a release build on loopback (SQLite by default).

Each user holds a live connection (the WebSocket stream) and works the way Mattermost's load test
simulates a user (its `simulcontroller`): an action, then idle for 1 to 39 s (20 s on average), with
actions drawn by Mattermost's weights, mapped onto Lovnad — switch to a channel and read it (6.52),
scroll back (1.99), check unread on the channel list (1.98, unread check and opening a conversation),
post (1.0, 18 % of them replies), the feed (0.60, Mattermost's global threads), a thread (0.60, view
and read), react (0.13) — and Lovnad's own: the home page, the promise list and an engagement page
(0.3 each). Users are added in steps; each step runs for a window and is measured against
Mattermost's health bar: average latency < 100 ms, p99 < 2 s, errors < 0.025 % (failed requests and
live connections the server dropped). The ramp stops at the first step that breaks it, and the
largest number of users that held is printed. Mattermost's own figure is 217 users on a 2-vCPU app
server with a separate database; the goal here is ≥ 2,000 on these two cores, with this load
generator and its live clients sharing them with the server.

Usage: python3 bench/users.py [--binary .build-release/release/lovnad] [--database-url URL]
       [--people 5000] [--promises 100000] [--messages 1000000] [--step 500] [--max 5000]
       [--window 60]
Needs `pip install aiohttp`.
"""
import argparse
import asyncio
import json
import os
import random
import sys
import time

try:
    import aiohttp
except ImportError:
    sys.exit("bench/users.py needs: pip install aiohttp")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lovnad_server import DemoServer  # noqa: E402
from wsfleet import Fleet  # noqa: E402
import grown_company  # noqa: E402

# Mattermost's health bar.
AVERAGE_MS, P99_MS, ERROR_SHARE = 100, 2000, 0.00025
MIN_IDLE, AVERAGE_IDLE = 1.0, 20.0
WORDS = "løftet leveranse kunden møte frist plan kode test oppsett neste uke fredag status risiko".split()


class Recorder:
    """Latency and outcome of every request, collected per step."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.times, self.errors, self.by_action, self.examples = [], 0, {}, []

    def add(self, action, ms, ok, what=""):
        self.times.append(ms)
        self.by_action.setdefault(action, []).append(ms)
        if not ok:
            self.errors += 1
            if len(self.examples) < 5:
                self.examples.append(f"{action}: {what}")


class User:
    def __init__(self, http, base, email, token, session, recorder):
        self.http, self.base, self.email, self.recorder = http, base, email, recorder
        self.api = {"Authorization": f"Bearer {token}"}
        self.page = {"Cookie": f"lovnad_session={session}"}
        self.channels, self.engagements, self.seen = [], [], {}

    async def request(self, action, method, path, headers, body=None, accept=(200,)):
        started = time.perf_counter()
        try:
            async with self.http.request(method, self.base + path, headers=headers, json=body, allow_redirects=False) as r:
                data = await r.read()
                ok = r.status in accept
                self.recorder.add(action, (time.perf_counter() - started) * 1000, ok, f"{r.status} {path} {data[:120]!r}")
                return json.loads(data) if ok and r.content_type == "application/json" else None
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            self.recorder.add(action, (time.perf_counter() - started) * 1000, False, f"{type(e).__name__} {path}")
            return None

    async def prepare(self):
        """What a client knows after loading: its channels and engagements (not measured)."""
        async with self.http.get(self.base + "/api/v1/channels?limit=100", headers=self.api) as r:
            self.channels = [c["id"] for c in (await r.json())["items"] if c.get("is_member", True)]
        async with self.http.get(self.base + "/api/v1/engagements?limit=5", headers=self.api) as r:
            self.engagements = [e["id"] for e in (await r.json())["items"]]

    def channel(self):
        return random.choice(self.channels) if self.channels else None

    # The actions, each what a client does for it.
    async def switch_channel(self):
        c = self.channel()
        if c is None:
            return
        page = await self.request("switch channel", "GET", f"/api/v1/channels/{c}/messages?limit=50", self.api)
        if page and page["items"]:
            self.seen[c] = page["items"]
            await self.request("switch channel", "POST", f"/api/v1/channels/{c}/read", self.api, {})

    async def scroll(self):
        c = random.choice(list(self.seen)) if self.seen else None
        if c is None or not self.seen[c]:
            return await self.switch_channel()
        oldest = self.seen[c][-1]["id"]
        page = await self.request("scroll", "GET", f"/api/v1/channels/{c}/messages?limit=50&before={oldest}", self.api)
        if page and page["items"]:
            self.seen[c] = page["items"]

    async def channel_list(self):
        await self.request("channel list", "GET", "/api/v1/channels", self.api)

    async def post(self):
        c = self.channel()
        if c is None:
            return
        body = {"body": " ".join(random.choices(WORDS, k=random.randint(3, 14)))}
        if random.random() < 0.18 and self.seen.get(c):
            body["thread_id"] = random.choice(self.seen[c])["id"]
        await self.request("post", "POST", f"/api/v1/channels/{c}/messages", self.api, body, accept=(201,))

    async def feed(self):
        await self.request("feed", "GET", "/api/v1/feed", self.api)

    async def thread(self):
        roots = [m for ms in self.seen.values() for m in ms]
        if not roots:
            return await self.switch_channel()
        root = random.choice(roots)["id"]
        if await self.request("thread", "GET", f"/api/v1/threads/{root}", self.api) is not None:
            await self.request("thread", "POST", f"/api/v1/threads/{root}/read", self.api, {}, accept=(200, 204))

    async def react(self):
        messages = [m for ms in self.seen.values() for m in ms if not m.get("deleted_at")]
        if not messages:
            return await self.switch_channel()
        m = random.choice(messages)["id"]
        # Reacting twice with the same emoji is refused as a conflict, which a client may meet; not an error.
        await self.request("react", "POST", f"/api/v1/messages/{m}/reactions", self.api, {"emoji": random.choice(["👍", "❤️", "🎉"])},
                           accept=(200, 409))

    async def home(self):
        await self.request("home page", "GET", "/", self.page)

    async def promises(self):
        await self.request("promise list", "GET", "/api/v1/promises", self.api)

    async def engagement(self):
        if self.engagements:
            await self.request("engagement page", "GET", f"/engagements/{random.choice(self.engagements)}", self.page)
        else:
            await self.request("engagement page", "GET", "/engagements", self.page)

    MIX = [("switch_channel", 6.5219), ("scroll", 1.9873), ("channel_list", 1.9843), ("post", 1.0), ("feed", 0.6023),
           ("thread", 0.6077), ("react", 0.1306), ("home", 0.3), ("promises", 0.3), ("engagement", 0.3)]

    async def run(self, stop):
        names, weights = zip(*self.MIX)
        await asyncio.sleep(random.uniform(0, AVERAGE_IDLE))  # users arrive spread out, not in lockstep
        while not stop.is_set():
            await getattr(self, random.choices(names, weights)[0])()
            idle = random.uniform(MIN_IDLE, 2 * AVERAGE_IDLE - MIN_IDLE)
            try:
                await asyncio.wait_for(stop.wait(), idle)
            except asyncio.TimeoutError:
                pass


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(len(values) * p / 100.0)) - 1))] if values else 0.0


async def ramp(server, sign_ins, args):
    recorder = Recorder()
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=120)
    timeout = aiohttp.ClientTimeout(total=30)
    rows, fleets, tasks, held = [], [], [], 0
    stop = asyncio.Event()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        users = []
        try:
            for n in range(args.step, args.max + 1, args.step):
                batch = sign_ins[len(users):n]
                fleet = Fleet(server.port, [token for _, token, _ in batch], len(batch))
                fleets.append(fleet)
                new = [User(http, server.base_url, email, token, session, recorder) for email, token, session in batch]
                for i in range(0, len(new), 50):
                    await asyncio.gather(*(u.prepare() for u in new[i:i + 50]))
                await asyncio.get_running_loop().run_in_executor(None, fleet.wait_ready, 300)
                users += new
                tasks += [asyncio.create_task(u.run(stop)) for u in new]
                await asyncio.sleep(args.warm)
                recorder.reset()
                started = time.perf_counter()
                await asyncio.sleep(args.window)
                elapsed = time.perf_counter() - started
                times, errors = list(recorder.times), recorder.errors
                dropped = sum(await asyncio.get_running_loop().run_in_executor(None, lambda: [f.dropped() for f in fleets]))
                count = len(times)
                average = sum(times) / count if count else 0.0
                p99 = percentile(times, 99)
                share = (errors + dropped) / max(1, count + len(users))
                ok = count > 0 and average < AVERAGE_MS and p99 < P99_MS and share < ERROR_SHARE
                rows.append((n, count / elapsed, average, percentile(times, 50), p99, errors, dropped, ok,
                             {a: percentile(v, 99) for a, v in recorder.by_action.items()}, list(recorder.examples)))
                print(f"  {n} users: {count / elapsed:.0f} req/s, avg {average:.1f} ms, p99 {p99:.0f} ms, "
                      f"{errors} failed, {dropped} dropped {'' if ok else ' ← breaks the bar'}", flush=True)
                if not ok:
                    break
                held = n
        finally:
            stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
            for f in fleets:
                f.close()
    return rows, held


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--database-url", default=None)
    grown_company.add_arguments(parser)
    parser.add_argument("--step", type=int, default=500)
    parser.add_argument("--max", type=int, default=5000)
    parser.add_argument("--warm", type=float, default=10)
    parser.add_argument("--window", type=float, default=60)
    args = parser.parse_args()
    random.seed(2026)
    server = DemoServer(args.binary, database_url=args.database_url)
    server.start()
    try:
        started = time.perf_counter()
        grown_company.grow(server, args)
        lines = server.command("bench-data", "sign-ins", "--count", str(args.max)).strip().splitlines()
        sign_ins = [tuple(line.split()) for line in lines if line.count(" ") == 2 and "@" in line]
        print(f"grown by {args.people} people, {args.promises} promises and {args.messages} messages, "
              f"{len(sign_ins)} signed in, in {time.perf_counter() - started:.0f} s", flush=True)
        rows, held = asyncio.run(ramp(server, sign_ins, args))
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"\n{database}: simulated users, each with a live connection; {args.window:.0f} s measured per step "
              f"after {args.warm:.0f} s of warm-up")
        print(f"{'users':>6} {'req/s':>7} {'avg ms':>7} {'p50 ms':>7} {'p99 ms':>7} {'failed':>7} {'dropped':>8}   bar: avg < 100, p99 < 2000, errors < 0.025 %")
        for n, rate, average, p50, p99, errors, dropped, ok, _, _ in rows:
            print(f"{n:>6} {rate:>7.0f} {average:>7.1f} {p50:>7.1f} {p99:>7.0f} {errors:>7} {dropped:>8}   {'holds' if ok else 'breaks'}")
        if rows:
            slowest = sorted(rows[-1][8].items(), key=lambda kv: -kv[1])
            print("p99 per action at the last step: " + ", ".join(f"{a} {ms:.0f} ms" for a, ms in slowest))
            for example in rows[-1][9]:
                print(f"  failed: {example}")
        print(f"largest number of users that holds the bar on {database}: {held} (goal ≥ 2,000; Mattermost: 217 on 2 vCPU)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
