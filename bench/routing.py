"""Routing a question to the people who know, at company scale, against a release build on loopback
(SQLite by default).

The catalogue is grown to 500 skills (`lovnad bench-data skills`) and the company by 5,000 people with
three to eight skills each (`lovnad bench-data company`), with 2,000 questions answered so responsiveness
and accepted answers are part of the ranking. Then, for 40 skills in rotation: the ranking with
reasons (`GET /api/v1/experts`: the first page of routing's ranking, cut in the database), and asking a question
(`POST /api/v1/questions`: ranking, storing the routes, notifying the three, queuing escalation).
Goal: routing under 20 ms (p95 of the ranking read).

With --folder, the grown company is kept there (and on PostgreSQL in the database): a second run with the
same folder measures it again without growing it (each run adds the 40 questions it asks).

Usage: python3 bench/routing.py [--binary .build-release/release/lovnad] [--database-url URL] [--folder DIR]
       [--people 5000] [--rounds 5]
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
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--folder", default=None, help="keep the grown company here, or measure the one kept here")
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url, folder=args.folder)
    server.start()
    try:
        if "grown_in" in server.notes:
            grown_in = server.notes["grown_in"]
        else:
            started = time.perf_counter()
            server.command("bench-data", "skills", "--count", "440")
            server.command("bench-data", "company", "--count", str(args.people))
            server.command("bench-data", "corpus", "--count", "200000")  # among the texts 2,000 questions, most answered
            grown_in = time.perf_counter() - started
            server.note(grown_in=grown_in)
        conn = http.client.HTTPConnection("127.0.0.1", server.port)
        token = server.token(server.sign_ins["consultant"][0])

        def call(method, path, body=None):
            headers = {"Authorization": f"Bearer {token}"}
            if body is not None:
                headers["Content-Type"] = "application/json"
            conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            r = conn.getresponse()
            data = r.read()
            if r.status >= 300:
                raise RuntimeError(f"{method} {path}: {r.status} {data[:200]}")
            return json.loads(data)

        skills = []
        cursor = None
        while True:
            page = call("GET", "/api/v1/skills?limit=100" + (f"&cursor={cursor}" if cursor else ""))
            skills += [s["name"] for s in page["items"]]
            cursor = page.get("next_cursor")
            if not cursor:
                break
        chosen = skills[:: max(1, len(skills) // 40)][:40]
        holders, ranking, asking = [], [], []
        for name in chosen:  # warm
            holders.append(len(call("GET", "/api/v1/experts?limit=100&skill=" + urllib.parse.quote(name))["items"]))
        for r in range(args.rounds):
            for name in chosen:
                t0 = time.perf_counter()
                call("GET", "/api/v1/experts?skill=" + urllib.parse.quote(name))
                ranking.append((time.perf_counter() - t0) * 1000)
        for i, name in enumerate(chosen):
            t0 = time.perf_counter()
            call("POST", "/api/v1/questions", {"title": f"Hvordan bruker vi {name} i oppdrag {i}?", "skills": [name], "needed_by": "today"})
            asking.append((time.perf_counter() - t0) * 1000)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{database}: {len(skills)} skills, grown by {args.people} people (and 2,000 questions) in {grown_in:.0f} s; "
              f"{len(chosen)} skills with {min(holders)}–{max(holders)}+ holders on the first page")
        print(f"{'step':<36} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}   goal")
        ok = percentile(ranking, 0.95) < 20
        print(f"{'routing: ranking with reasons':<36} {len(ranking):>4} {percentile(ranking, 0.5):>7.1f} {percentile(ranking, 0.95):>7.1f} "
              f"{max(ranking):>7.1f}   p95 < 20{'' if ok else '  ← missed'}")
        print(f"{'asking: rank, route, notify, queue':<36} {len(asking):>4} {percentile(asking, 0.5):>7.1f} {percentile(asking, 0.95):>7.1f} "
              f"{max(asking):>7.1f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
