"""Run a command and report the peak RSS of its whole process tree over time.

Usage::

    python scripts/memtrace.py [--every 0.25] [--limit SECONDS] -- COMMAND ARGS…

Each output line of the command is printed with the seconds since the start (a build's phase
lines then date its memory); at the end: the peak, and the largest RSS in each fortieth of the
run, so a phase that grows (or leaks) shows as a rising series. psutil samples the command and
all its children (a process pool's workers count too).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time

import psutil


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.25, help="seconds between samples")
    parser.add_argument("--limit", type=float, help="stop the command after this many seconds")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.time()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    process = psutil.Process(child.pid)
    samples: list[tuple[float, int]] = []

    def sample() -> None:
        while child.poll() is None:
            try:
                rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))
            except psutil.Error:
                rss = 0
            samples.append((time.time() - started, rss))
            time.sleep(args.every)

    threading.Thread(target=sample, daemon=True).start()
    if args.limit:
        threading.Timer(args.limit, child.kill).start()
    assert child.stdout is not None
    for line in child.stdout:
        print(f"{time.time() - started:8.1f} {line.rstrip()}", flush=True)
    child.wait()
    if not samples:
        return child.returncode
    at, peak = max(samples, key=lambda s: s[1])
    print(f"peak {peak / 2**20:.0f} MiB at {at:.1f} s (exit {child.returncode})")
    end = samples[-1][0]
    step = max(end / 40, args.every)
    t = 0.0
    while t < end:
        window = [rss for when, rss in samples if t <= when < t + step]
        if window:
            print(f"  {t:7.1f}-{t + step:7.1f} s: {max(window) / 2**20:6.0f} MiB")
        t += step
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
