"""Search across Lovnad at scale, against a release build on loopback (SQLite by default).

The demo company is grown (`lovnad bench-data company`: 5,000 more people, 2,000 engagements with their
channels), then filled with what search is measured over (`lovnad bench-data corpus`): 1,000,000
messages spread over every channel, 100,000 engagement log entries and 10,000 questions, their words on
a Zipf curve over a Norwegian vocabulary. A consultant then searches, first page of 20, visibility
filtering on: 20 common and 20 rare terms in rotation (one repeated term would flatter any engine),
plus a few inflections, prefixes and phrases. Goal: p95 under 50 ms for rare terms, under 150 ms for
common ones. The consultant is put on enough engagements (`lovnad bench-data staff`) to see a tenth of
the channels, as the goal says. The table also says how many hits each kind of term has and what share
of the channels the consultant may see.

With --folder, the grown company is kept there (and on PostgreSQL in the database): a second run with the
same folder and database measures it again without growing it.

Usage: python3 bench/search.py [--binary .build-release/release/lovnad] [--database-url URL-of-an-empty-database]
       [--folder DIR] [--searcher EMAIL] [--people 5000] [--messages 1000000] [--rounds 10]
"""
import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from lovnad_server import DemoServer  # noqa: E402


def percentile(times, p):
    times = sorted(times)
    return times[max(0, int(round(len(times) * p)) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10, help="times each term is searched")
    parser.add_argument("--folder", default=None, help="keep the grown company here, or measure the one kept here")
    parser.add_argument("--searcher", default=None, help="who searches (default: the demo's first consultant)")
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url, folder=args.folder)
    server.start()
    try:
        if "terms" in server.notes:
            terms, grown_in = server.notes["terms"], server.notes["grown_in"]
        else:
            started = time.perf_counter()
            server.command("bench-data", "company", "--count", str(args.people))
            out = server.command("bench-data", "corpus", "--count", str(args.messages))
            grown_in = time.perf_counter() - started
            terms = {}
            for line in out.splitlines():
                line = line.strip()
                for kind in ("common", "rare"):
                    if line.startswith(kind + ":"):
                        terms[kind] = line[len(kind) + 1:].split()
            server.note(terms=terms, grown_in=grown_in)
        # Ways people type: an inflection, a prefix, a phrase, part of a compound.
        terms["syntax"] = ["leveransene", "kundene", "plattf*", '"kunde leveranse"', "rapport", "modell"]

        conn = http.client.HTTPConnection("127.0.0.1", server.port)

        def get(path, token=None):
            conn.request("GET", path, headers={"Authorization": f"Bearer {token or consultant}"})
            r = conn.getresponse()
            data = r.read()
            if r.status != 200:
                raise RuntimeError(f"GET {path}: {r.status} {data[:200]}")
            return json.loads(data)

        def channels(token):
            count, cursor = 0, None
            while True:
                page = get("/api/v1/channels?limit=100" + (f"&cursor={cursor}" if cursor else ""), token)
                count += len(page["items"])
                cursor = page.get("next_cursor")
                if not cursor:
                    return count

        searcher = args.searcher or server.sign_ins["consultant"][0]
        consultant = server.token(searcher)
        seen_channels, all_channels = channels(consultant), channels(server.token(server.sign_ins["admin"][0]))
        if seen_channels < all_channels // 10:
            # Each engagement has one channel: staffing on one more shows one more.
            server.command("bench-data", "staff", "--email", searcher, "--count", str(all_channels // 10 - seen_channels))
            seen_channels = channels(consultant)
        results, hits = {}, {}
        for kind, words in terms.items():
            for w in words:  # warm each once
                hits.setdefault(kind, []).append(len(get("/api/v1/search?limit=20&q=" + urllib.parse.quote(w))["items"]))
            times = []
            for _ in range(args.rounds):
                for w in words:
                    t0 = time.perf_counter()
                    get("/api/v1/search?limit=20&q=" + urllib.parse.quote(w))
                    times.append((time.perf_counter() - t0) * 1000)
            results[kind] = times
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{database}: grown by {args.people} people and {args.messages} messages, {args.messages // 10} log entries, "
              f"{args.messages // 100} questions in {grown_in:.0f} s; the consultant sees {seen_channels} of the {all_channels} channels the admin lists")
        print(f"{'terms':<8} {'n':>3} {'searches':>9} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'full pages':>11}   goal")
        goals = {"rare": 50, "common": 150, "syntax": 150}
        failed = 0
        for kind, times in results.items():
            p95 = percentile(times, 0.95)
            ok = p95 < goals[kind]
            failed += 0 if ok else 1
            full = sum(1 for h in hits[kind] if h == 20)
            print(f"{kind:<8} {len(terms[kind]):>3} {len(times):>9} {percentile(times, 0.5):>7.1f} {p95:>7.1f} {max(times):>7.1f} "
                  f"{full:>5} of {len(hits[kind]):<3}   p95 < {goals[kind]}{'' if ok else '  ← missed'}")
        print(f"{len(results) - failed} of {len(results)} kinds meet the goal")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
