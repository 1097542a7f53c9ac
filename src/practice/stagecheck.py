"""Checks a project's stages: pyroadmap runs this, never the learner.

    python stagecheck.py VERDICT.json PROJECT_DIR STAGE_DIR [STAGE_DIR ...]

PROJECT_DIR is a copy of the learner's project folder. Each STAGE_DIR holds
one stage's `checks.py` (and any files its checks use), in stage order.
Every stage runs in a fresh copy of PROJECT_DIR, so one stage's files
never leak into the next. Within a stage the checks run in the order they
are written; the first that fails ends that stage (the rest are "not
run"), and every stage runs, so a change that breaks an earlier stage is
caught. The verdict is written to VERDICT.json, not printed, so nothing a
program prints can forge it.

A stage's `checks.py` imports what it needs from here:

    from stagecheck import check, run, fail, read_file, remove, load, serve, here

    @check("adds an expense")
    def _():
        run("tracker.py", "add", "12.50", "lunch").expect_code(0)
"""

import contextlib
import functools
import http.server
import importlib
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
import threading
import traceback
from pathlib import Path

# What a program may print before the rest is cut, per stream.
MAX_OUTPUT = 200_000
# How long one `run` may take unless the check says otherwise, in seconds.
DEFAULT_TIMEOUT = 10
# How much of a long text a failure message shows.
SHOWN = 1_200


class CheckFailed(Exception):
    """A check saw something the stage's brief does not allow."""


def fail(message):
    """Ends the check with `message`, which the learner reads."""
    raise CheckFailed(message)


_checks = []
_stage_dir = None


def check(name):
    """Registers the function below as a check called `name`."""

    def register(function):
        _checks.append((name, function))
        return function

    return register


def here(path=""):
    """A file shipped beside this stage's checks.py (a small site, data)."""
    return _stage_dir / path


def _shown(text):
    text = text if len(text) <= SHOWN else text[:SHOWN] + "\n[... cut ...]"
    return text if text.strip() else "(nothing)"


def _command(args):
    return "python " + " ".join(shlex.quote(str(a)) for a in args)


class Ran:
    """What one run of the learner's program did."""

    def __init__(self, args, stdin, code, stdout, stderr):
        self.args = args
        self.stdin = stdin
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    @property
    def command(self):
        text = _command(self.args)
        if self.stdin:
            text += "\nwith this input:\n" + _shown(self.stdin)
        return text

    def _fail(self, expected, got):
        message = f"Ran: {self.command}\nExpected: {expected}\nGot: {got}"
        if self.code != 0 and self.stderr.strip() and "this on stderr" not in got:
            message += "\nIt printed this error:\n" + _shown(self.stderr)
        fail(message)

    def expect_code(self, code=0):
        """The program ended with this exit status."""
        if self.code != code:
            self._fail(f"exit status {code}", f"exit status {self.code}")
        return self

    def expect_stdout(self, text):
        """The program printed exactly `text` (line ends ignored at the end)."""
        if self.stdout.rstrip("\n") != text.rstrip("\n"):
            self._fail("this output:\n" + _shown(text), "this output:\n" + _shown(self.stdout))
        return self

    def expect_in_stdout(self, *texts):
        """Each of `texts` appears in what the program printed."""
        for text in texts:
            if text not in self.stdout:
                self._fail(f"output containing {text!r}", "this output:\n" + _shown(self.stdout))
        return self

    def expect_not_in_stdout(self, *texts):
        """None of `texts` appears in what the program printed."""
        for text in texts:
            if text in self.stdout:
                self._fail(f"output without {text!r}", "this output:\n" + _shown(self.stdout))
        return self

    def expect_lines(self, lines):
        """The program printed these lines, in this order, and nothing else
        (blank lines and spaces at either end of a line are ignored)."""
        got = [line.strip() for line in self.stdout.splitlines() if line.strip()]
        want = [line.strip() for line in lines if line.strip()]
        if got != want:
            self._fail("these lines:\n" + _shown("\n".join(want)), "these lines:\n" + _shown("\n".join(got)))
        return self

    def expect_in_stderr(self, *texts):
        """Each of `texts` appears in what the program wrote to stderr."""
        for text in texts:
            if text not in self.stderr:
                self._fail(f"an error message containing {text!r}", "this on stderr:\n" + _shown(self.stderr))
        return self


def _read_cut(stream, sink):
    data = stream.read(MAX_OUTPUT)
    sink.append(data)
    while stream.read(65536):
        pass


def run(*args, input=None, timeout=DEFAULT_TIMEOUT, env=None):
    """Runs `python *args` in the project folder, as the brief says the
    learner would, and returns what it did. A first argument that names a
    missing file fails the check with the file's name."""
    args = [str(a) for a in args]
    if args and args[0].endswith(".py") and not Path(args[0]).is_file():
        fail(f"Ran: {_command(args)}\n{args[0]} was not found in your project folder.")
    full_env = dict(os.environ)
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env["PYTHONDONTWRITEBYTECODE"] = "1"
    full_env.update(env or {})
    process = subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    out, err = [], []
    readers = [
        threading.Thread(target=_read_cut, args=(process.stdout, out), daemon=True),
        threading.Thread(target=_read_cut, args=(process.stderr, err), daemon=True),
    ]
    for reader in readers:
        reader.start()
    with contextlib.suppress(BrokenPipeError, OSError):
        if input:
            process.stdin.write(input)
        process.stdin.close()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        for reader in readers:
            reader.join(1)
        shown = "with this input:\n" + _shown(input) + "\n" if input else ""
        fail(
            f"Ran: {_command(args)}\n{shown}It did not finish within {timeout} s. "
            "Is it waiting for input it never gets, or looping?\n"
            "It printed:\n" + _shown("".join(out))
        )
    for reader in readers:
        reader.join(5)
    return Ran(args, input, code, "".join(out), "".join(err))


def read_file(path):
    """The text of a file the program should have written, or a failure
    naming it."""
    file = Path(path)
    if not file.is_file():
        fail(f"Expected a file {path} in the project folder, but there is none.")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text.")


def remove(*paths):
    """Deletes files the learner's own tries left in their folder (the
    checks run on a copy), so the stage starts from what the brief says."""
    for path in paths:
        target = Path(path)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()


def load(module):
    """Imports the learner's module `module` (a name the brief gives) fresh
    from the project folder. What it prints while importing is kept out of
    the way; an error in it fails the check with the learner's line."""
    for name in list(sys.modules):
        if name == module or name.startswith(module + "."):
            del sys.modules[name]
    importlib.invalidate_caches()
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name == module.split(".")[0]:
            fail(f"The brief asks for a module {module}, but there is no {module.replace('.', '/')}.py "
                 "(or package folder) in the project folder.")
        raise
    except CheckFailed:
        raise
    except BaseException as error:
        fail(f"Importing {module} raised an error:\n" + _learner_traceback(error))


def _learner_traceback(error):
    """The traceback of `error` cut to the learner's own files."""
    cwd = Path.cwd().resolve()
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(cwd)
    ]
    lines = traceback.format_list(frames)
    lines += traceback.format_exception_only(type(error), error)
    return _shown("".join(lines).replace(str(cwd) + os.sep, ""))


# Public, for checks that load a module and call it themselves.
learner_traceback = _learner_traceback


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder=None, handler=None):
    """Serves `folder` (a path beside checks.py, see `here`) or runs
    `handler` (a BaseHTTPRequestHandler class) on 127.0.0.1 on a free port,
    for as long as the `with` block lasts. Yields the base URL."""
    if handler is None:
        handler = functools.partial(_QuietHandler, directory=str(here(folder or "")))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run_stage(number, stage_dir, project, work):
    global _stage_dir
    _stage_dir = Path(stage_dir).resolve()
    _checks.clear()
    copy = work / f"stage-{number}"
    shutil.copytree(project, copy, symlinks=True)
    os.chdir(copy)
    sys.path.insert(0, str(copy))
    results = []
    try:
        source = (_stage_dir / "checks.py").read_text(encoding="utf-8")
        code = compile(source, str(_stage_dir / "checks.py"), "exec")
        exec(code, {"__name__": f"stage_{number}_checks", "__file__": str(_stage_dir / "checks.py")})
    except BaseException:
        return [{"name": "the stage's checks", "status": "error",
                 "message": "The checks of this stage could not be read:\n" + traceback.format_exc(limit=-3)}]
    failed = False
    for name, function in list(_checks):
        if failed:
            results.append({"name": name, "status": "not run", "message": ""})
            continue
        try:
            function()
            results.append({"name": name, "status": "passed", "message": ""})
        except CheckFailed as failure:
            failed = True
            results.append({"name": name, "status": "failed", "message": str(failure)})
        except BaseException as error:
            failed = True
            results.append({"name": name, "status": "failed",
                            "message": "Your code raised an error during this check:\n" + _learner_traceback(error)})
    sys.path.remove(str(copy))
    return results


def main():
    verdict_path, project, *stages = sys.argv[1:]
    project = Path(project).resolve()
    # Resolved now: each stage changes the working folder.
    stages = [Path(stage).resolve() for stage in stages]
    work = Path(verdict_path).resolve().parent / "stages"
    work.mkdir(exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    # The checks import `stagecheck`: make that this very module, not a
    # second copy with its own list of checks.
    sys.modules["stagecheck"] = sys.modules[__name__]
    verdict = {"stages": []}
    for number, stage_dir in enumerate(stages, start=1):
        results = _run_stage(number, stage_dir, project, work)
        verdict["stages"].append({"stage": number, "checks": results})
    Path(verdict_path).write_text(json.dumps(verdict, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
