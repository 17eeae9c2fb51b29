"""Everyday reads at company scale, against a release build on loopback (SQLite by default).

The demo company is measured first, then grown to a large consultancy — 5,000 more people in 40
departments with skills, 2,000 engagements with their teams and channels (`lovnad bench-data company`),
100,000 promises and 1,000,000 messages — and measured again, as a consultant and as an admin: the
channel, engagement and promise lists, the home feed, the people directory, who-knows, one engagement
page, one channel page and the home page. Goal: each p95 under 50 ms, and none more than 2x its
figure at demo size.

Usage: python3 bench/company_scale.py [--binary .build-release/release/lovnad] [--database-url URL]
       [--people 5000] [--promises 100000] [--messages 1000000] [--reads 40]
"""
import argparse
import http.client
import json
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lovnad_server import DemoServer  # noqa: E402
import grown_company  # noqa: E402


class Reader:
    """One person's keep-alive connection, with a bearer token for the API and a session for pages."""

    def __init__(self, server, email):
        self.server = server
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port)
        self.token = server.token(email)
        self.cookie = self.sign_in(email)

    def sign_in(self, email):
        self.conn.request("GET", "/login")
        r = self.conn.getresponse()
        page = r.read().decode()
        cookie = "; ".join(c.split(";")[0] for c in r.msg.get_all("Set-Cookie") or [])
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"email": email, "password": self.server.password, "csrf_token": csrf})
        self.conn.request("POST", "/login", body=body, headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
        r = self.conn.getresponse()
        r.read()
        if r.status != 303:
            raise RuntimeError(f"sign-in {email}: {r.status}")
        return next(c.split(";")[0] for c in r.msg.get_all("Set-Cookie") if c.startswith("lovnad_session="))

    def get(self, path):
        page = not path.startswith("/api/")
        headers = {"Cookie": self.cookie} if page else {"Authorization": f"Bearer {self.token}"}
        self.conn.request("GET", path, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"GET {path}: {r.status} {data[:200]}")
        return data if page else json.loads(data)

    def p95(self, path, reads):
        self.get(path)
        times = []
        for _ in range(reads):
            t0 = time.perf_counter()
            self.get(path)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return times[max(0, int(round(len(times) * 0.95)) - 1)]


def paths(reader):
    """The reads to time, with ids picked from what this reader may see."""
    skill = reader.get("/api/v1/skills?limit=1")["items"][0]["name"]
    engagement = reader.get("/api/v1/engagements?limit=1")["items"][0]["id"]
    channels = reader.get("/api/v1/channels?limit=100")["items"]
    channel = next(c["id"] for c in channels if c["name"] == "Kaffe og prat")
    return [
        ("channel list", "/api/v1/channels"),
        ("engagement list", "/api/v1/engagements"),
        ("promise list", "/api/v1/promises"),
        ("home feed", "/api/v1/feed"),
        ("people directory", "/api/v1/people"),
        ("who knows", "/api/v1/experts?skill=" + urllib.parse.quote(skill)),
        ("one engagement page", f"/engagements/{engagement}"),
        ("one channel page", f"/channels/{channel}"),
        ("home page", "/"),
    ]


def measure(readers, reads):
    return {(role, name): r.p95(path, reads) for role, r in readers.items() for name, path in paths(r)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--database-url", default=None)
    grown_company.add_arguments(parser)
    parser.add_argument("--reads", type=int, default=40)
    args = parser.parse_args()
    server = DemoServer(args.binary, database_url=args.database_url)
    server.start()
    try:
        # The consultant is one who is on an engagement, so their engagement page has something to show.
        consultant = next(r for r in (Reader(server, e) for e in server.sign_ins["consultant"])
                          if r.get("/api/v1/engagements?limit=1")["items"])
        readers = {"consultant": consultant, "admin": Reader(server, server.sign_ins["admin"][0])}
        small = measure(readers, args.reads)
        grown_in = grown_company.grow(server, args)
        large = measure(readers, args.reads)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(f"{database}: grown by {args.people} people, {args.people * 2 // 5} engagements, {args.promises} promises and "
              f"{args.messages} messages in {grown_in:.0f} s; p95 of {args.reads} reads each")
        print(f"{'read':<22} {'as':<11} {'demo ms':>8} {'grown ms':>9} {'growth':>7}   goal")
        failed = 0
        for (role, name), before in small.items():
            after = large[(role, name)]
            growth = after / before if before > 0 else float("inf")
            ok = after < 50 and growth <= 2
            failed += 0 if ok else 1
            print(f"{name:<22} {role:<11} {before:>8.1f} {after:>9.1f} {growth:>6.1f}x   p95 < 50, ≤ 2x{'' if ok else '  ← missed'}")
        print(f"{len(small) - failed} of {len(small)} reads meet the goal")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
