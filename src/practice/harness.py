"""pyroadmap's exercise checker: runs the learner's code, then the exercise's
checks against it, and reports each check as one JSON line in results.jsonl:

    {"name": ..., "passed": true|false, "message": ...}

Run as: python -X utf8 -u harness.py   (in a folder holding solution.py,
checks.py, explain.py and optionally stdin.txt; src/practice/runner.rs
starts it so, through the limits prelude, with every PYTHON* variable but
PYTHONIOENCODING and PYTHONUNBUFFERED removed). There is no -I: the
folder is first on sys.path and the user's site-packages (pip install
--user) stays importable. The learner's own prints go to stdout as usual,
unbuffered (-u), so they appear while the code runs. A verdict on an error
the learner's code raised also carries explain.py's plain-words
explanation ("explanation": {"what", "line", "fix"}).
"""

import io
import json
import os
import sys
import traceback
import types

RESULTS = "results.jsonl"
_reported = []
# Set when the learner's code ran out of memory (the run's memory cap):
# the checker then ends with a MemoryError line, so the app can say so.
_out_of_memory = []


def _report(name, passed, message="", error=None):
    """Writes one verdict; `error`, the exception the learner's code
    raised, adds its plain-words explanation when one applies."""
    _reported.append(passed)
    result = {"name": name, "passed": passed, "message": message}
    explanation = _explanation(error) if error is not None else None
    if explanation:
        result["explanation"] = explanation
    with open(RESULTS, "a", encoding="utf-8") as results:
        results.write(json.dumps(result) + "\n")


def _explanation(error):
    """explain.py's explanation of an error from solution.py, or None."""
    if isinstance(error, MemoryError) or _learner is None:
        return None
    try:
        sys.dont_write_bytecode = True
        from explain import explain

        # The checker shows only the message, so Python's own
        # suggestions ("Did you mean") are not on screen.
        return explain(error, "solution.py", _learner.source, traceback_shown=False)
    except Exception:  # noqa: BLE001 - the verdict matters more
        return None


def _short(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe_error(error):
    """`ValueError: bad` plus the learner's line, if the error came from their code."""
    if isinstance(error, MemoryError):
        _out_of_memory.append(True)
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == "solution.py":
            return f"{text} (your line {frame.lineno}: {(frame.line or '').strip()})"
    return text


class Learner:
    """The learner's module, run once; checks read its names."""

    def __init__(self, source, stdin_text):
        self.source = source
        self.stdin_text = stdin_text
        self.module = types.ModuleType("solution")
        self.module.__file__ = "solution.py"
        self.output = ""
        self.error = None

    def run(self, as_program=True):
        """Runs the learner's file, capturing what it prints: as a program
        (`__name__ == "__main__"`), or as the module `solution` that the
        checks use, so a learner's own `if __name__ == "__main__":` demo
        does not run then, and worker processes can import its functions."""
        module = types.ModuleType("__main__" if as_program else "solution")
        module.__file__ = "solution.py"
        if not as_program:
            sys.modules["solution"] = module
        captured = io.StringIO()
        old_stdin, old_stdout = sys.stdin, sys.stdout
        sys.stdin = io.StringIO(self.stdin_text)
        sys.stdout = captured
        error = None
        try:
            code = compile(self.source, "solution.py", "exec")
            exec(code, module.__dict__)
        except SystemExit:
            pass
        except BaseException as caught:  # noqa: BLE001 - every failure is reported
            error = caught
            if isinstance(caught, MemoryError):
                # Free what it holds, so the checker can still report.
                module.__dict__.clear()
        finally:
            sys.stdin, sys.stdout = old_stdin, old_stdout
        return module, captured.getvalue(), error


_learner = None


def _namespace():
    """The names an expression sees: the learner's, then the check code's
    own (so a check can pass a value it built, such as a connection)."""
    caller = sys._getframe(2)
    names = dict(caller.f_globals)
    # The learner's live module wins over the checks' copy of it.
    names.update(_learner.module.__dict__)
    if caller.f_locals is not caller.f_globals:
        names.update(caller.f_locals)
    return names


def _call_text(expression):
    return expression if len(expression) <= 80 else expression[:77] + "..."


def expect_equal(expression, expected, name=None):
    """Evaluates `expression` among the learner's names; passes when it equals `expected`."""
    name = name or expression
    try:
        got = eval(expression, _namespace())
    except BaseException as error:  # noqa: BLE001
        _report(name, False, f"`{_call_text(expression)}` raised {_describe_error(error)}, expected {_short(expected)}", error)
        return
    try:
        is_equal = bool(got == expected)
    except BaseException:  # noqa: BLE001 - a value that cannot be compared is not equal
        is_equal = False
    is_plain = isinstance(expected, (bool, int, float, str, bytes))
    if is_equal and (not is_plain or type(got) is type(expected)):
        _report(name, True)
    elif is_equal:
        _report(name, False, f"`{_call_text(expression)}` returned {_short(got)} (a {type(got).__name__}), expected {_short(expected)} (a {type(expected).__name__})")
    else:
        _report(name, False, f"`{_call_text(expression)}` returned {_short(got)}, expected {_short(expected)}")


def expect_true(expression, message, name=None):
    """Passes when `expression` is true; otherwise fails with `message`."""
    name = name or expression
    try:
        ok = bool(eval(expression, _namespace()))
    except BaseException as error:  # noqa: BLE001
        _report(name, False, f"`{_call_text(expression)}` raised {_describe_error(error)}", error)
        return
    _report(name, ok, "" if ok else message)


def expect_raises(expression, exception, name=None):
    """Passes when evaluating `expression` raises `exception` (or a subclass)."""
    name = name or f"{expression} raises {exception.__name__}"
    try:
        got = eval(expression, _namespace())
    except exception:
        _report(name, True)
        return
    except BaseException as error:  # noqa: BLE001
        _report(name, False, f"`{_call_text(expression)}` raised {_describe_error(error)}, expected {exception.__name__}", error)
        return
    _report(name, False, f"`{_call_text(expression)}` returned {_short(got)}, expected it to raise {exception.__name__}")


def expect_output(expected, stdin="", name=None):
    """Runs the learner's file as a program with `stdin`; passes when it prints exactly `expected`."""
    name = name or ("the program's output" if not stdin else f"the output for input {stdin!r}")
    _, output, error = Learner(_learner.source, stdin).run()
    if error is not None:
        _report(name, False, f"your program raised {_describe_error(error)}", error)
    elif output == expected:
        _report(name, True)
    else:
        got_lines, want_lines = output.splitlines(), expected.splitlines()
        for number, (got, want) in enumerate(zip(got_lines, want_lines), start=1):
            if got != want:
                _report(name, False, f"line {number} of the output is {got!r}, expected {want!r}")
                return
        if len(got_lines) < len(want_lines):
            _report(name, False, f"the output stops after {len(got_lines)} line(s); line {len(got_lines) + 1} should be {want_lines[len(got_lines)]!r}")
        elif len(got_lines) > len(want_lines):
            _report(name, False, f"the output has {len(got_lines)} lines, expected {len(want_lines)}; the first extra one is {got_lines[len(want_lines)]!r}")
        else:
            _report(name, False, f"the output is {output!r}, expected {expected!r} (check spaces and the final newline)")


def check(function):
    """A custom check: a function that calls `fail(message)` or raises AssertionError."""
    name = (function.__doc__ or function.__name__.replace("_", " ")).strip()
    try:
        function()
    except _Failed as failed:
        _report(name, False, str(failed))
    except AssertionError as error:
        _report(name, False, str(error) or "a check failed")
    except BaseException as error:  # noqa: BLE001
        _report(name, False, f"your code raised {_describe_error(error)}", error)
    else:
        _report(name, True)
    return function


class _Failed(Exception):
    pass


def fail(message):
    """Fails the current `@check` with a message for the learner."""
    raise _Failed(message)


def learner_output():
    """What the learner's file printed when it ran."""
    return _learner.output


def main():
    global _learner
    source = open("solution.py", encoding="utf-8").read()
    stdin_text = open("stdin.txt", encoding="utf-8").read() if os.path.exists("stdin.txt") else ""
    _learner = Learner(source, stdin_text)
    module, output, error = _learner.run(as_program=False)
    _learner.module, _learner.output = module, output
    sys.stdout.write(output)
    if isinstance(error, SyntaxError):
        _report("your code runs", False, f"Python cannot read your code: {error.msg} (line {error.lineno})", error)
        return
    if isinstance(error, EOFError):
        # A program that reads input() ran out of it: expect_output checks
        # run it again with their own input.
        error = None
    if error is not None:
        _report("your code runs", False, f"your code raised {_describe_error(error)} when it ran", error)
        return
    helpers = {
        "expect_equal": expect_equal,
        "expect_true": expect_true,
        "expect_raises": expect_raises,
        "expect_output": expect_output,
        "check": check,
        "fail": fail,
        "learner_output": learner_output,
        "learner": module,
    }
    namespace = dict(module.__dict__)
    namespace.update(helpers)
    checks = open("checks.py", encoding="utf-8").read()
    # Check code sees the learner's names directly, e.g. count_vowels("Sky").
    try:
        exec(compile(checks, "checks.py", "exec"), namespace)
    except BaseException as error:  # noqa: BLE001
        _report("the checks ran", False, f"the checks stopped: {_describe_error(error)}", error)
    if not _reported:
        _report("the checks ran", False, "no check ran")



# A worker process started with "spawn" imports this file again: it must
# not run the checks a second time.
if __name__ == "__main__":
    main()
    if _out_of_memory:
        sys.stderr.write("MemoryError: your code asked for more memory than a run may use\n")
        sys.exit(1)
