#!/usr/bin/env python3
"""Times pyroadmap against a bare eframe window, side by side under Xvfb.

The bare window (examples/bare_window.rs) has the same size and eframe
features, does no work of its own before its first frame and shows one
heading. For each launch this script measures, from outside the process:

- time to a visible window: from starting the process to the X server
  mapping its window (an X event, so no polling delay), and
- resident memory (VmRSS) 5 s after launch.

Runs alternate between the two programs; each figure is the median of RUNS
runs (default 7). Three cases, each data folder copied afresh for every
run: a fresh learner; a month of study (a lesson open, a note on every
topic, a month of review); and a heavy returning learner (a year of
review, a note of about 2 KB on all 87 topics, a draft of all 225
exercises, a lesson with code open). Each ratio is printed against the
target (1.15).

    python3 tools/startup_ratio.py          # RUNS=9 python3 ... for more
    PROFILE=dist python3 tools/startup_ratio.py   # the shipping build

Needs Xvfb and libX11 (Debian: xvfb, libx11-6). Linux only.
"""

import ctypes
import ctypes.util
import json
import os
import pathlib
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 1.15
SETTLE_S = 5.0
TIMEOUT_S = 30.0
DISPLAY = os.environ.get("STARTUP_DISPLAY", ":91")
ROOT = pathlib.Path(__file__).resolve().parent.parent

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19


class XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", XMapEvent), ("pad", ctypes.c_long * 24)]


def load_xlib():
    path = ctypes.util.find_library("X11") or "libX11.so.6"
    x = ctypes.CDLL(path)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XPending.argtypes = [ctypes.c_void_p]
    x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
    x.XConnectionNumber.argtypes = [ctypes.c_void_p]
    x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return x


def launch(x, command, title):
    """Starts `command`; returns (ms to its window being mapped, KiB resident
    SETTLE_S after launch)."""
    display = x.XOpenDisplay(DISPLAY.encode())
    if not display:
        sys.exit(f"cannot open X display {DISPLAY}")
    x.XSelectInput(display, x.XDefaultRootWindow(display), SUBSTRUCTURE_NOTIFY_MASK)
    x.XFlush(display)
    fd = x.XConnectionNumber(display)
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shown_ms = None
    event = XEvent()
    while shown_ms is None:
        if time.monotonic() - start > TIMEOUT_S or process.poll() is not None:
            process.kill()
            sys.exit(f"no window titled {title!r} from {command[0]}")
        if not x.XPending(display):
            select.select([fd], [], [], 0.05)
            continue
        x.XNextEvent(display, ctypes.byref(event))
        if event.type != MAP_NOTIFY:
            continue
        name = ctypes.c_char_p()
        if x.XFetchName(display, event.xmap.window, ctypes.byref(name)) and name.value:
            if name.value.decode(errors="replace").startswith(title):
                shown_ms = (time.monotonic() - start) * 1000
    x.XCloseDisplay(display)
    time.sleep(max(0.0, SETTLE_S - (time.monotonic() - start)))
    with open(f"/proc/{process.pid}/status") as status:
        rss_kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    time.sleep(0.5)
    return shown_ms, rss_kib


def main():
    runs = int(os.environ.get("RUNS", "7"))
    profile = os.environ.get("PROFILE", "release")
    subprocess.run(
        ["cargo", "build", "--profile", profile, "--bin", "pyroadmap",
         "--example", "bare_window", "--example", "simulate_month"],
        cwd=ROOT, check=True,
    )
    meta = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    release = pathlib.Path(json.loads(meta.stdout)["target_directory"]) / profile
    app, bare = release / "pyroadmap", release / "examples" / "bare_window"

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="startup-ratio-"))
    learners = {"fresh": None, "month": scratch / "month", "heavy": scratch / "heavy"}
    subprocess.run([release / "examples" / "simulate_month", learners["month"]],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([release / "examples" / "simulate_month", learners["heavy"], "--heavy"],
                   check=True, stdout=subprocess.DEVNULL)
    # -noreset: the server stays up between launches, when it has no clients.
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-noreset", "-screen", "0", "1280x800x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = DISPLAY
    os.environ.setdefault("XDG_RUNTIME_DIR", str(scratch / "xdg"))
    pathlib.Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(exist_ok=True, mode=0o700)
    time.sleep(1.5)
    x = load_xlib()
    over = False
    try:
        for case, learner in learners.items():
            figures = {"app": [], "bare": []}
            for _ in range(runs):
                data = scratch / "data"
                shutil.rmtree(data, ignore_errors=True)
                if learner is not None:
                    shutil.copytree(learner, data)
                figures["app"].append(launch(x, [app, "--data-dir", data], "pyroadmap"))
                figures["bare"].append(launch(x, [bare], "bare window"))
            for what, index, unit, scale in (("time", 0, "ms", 1), ("memory", 1, "MB", 1024)):
                a = statistics.median(f[index] for f in figures["app"]) / scale
                b = statistics.median(f[index] for f in figures["bare"]) / scale
                ratio = a / b
                verdict = "ok" if ratio <= TARGET else "OVER TARGET"
                over |= ratio > TARGET
                print(f"{case:<10} {what:<7} pyroadmap {a:6.0f} {unit}, bare window {b:6.0f} {unit}, "
                      f"ratio {ratio:.2f} (target <= {TARGET}) {verdict}")
            spread = [round(f[0]) for f in figures["app"]], [round(f[0]) for f in figures["bare"]]
            print(f"{'':<10} runs (ms): pyroadmap {spread[0]}, bare window {spread[1]}")
    finally:
        xvfb.terminate()
        shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
