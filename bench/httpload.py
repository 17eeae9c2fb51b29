"""An open-loop HTTP/1.1 load generator on plain sockets and epoll.

Requests are sent on a fixed schedule (the i-th at start + i/rate) over keep-alive connections, opened
as needed; latency counts from the scheduled time, so a client that falls behind shows in the figures
rather than hiding the server's queue. aiohttp spent about a millisecond of Python per request, which
at 500 requests a second took most of a core from the server under test on this two-core machine.
"""
import select
import socket
import time


class _Connection:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)
        self.buffer = b""
        self.started = None  # scheduled time of the request in flight

    def response(self):
        """(status, body) once a whole response is buffered, else None."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = self.buffer[:end].decode("latin-1").split("\r\n")
        length = 0
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if len(self.buffer) < end + 4 + length:
            return None
        body = self.buffer[end + 4:end + 4 + length]
        self.buffer = self.buffer[end + 4 + length:]
        return int(head[0].split(" ")[1]), body


def run(port, make_request, rate, seconds, expect_status=201, max_connections=256):
    """Sends rate × seconds requests; `make_request(i)` gives the i-th request's bytes.
    Returns (latencies in ms, errors, achieved requests per second)."""
    poll = select.epoll()
    idle, busy = [], {}
    latencies, errors = [], 0
    total = rate * seconds
    sent = 0
    start = time.perf_counter()
    while sent < total or busy:
        now = time.perf_counter()
        while sent < total and start + sent / rate <= now:
            if not idle:
                if len(busy) >= max_connections:
                    break
                idle.append(_Connection(port))
            c = idle.pop()
            c.started = start + sent / rate
            c.sock.sendall(make_request(sent))
            busy[c.sock.fileno()] = c
            poll.register(c.sock.fileno(), select.EPOLLIN)
            sent += 1
        wait = max(0.0, start + sent / rate - time.perf_counter()) if sent < total else 1.0
        for fd, _ in poll.poll(min(wait, 1.0)):
            c = busy[fd]
            chunk = c.sock.recv(1 << 16)
            if not chunk:
                raise RuntimeError("the server closed a connection")
            c.buffer += chunk
            answer = c.response()
            if answer is None:
                continue
            status, _ = answer
            if status == expect_status:
                latencies.append((time.perf_counter() - c.started) * 1000)
            else:
                errors += 1
            poll.unregister(fd)
            del busy[fd]
            idle.append(c)
    elapsed = time.perf_counter() - start
    for c in idle:
        c.sock.close()
    return latencies, errors, len(latencies) / elapsed


def json_post(port, path, token, body):
    data = body.encode()
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n").encode() + data
