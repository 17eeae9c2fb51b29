"""Many WebSocket clients read by one process of their own, with plain sockets and epoll.

A client per asyncio task (the `websockets` library) costs tens of microseconds of Python per frame,
so with 1,000 clients the bench measured mostly itself. Here one process does nothing but read: it
notes when each `message.created` frame arrives (time.perf_counter is CLOCK_MONOTONIC, the same
clock in every process) and answers the bench over a pipe.
"""
import base64
import multiprocessing
import os
import resource
import select
import socket
import struct
import time


def _handshake(port, token):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise RuntimeError("live: connection closed during the handshake")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        raise RuntimeError(f"live: upgrade refused: {head.splitlines()[0]!r}")
    s.setblocking(False)
    return s, rest


def _masked(opcode, payload):
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + body


class _Reader:
    def __init__(self, sock, buffer):
        self.sock = sock
        self.buffer = bytearray(buffer)
        self.ready = False

    def frames(self):
        """Complete frames in the buffer: (opcode, payload)."""
        out = []
        buf = self.buffer
        while len(buf) >= 2:
            opcode, length, at = buf[0] & 0x0F, buf[1] & 0x7F, 2
            if length == 126:
                if len(buf) < 4:
                    break
                length, at = struct.unpack(">H", buf[2:4])[0], 4
            elif length == 127:
                if len(buf) < 10:
                    break
                length, at = struct.unpack(">Q", buf[2:10])[0], 10
            if len(buf) < at + length:
                break
            out.append((opcode, bytes(buf[at:at + length])))
            del buf[:at + length]
        return out


def _run(port, tokens, count, pipe):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 256)), hard))
    readers = {}
    poll = select.epoll()
    arrivals = {}  # message id -> [perf_counter of each receipt]
    ready = 0
    waiting = None  # (message id, deadline) the bench is waiting for
    announced = False
    closed = 0

    def handle(reader):
        nonlocal ready
        now = time.perf_counter()
        for opcode, payload in reader.frames():
            if opcode == 0x9:
                reader.sock.send(_masked(0xA, payload))
            elif opcode == 0x8:
                return False
            elif opcode == 0x1:
                if not reader.ready:
                    if b'"ready"' in payload:
                        reader.ready = True
                        ready += 1
                elif b'"message.created"' in payload[:60]:
                    # {"id":N,"type":"message.created","data":{"id":"<uuid>",... — read without parsing it all.
                    at = payload.find(b'"data":{"id":"') + 14
                    arrivals.setdefault(payload[at:at + 36].decode(), []).append(now)
        return True

    for i in range(count):
        sock, rest = _handshake(port, tokens[i % len(tokens)])
        reader = _Reader(sock, rest)
        readers[sock.fileno()] = reader
        poll.register(sock.fileno(), select.EPOLLIN)
        handle(reader)  # the first frames may have come with the handshake's answer
    poll.register(pipe.fileno(), select.EPOLLIN)

    while True:
        if not announced and ready == count:
            pipe.send(("ready", count))
            announced = True
        if waiting is not None:
            mid, deadline = waiting
            got = arrivals.get(mid, [])
            if len(got) >= count or time.perf_counter() > deadline:
                pipe.send(("receipts", arrivals.pop(mid, []), closed))
                waiting = None
        for fd, _ in poll.poll(0.01):
            if fd == pipe.fileno():
                command = pipe.recv()
                if command[0] == "wait":
                    waiting = (command[1], time.perf_counter() + command[2])
                elif command[0] == "status":
                    arrivals.clear()  # a fleet asked only for its health keeps no receipts
                    pipe.send(("status", closed))
                elif command[0] == "close":
                    for r in readers.values():
                        try:
                            r.sock.send(_masked(0x8, struct.pack(">H", 1000)))
                        except OSError:
                            pass
                        r.sock.close()
                    pipe.send(("closed",))
                    return
                continue
            reader = readers[fd]
            try:
                chunk = reader.sock.recv(1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                poll.unregister(fd)
                closed += 1
                continue
            reader.buffer += chunk
            if not handle(reader):
                poll.unregister(fd)
                closed += 1


class Fleet:
    """`count` clients of the live stream on `port`, each signed in with one of `tokens`."""

    def __init__(self, port, tokens, count):
        self.count = count
        self.closed = 0  # connections the server has closed, as of the last receipts
        self.pipe, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_run, args=(port, tokens, count, theirs), daemon=True)
        self.process.start()

    def wait_ready(self, timeout=120):
        if not self.pipe.poll(timeout):
            raise RuntimeError("live clients did not all become ready")
        return self.pipe.recv()[1]

    def receipts(self, message_id, timeout=10):
        """perf_counter times at which each client received the message (fewer on timeout)."""
        self.pipe.send(("wait", message_id, timeout))
        if not self.pipe.poll(timeout + 5):
            raise RuntimeError("live clients did not answer")
        _, times, self.closed = self.pipe.recv()
        return times

    def dropped(self, timeout=30):
        """How many of the connections the server has closed so far."""
        self.pipe.send(("status",))
        if not self.pipe.poll(timeout):
            raise RuntimeError("live clients did not answer")
        _, self.closed = self.pipe.recv()
        return self.closed

    def close(self):
        self.pipe.send(("close",))
        self.pipe.poll(30)
        self.process.join(30)
