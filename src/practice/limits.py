"""pyroadmap's run prelude: sets a run's memory and process limits, then
replaces itself (exec) with the learner's program. Limits set with
setrlimit last across exec, and the program starts exactly as it would
without the prelude: its sys.argv, __main__, __file__ and tracebacks are
its own, and no file of ours sits beside it.

Run as: python -I -S -c <this text> MEMORY_MB PROCESSES -- ARGS...
which then runs: sys.executable ARGS... (Unix: in its place; Windows: as
its child).

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
  memory malloc maps.
- Windows has no resource module and no exec that keeps the process: the
  prelude puts itself in a job object of its own (nested in the app's
  job) with a per-process memory limit, an active-process limit and
  kill-on-close, starts the program as its child (which inherits the job
  and the prelude's standard streams), waits for it and exits with its
  exit code. When the prelude ends, by any route, its handle to the job
  closes and Windows kills whatever the program left running. If the job
  cannot be set up (Windows 7 has no nested jobs), the program runs
  without these limits, as before, and the app's own time limit and
  job still stop it.
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


# Windows job objects (winnt.h): the limit flags and the information class.
_JOB_OBJECT_LIMIT_ACTIVE_PROCESS = 0x0008
_JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x0100
_JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x0400
_JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000
_JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9


def _windows_job(memory_mb, processes):
    """Puts this process in a new job object with the run's limits; returns
    the job's handle, which must stay open while the program runs, or None
    with a reason when Windows refused."""
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_uint64)
            for name in (
                "ReadOperationCount",
                "WriteOperationCount",
                "OtherOperationCount",
                "ReadTransferCount",
                "WriteTransferCount",
                "OtherTransferCount",
            )
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.SetInformationJobObject.argtypes = (wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD)
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    kernel32.GetCurrentProcess.argtypes = ()
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle.restype = wintypes.BOOL
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.WaitForSingleObject.argtypes = (wintypes.HANDLE, wintypes.DWORD)
    kernel32.WaitForSingleObject.restype = wintypes.DWORD
    kernel32.TerminateJobObject.argtypes = (wintypes.HANDLE, wintypes.UINT)
    kernel32.TerminateJobObject.restype = wintypes.BOOL

    # Not inheritable (no security attributes), so only this process holds
    # it: when this process ends, the job closes and kills what is left.
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None, f"CreateJobObject failed ({ctypes.get_last_error()})"
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = (
        _JOB_OBJECT_LIMIT_ACTIVE_PROCESS
        | _JOB_OBJECT_LIMIT_PROCESS_MEMORY
        | _JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
        | _JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    )
    # The prelude itself is one of the job's processes.
    limits.BasicLimitInformation.ActiveProcessLimit = processes + 1
    limits.ProcessMemoryLimit = memory_mb * 1024 * 1024
    is_set = kernel32.SetInformationJobObject(
        job, _JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits), ctypes.sizeof(limits)
    )
    if not is_set or not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
        error = ctypes.get_last_error()
        kernel32.CloseHandle(job)
        return None, f"the job object was refused ({error})"
    _end_with_the_app(kernel32, job)
    return job, None


def _end_with_the_app(kernel32, job):
    """Watches the app that started the run (its process id is in
    PYROADMAP_APP_PID): if the app ends first, for instance in a crash,
    the run's job is killed, so nothing keeps running unasked."""
    import threading

    try:
        app_pid = int(os.environ.get("PYROADMAP_APP_PID", ""))
    except ValueError:
        return
    synchronize = 0x00100000
    app = kernel32.OpenProcess(synchronize, False, app_pid)
    if not app:
        return

    def watch():
        infinite = 0xFFFFFFFF
        kernel32.WaitForSingleObject(app, infinite)
        kernel32.TerminateJobObject(job, 1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _run_on_windows(memory_mb, processes, program):
    """Runs the program as a child inside a job with the run's limits, and
    exits with its exit code."""
    import subprocess

    try:
        job, refused = _windows_job(memory_mb, processes)
    except (OSError, AttributeError, ValueError) as error:
        job, refused = None, str(error)
    if job is None:
        sys.stderr.write(f"pyroadmap could not set the memory and process limits here: {refused}\n")
    sys.stdout.flush()
    try:
        finished = subprocess.run([sys.executable] + program)
    except OSError as error:
        sys.stderr.write(f"pyroadmap could not start your program with {sys.executable}: {error}\n")
        sys.exit(1)
    sys.exit(finished.returncode)


def _main():
    memory_mb, processes = int(sys.argv[1]), int(sys.argv[2])
    program = sys.argv[4:]
    if sys.platform == "win32":
        _run_on_windows(memory_mb, processes, program)
        return
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
