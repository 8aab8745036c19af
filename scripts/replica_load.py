#!/usr/bin/env python3
"""Closed-loop load on kefu replicas over REST (POST /api/chat), stdlib only.

Each of --clients threads plays one conversation after another (a search, its refinement,
a policy question, thanks), sending each turn to the next replica in turn, so every
session moves between replicas. Prints turns, throughput and latency percentiles.

    scripts/replica_load.py --seconds 30 --clients 8 127.0.0.1:8081 127.0.0.1:8082
"""
import argparse
import http.client
import json
import threading
import time
import uuid

TURNS = ["show me headphones", "cheaper ones?", "what is your return policy", "thanks"]


def client(addrs, offset, deadline, latencies, errors, lock):
    conns = {}
    turn = offset
    while time.monotonic() < deadline:
        session = f"load-{uuid.uuid4().hex[:12]}"
        for text in TURNS:
            addr = addrs[turn % len(addrs)]
            turn += 1
            body = json.dumps({"session_id": session, "text": text})
            start = time.monotonic()
            try:
                conn = conns.get(addr) or http.client.HTTPConnection(addr, timeout=60)
                conns[addr] = conn
                conn.request("POST", "/api/chat", body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError:
                conns.pop(addr, None)
                ok = False
            elapsed = time.monotonic() - start
            with lock:
                (latencies if ok else errors).append(elapsed)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("addrs", nargs="+")
    a = p.parse_args()
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.monotonic() + a.seconds
    threads = [
        threading.Thread(target=client, args=(a.addrs, i, deadline, latencies, errors, lock))
        for i in range(a.clients)
    ]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    latencies.sort()
    pct = lambda q: 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0
    print(
        f"replicas={len(a.addrs)} clients={a.clients} turns={len(latencies)} errors={len(errors)} "
        f"wall={wall:.1f}s throughput={len(latencies) / wall:.1f} turns/s "
        f"p50={pct(0.5):.0f}ms p95={pct(0.95):.0f}ms p99={pct(0.99):.0f}ms"
    )


if __name__ == "__main__":
    main()
