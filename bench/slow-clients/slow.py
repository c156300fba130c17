#!/usr/bin/env python3
"""Slow clients against a running `httpstatus serve`: SILENT connections that open and say
nothing, TRICKLE connections that send a request head one byte at a time, and meanwhile a
normal client that asks GET /status/204 every 100 ms on a new connection and times each answer.

    python3 bench/slow-clients/slow.py 127.0.0.1:8096 [seconds]

Prints one line per figure and exits 1 when a normal request failed or took a second or more.
Standard library only. Loopback only: the address must be 127.0.0.1.
"""
import asyncio
import os
import sys
import time

SILENT = int(os.environ.get("SILENT", "300"))
TRICKLE = int(os.environ.get("TRICKLE", "300"))
HEAD = b"GET /status/200 HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"


async def silent(host, port, stop, stats):
    try:
        r, w = await asyncio.open_connection(host, port)
    except OSError:
        stats["refused"] += 1
        return
    stats["opened"] += 1
    try:
        # Wait for the server to close it (header-read timeout) or for the end of the run.
        done = await asyncio.wait_for(r.read(64), timeout=max(0.1, stop - time.monotonic()))
        if not done or done.startswith(b"HTTP/1.1 408"):
            stats["closed_by_server"] += 1
    except (asyncio.TimeoutError, OSError):
        pass
    w.close()


async def trickle(host, port, stop, stats):
    while time.monotonic() < stop:
        try:
            r, w = await asyncio.open_connection(host, port)
        except OSError:
            stats["refused"] += 1
            await asyncio.sleep(0.5)
            continue
        stats["opened"] += 1
        try:
            for b in HEAD:
                if time.monotonic() >= stop:
                    break
                w.write(bytes([b]))
                await w.drain()
                await asyncio.sleep(0.1)
            else:
                stats["completed_slow_heads"] += 1
        except OSError:
            stats["closed_by_server"] += 1
        w.close()


async def normal(host, port, stop, latencies, failures):
    while time.monotonic() < stop:
        t0 = time.monotonic()
        try:
            r, w = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
            w.write(b"GET /status/204 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await w.drain()
            line = await asyncio.wait_for(r.readline(), 5)
            w.close()
            if line.startswith(b"HTTP/1.1 204"):
                latencies.append(time.monotonic() - t0)
            else:
                failures.append(repr(line))
        except (OSError, asyncio.TimeoutError) as e:
            failures.append(type(e).__name__)
        await asyncio.sleep(0.1)


async def main():
    addr = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 15
    host, port = addr.rsplit(":", 1)
    assert host == "127.0.0.1", "loopback only"
    stop = time.monotonic() + seconds
    stats = {"opened": 0, "refused": 0, "closed_by_server": 0, "completed_slow_heads": 0}
    latencies, failures = [], []
    tasks = [silent(host, port, stop, stats) for _ in range(SILENT)]
    tasks += [trickle(host, port, stop, stats) for _ in range(TRICKLE)]
    tasks.append(normal(host, port, stop, latencies, failures))
    await asyncio.gather(*tasks)
    latencies.sort()
    n = len(latencies)
    worst = latencies[-1] if n else float("inf")
    print(f"slow clients: {SILENT} silent + {TRICKLE} byte-at-a-time (one byte per 100 ms), {seconds:.0f} s")
    print(f"slow connections opened: {stats['opened']}, refused at the cap: {stats['refused']}, "
          f"closed by the server: {stats['closed_by_server']}, slow heads completed: {stats['completed_slow_heads']}")
    if n:
        print(f"normal requests: {n} answered, {len(failures)} failed; latency p50 {latencies[n // 2] * 1000:.1f} ms, "
              f"p99 {latencies[min(n - 1, n * 99 // 100)] * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    else:
        print(f"normal requests: none answered, {len(failures)} failed: {failures[:3]}")
    ok = n > 0 and not failures and worst < 1.0
    print("verdict:", "pass (every normal request answered within a second)" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
