"""pyroadmap's stepper: runs the learner's solution.py once under
sys.settrace and records every step into trace.jsonl, one JSON object a
line, so the app can step back and forth without running Python again.

    {"kind": "step", "event": "line", "line": 4, "done": 3, "next": 4,
     "frames": [...], "heap": [...], "printed": "...", "hidden_frames": 0,
     "exception": {"type": ..., "message": ...}}
    {"kind": "end", "how": "finished" | "step_limit" | "exception" | "exit",
     "limit": 1000, "exit_code": 0, "step": 12, "exception": {...}}

- A value is [type name, text] when it sits inline (numbers, strings, None,
  booleans, anything not drawn as a box) or the small id of a heap object.
- A frame is {"name", "args", "vars": [[name, value], ...], "ret"}; the
  global frame first, then one per active call of the learner's code.
- "heap" lists the objects the frames reach, in order: a bare id when the
  object is drawn as it was at its last step, the whole object when it is
  new or changed. Each object is drawn once, however many names refer to it.
- "printed" is what stdout got since the step before.
- A step is recorded before a line runs ("line"), when a function returns
  ("return", the value in its frame's "ret") and where an exception is
  raised ("exception"). The end record says how the run ended; for an
  uncaught exception it names the step where it was raised and carries the
  plain-words explanation when explain.py is there.

Only code compiled from solution.py is traced: the standard library and
packages run at full speed. The learner's prints still reach stdout (the
run's output cap applies), input() reads stdin, and a program that takes
more than MAX_STEPS steps is stopped there, keeping the steps so far.

Run as: python -X utf8 -u tracer.py [MAX_STEPS]   (in the folder holding
solution.py).
"""

import builtins
import json
import os
import sys
import types

from trace_heap import CO_GENERATOR, CO_OPTIMIZED, CO_VARARGS, CO_VARKEYWORDS, FILENAME, Heap, cut_text, is_same

# explain.py (beside this file) is imported only when an exception needs
# explaining: it takes longer to import than most programs take to run.
_HERE = os.path.dirname(os.path.abspath(__file__))


def _explainer():
    """explain.explain, or None when explain.py is not there."""
    if _HERE not in sys.path:
        sys.path.insert(0, _HERE)
    try:
        from explain import explain
    except ImportError:
        return None
    return explain


TRACE = "trace.jsonl"
# Frames shown at one step: the global frame and the newest calls.
FRAMES_LIMIT = 40

_NOT_TRACED_EXCEPTIONS = (StopIteration, StopAsyncIteration, GeneratorExit, SystemExit, KeyboardInterrupt)


class _Tee:
    """stdout for the learner: writes through to the real stdout and keeps
    what was written since the last step."""

    def __init__(self, real):
        self.real = real
        self.pending = []

    def write(self, text):
        written = self.real.write(text)
        self.pending.append(text)
        return written

    def flush(self):
        self.real.flush()

    def take(self):
        text = "".join(self.pending)
        self.pending.clear()
        return text

    def __getattr__(self, name):
        return getattr(self.real, name)


class Recorder:
    """Records the learner's program, step by step."""

    def __init__(self, source, max_steps, out, tee):
        self.source = source
        self.max_steps = max_steps
        self.out = out
        self.tee = tee
        self.steps = 0
        # id(object) -> small id, kept for the whole run so a box keeps its
        # number from step to step.
        self.small_ids = {}
        # small id -> the object as it was last written.
        self.written = {}
        # small id -> (object, type and size, what it held, its encoding,
        # the heap objects it refers to) for the objects of the step before.
        self.kept = {}
        # id(frame) -> the line that frame was at when last seen.
        self.frame_lines = {}
        # id(frame) -> (frame, what its names were bound to, their
        # encoding, the heap objects they refer to), for the step before.
        self.kept_frames = {}
        # Each frame's names as last written, by its place in the step.
        self.written_vars = []
        # code object -> (its name, its parameter names).
        self.code_info = {}
        # Frames an exception is passing through (their return is not a return).
        self.unwinding = set()
        # The exception recorded last and its step: one exception passes
        # through every frame it leaves, but is recorded where it was raised.
        # (Only the last is held: ids of dead exceptions are reused.)
        self.last_error = None
        self.last_error_step = None
        self.module_frame = None
        # False in a process the program forked: only the program's own
        # process records (a worker must not write into the same file).
        self.is_active = True

    # --- sys.settrace callbacks ---

    def global_trace(self, frame, event, arg):
        """Called on every new frame: trace the learner's file only."""
        code = frame.f_code
        if code.co_filename != FILENAME or not self.is_active:
            return None
        if not code.co_flags & CO_OPTIMIZED and code.co_name != "<module>":
            return None  # a class body: its methods are traced when called
        if self.module_frame is None and code.co_name == "<module>":
            self.module_frame = frame
        return self.local_trace

    def local_trace(self, frame, event, arg):
        if not self.is_active:
            return None
        try:
            self.on_event(frame, event, arg)
        except Exception as problem:  # noqa: BLE001 - a tracer bug must not reach the learner's code
            # The app counts this line as unreadable (tests fail on it).
            self.write({"kind": "problem", "text": f"{type(problem).__name__}: {problem}"})
        return self.local_trace

    def on_event(self, frame, event, arg):
        if event == "line":
            self.unwinding.discard(id(frame))
            self.record("line", frame)
        elif event == "return":
            if id(frame) in self.unwinding:
                self.unwinding.discard(id(frame))
            else:
                self.record("return", frame, returned=arg)
            self.frame_lines.pop(id(frame), None)
        elif event == "exception":
            error = arg[1]
            self.unwinding.add(id(frame))
            if not isinstance(error, _NOT_TRACED_EXCEPTIONS) and error is not self.last_error:
                self.last_error, self.last_error_step = error, self.steps
                self.record("exception", frame, error=error)

    # --- steps ---

    def record(self, event, frame, returned=None, error=None):
        if self.steps >= self.max_steps:
            self.stop_at_limit()
        line = frame.f_lineno
        key = id(frame)
        done = self.frame_lines.get(key)
        if done is None and frame.f_back is not None and frame.f_back.f_code.co_filename == FILENAME:
            done = frame.f_back.f_lineno
        step = {"kind": "step", "event": event, "line": line}
        if event == "line":
            step["done"], step["next"] = done, line
        else:
            step["done"] = line
            caller = frame.f_back
            if event == "return" and caller is not None and caller.f_code.co_filename == FILENAME:
                step["next"] = caller.f_lineno
        self.frame_lines[key] = line
        heap = Heap(self)
        frames, hidden = self.frames(frame, heap)
        if event == "return" and frame is not self.module_frame:
            frames[-1]["ret"] = heap.value(returned)
        step["frames"] = self.same_as_before(frames)
        step["heap"] = heap.finish()
        if hidden:
            step["hidden_frames"] = hidden
        printed = self.tee.take()
        if printed:
            step["printed"] = printed
        if error is not None:
            step["exception"] = {"type": type(error).__name__, "message": _cut_message(error)}
        self.write(step)
        self.steps += 1

    def frames(self, frame, heap):
        """The learner's active frames, global first, and how many calls
        were left out in the middle of a deep recursion."""
        stack = []
        while frame is not None:
            code = frame.f_code
            if code.co_filename == FILENAME and (code.co_flags & CO_OPTIMIZED or code.co_name == "<module>"):
                stack.append(frame)
            frame = frame.f_back
        stack.reverse()
        hidden = 0
        if len(stack) > FRAMES_LIMIT:
            hidden = len(stack) - FRAMES_LIMIT
            stack = stack[:1] + stack[1 + hidden :]
        kept, self.kept_frames = self.kept_frames, {}
        return [self.frame(f, heap, kept) for f in stack], hidden

    def frame(self, frame, heap, kept):
        """One frame; its names are encoded again only when they are bound
        to other objects than at the step before."""
        code = frame.f_code
        is_module = code.co_name == "<module>"
        names = frame.f_globals if is_module else frame.f_locals
        state = (*names, *names.values())
        before = kept.get(id(frame))
        if (
            before is not None
            and before[0] is frame
            and len(before[1]) == len(state)
            and all(map(is_same, before[1], state))
            and heap.reach(before[3])
        ):
            encoded = before[2]
            self.kept_frames[id(frame)] = before
        else:
            heap.children, heap.is_stable = [], True
            if is_module:
                encoded = [
                    [name, heap.value(value)]
                    for name, value in names.items()
                    if not (name.startswith("__") and name.endswith("__"))
                ]
            else:
                encoded = [
                    [name, heap.value(value)]
                    for name, value in names.items()
                    if not name.startswith(".") and name != "__class__"
                ]
            if heap.is_stable:
                self.kept_frames[id(frame)] = (frame, state, encoded, heap.children)
            heap.children = None
        if is_module:
            return {"name": "<module>", "args": [], "vars": encoded}
        info = self.code_info.get(code)
        if info is None:
            count = code.co_argcount + code.co_kwonlyargcount
            count += bool(code.co_flags & CO_VARARGS) + bool(code.co_flags & CO_VARKEYWORDS)
            info = (getattr(code, "co_qualname", code.co_name), list(code.co_varnames[:count]))
            self.code_info[code] = info
        result = {"name": info[0], "args": info[1], "vars": encoded}
        if code.co_flags & CO_GENERATOR:
            result["generator"] = True
        return result

    def same_as_before(self, frames):
        """`frames` as written: a frame whose names and values are as in
        the frame at the same place in the step before says "same"."""
        written = self.written_vars
        self.written_vars = [f["vars"] for f in frames]
        result = []
        for index, frame in enumerate(frames):
            if index < len(written) and (written[index] is frame["vars"] or written[index] == frame["vars"]):
                frame = dict(frame, same=True)
                del frame["vars"]
            result.append(frame)
        return result

    def forked(self):
        """In a child process the program forked (a process pool worker):
        run untraced, printing straight to stdout."""
        self.is_active = False
        sys.settrace(None)
        sys.stdout = self.tee.real

    def stop_at_limit(self):
        """Ends the run here, keeping the steps so far. Not a normal exit:
        the learner's except and finally blocks and atexit handlers must
        not run on (an exception could be caught by their code)."""
        sys.settrace(None)
        self.tee.flush()
        self.write({"kind": "end", "how": "step_limit", "limit": self.max_steps})
        self.out.close()
        os._exit(0)

    def write(self, record):
        self.out.write(_encode_json(record) + "\n")
        # Each step at once: a run killed by a limit keeps every step
        # up to then (a program may sleep or block right after one).
        self.out.flush()


# One encoder for every line (json.dumps with options builds a new one each call).
_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _cut_message(error):
    try:
        return cut_text(str(error))
    except Exception:  # noqa: BLE001
        return ""


def _learner_traceback(error):
    """The traceback from the learner's first frame on (not the tracer's)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != FILENAME:
        tb = tb.tb_next
    return tb


def _describe(error, source):
    """The exception as the end record carries it, explained if we can."""
    line = None
    tb = _learner_traceback(error)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.filename == FILENAME:
        line = error.lineno
    result = {"type": type(error).__name__, "message": _cut_message(error), "line": line}
    explain = _explainer()
    if explain is not None:
        try:
            try:
                # The stepper shows the exception's message, not Python's
                # traceback with its own "Did you mean" suggestions.
                explained = explain(error, FILENAME, source, traceback_shown=False)
            except TypeError:
                explained = explain(error, FILENAME, source)
        except Exception:  # noqa: BLE001 - an explainer bug leaves the traceback alone
            explained = None
        if isinstance(explained, dict):
            where = explained.get("line")
            result["explanation"] = {
                "what": str(explained.get("what") or ""),
                "line": where if isinstance(where, int) and where > 0 else line,
                "fix": str(explained.get("fix") or ""),
            }
    return result


def main():
    max_steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with open(FILENAME, encoding="utf-8") as file:
        source = file.read()
    out = open(TRACE, "w", encoding="utf-8", errors="replace")
    real_stdout = sys.stdout
    tee = _Tee(real_stdout)
    recorder = Recorder(source, max_steps, out, tee)

    def end(how, **fields):
        recorder.write(dict({"kind": "end", "how": how}, **fields))
        out.close()

    try:
        code = compile(source, FILENAME, "exec")
    except (SyntaxError, ValueError) as error:
        import traceback  # noqa: PLC0415 - only an error needs it (it is slow to import)

        traceback.print_exception(type(error), error, None)
        line = getattr(error, "lineno", None) or 1
        recorder.write({"kind": "step", "event": "exception", "line": line, "done": line, "frames": [], "heap": [],
                        "exception": {"type": type(error).__name__, "message": _cut_message(error)}})
        end("exception", step=0, exception=_describe(error, source))
        sys.exit(1)

    module = types.ModuleType("__main__")
    module.__file__ = FILENAME
    module.__builtins__ = builtins
    own_main = sys.modules["__main__"]
    sys.modules["__main__"] = module
    sys.argv = [FILENAME]
    sys.stdout = tee
    error = None
    exit_code = 0
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=recorder.forked)
    sys.settrace(recorder.global_trace)
    try:
        exec(code, module.__dict__)
    except SystemExit as leaving:
        code_value = leaving.code
        if code_value is None or isinstance(code_value, int):
            exit_code = code_value or 0
        else:
            print(code_value, file=sys.stderr)
            exit_code = 1
    except BaseException as caught:  # noqa: BLE001 - every failure is reported
        error = caught
    finally:
        sys.settrace(None)
        sys.stdout = real_stdout
        sys.modules["__main__"] = own_main
    if error is not None:
        import traceback  # noqa: PLC0415 - only an error needs it (it is slow to import)

        traceback.print_exception(type(error), error, _learner_traceback(error))
        step = recorder.last_error_step if error is recorder.last_error else None
        end("exception", step=step, exception=_describe(error, source))
        sys.stderr.flush()
        sys.exit(1)
    end("exit" if exit_code else "finished", exit_code=exit_code)
    sys.exit(exit_code)


# A worker process started with "spawn" imports this file again: it must
# not run the program a second time.
if __name__ == "__main__":
    main()
