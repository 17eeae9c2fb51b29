"""The grown company the company-scale benchmarks measure: the demo plus 5,000 people in 40 departments
with skills, 2,000 engagements with their teams and channels, 100,000 promises and 1,000,000 messages,
written by `lovnad bench-data`."""
import time


def add_arguments(parser):
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--promises", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)


def grow(server, args):
    """Grows the server's demo company; the seconds it took."""
    started = time.perf_counter()
    server.command("bench-data", "company", "--count", str(args.people))
    server.command("bench-data", "promises", "--count", str(args.promises))
    server.command("bench-data", "messages", "--count", str(args.messages))
    return time.perf_counter() - started
