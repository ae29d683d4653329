"""glibc's malloc arenas: at most two for the process.

glibc gives a thread that allocates while another thread holds an arena an arena of its own, up to
eight per core, and memory freed in one is not handed to another nor, mostly, back to the system.
A poll cycle reads new items in a worker thread while the event loop's thread still parses
responses, so both allocate at once. Measured with ``python bench/poll.py --feeds 2000
--db-items 100000``: peak RSS 199.2-199.9 MB with glibc's default against a 200 MB goal, 185.8 MB
with two arenas, the cycle as fast. Two is what ``MALLOC_ARENA_MAX=2`` sets; an environment that
sets ``MALLOC_ARENA_MAX`` itself keeps its own value. With another C library this does nothing.
"""
from __future__ import annotations

import ctypes
import os
import platform

ARENAS = 2
_M_ARENA_MAX = -8   # glibc's malloc.h


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas (``mallopt(M_ARENA_MAX)``) before the process starts threads.
    True when the cap was set; False where ``MALLOC_ARENA_MAX`` is set already or there is no glibc."""
    if os.environ.get("MALLOC_ARENA_MAX") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        return ctypes.CDLL(None).mallopt(_M_ARENA_MAX, arenas) == 1
    except (OSError, AttributeError):   # no mallopt in this process's C library
        return False
