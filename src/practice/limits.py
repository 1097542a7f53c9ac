"""pyroadmap's run prelude: sets a run's memory and process limits, then
replaces itself (exec) with the learner's program. Limits set with
setrlimit last across exec, and the program starts exactly as it would
without the prelude: its sys.argv, __main__, __file__ and tracebacks are
its own, and no file of ours sits beside it.

Run as: python -I -S -c <this text> MEMORY_MB PROCESSES -- ARGS...
which then runs: sys.executable ARGS...

- Memory: RLIMIT_DATA (Linux 4.7+ counts every private writable mapping,
  which is where Python, numpy and threads allocate), not RLIMIT_AS: the
  address space also counts shared libraries and the large PROT_NONE
  reservations of malloc arenas and thread pools, so RLIMIT_AS stops
  ordinary numpy or threaded programs long before they use the memory.
  A program that asks for more gets MemoryError. The limit is per process.
- Processes: RLIMIT_NPROC counts every process (on Linux every thread) of
  this user, the learner's browser and desktop included, so it is set to
  how many there are now plus PROCESSES * 8: room for thread pools (numpy
  starts one thread per core), and a fork bomb stops long before the
  machine suffers. The kernel does not apply it to root.
- macOS accepts both limits but does not enforce RLIMIT_DATA for the
  memory malloc maps; Windows has no resource module, so nothing is set.
"""

import os
import sys


def _user_tasks():
    """How many processes (Linux: threads) this user runs now, or None."""
    uid = os.getuid()
    if os.path.isdir("/proc/self/task"):
        count = 0
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                if os.stat("/proc/" + name).st_uid == uid:
                    count += len(os.listdir("/proc/" + name + "/task"))
            except OSError:
                pass  # it ended while we counted
        return count
    try:
        import subprocess

        listed = subprocess.run(["ps", "-U", str(uid), "-o", "pid="], capture_output=True, timeout=5)
        return len(listed.stdout.split())
    except (OSError, subprocess.SubprocessError):
        return None


def _lower(resource, which, value):
    """Sets the soft limit to `value` unless a lower one is in force."""
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    if soft != resource.RLIM_INFINITY and soft <= value:
        return
    resource.setrlimit(which, (value, hard))


def _main():
    memory_mb, processes = int(sys.argv[1]), int(sys.argv[2])
    program = sys.argv[4:]
    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None:
        for name in ("RLIMIT_DATA", "RLIMIT_AS"):
            which = getattr(resource, name, None)
            if which is not None:
                try:
                    _lower(resource, which, memory_mb * 1024 * 1024)
                    break
                except (ValueError, OSError):
                    pass  # not supported here: try the next one
        # The kernel does not apply RLIMIT_NPROC to root: skip the count.
        is_counted = hasattr(resource, "RLIMIT_NPROC") and os.getuid() != 0
        tasks = _user_tasks() if is_counted else None
        if tasks is not None:
            try:
                _lower(resource, resource.RLIMIT_NPROC, tasks + processes * 8)
            except (ValueError, OSError):
                pass
    sys.stdout.flush()
    try:
        os.execv(sys.executable, [sys.executable] + program)
    except OSError as error:
        sys.stderr.write(f"pyroadmap could not start your program with {sys.executable}: {error}\n")
        sys.exit(1)


_main()
