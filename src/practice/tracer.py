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
import collections
import json
import os
import sys
import traceback
import types

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


FILENAME = "solution.py"
TRACE = "trace.jsonl"
# A value's text is cut to this many characters.
TEXT_LIMIT = 80
# A container shows this many elements, then how many more there are.
ITEMS_LIMIT = 50
# Objects drawn at one step; more are shown as text.
OBJECTS_LIMIT = 100
# Frames shown at one step: the global frame and the newest calls.
FRAMES_LIMIT = 40

_CO_OPTIMIZED = 0x1
_CO_VARARGS = 0x4
_CO_VARKEYWORDS = 0x8
_CO_GENERATOR = 0x20

_PRIMITIVES = (int, float, complex, bool, str, bytes, type(None))
# Exactly these types (not subclasses): their repr is Python's own.
_NUMBERS = frozenset((int, float, bool, type(None)))
_NOT_TRACED_EXCEPTIONS = (StopIteration, StopAsyncIteration, GeneratorExit, SystemExit, KeyboardInterrupt)


def _cut(text):
    """`text` cut to TEXT_LIMIT characters, marked with an ellipsis."""
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "\u2026"


def _safe_repr(value):
    try:
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            return _cut(repr(value[: TEXT_LIMIT + 2]))
        return _cut(repr(value))
    except ValueError:
        if isinstance(value, int):
            # Python 3.11+ will not print an int of more than 4300 digits.
            return f"an int of about {int(value.bit_length() * 0.30103) + 1} digits"
        return f"<{type(value).__name__} object>"
    except Exception:  # noqa: BLE001 - a broken __repr__ must not stop the trace
        return f"<{type(value).__name__} object>"


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
        # id(frame) -> the line that frame was at when last seen.
        self.frame_lines = {}
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
        if not code.co_flags & _CO_OPTIMIZED and code.co_name != "<module>":
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
        heap = _Heap(self)
        frames, hidden = self.frames(frame, heap)
        if event == "return" and frame is not self.module_frame:
            frames[-1]["ret"] = heap.value(returned)
        step["frames"] = frames
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
            if code.co_filename == FILENAME and (code.co_flags & _CO_OPTIMIZED or code.co_name == "<module>"):
                stack.append(frame)
            frame = frame.f_back
        stack.reverse()
        hidden = 0
        if len(stack) > FRAMES_LIMIT:
            hidden = len(stack) - FRAMES_LIMIT
            stack = stack[:1] + stack[1 + hidden :]
        return [self.frame(f, heap) for f in stack], hidden

    def frame(self, frame, heap):
        code = frame.f_code
        if code.co_name == "<module>":
            names = [
                (name, value)
                for name, value in list(frame.f_globals.items())
                if not (name.startswith("__") and name.endswith("__"))
            ]
            return {"name": "<module>", "args": [], "vars": [[n, heap.value(v)] for n, v in names]}
        count = code.co_argcount + code.co_kwonlyargcount
        count += bool(code.co_flags & _CO_VARARGS) + bool(code.co_flags & _CO_VARKEYWORDS)
        args = list(code.co_varnames[:count])
        names = [
            [name, heap.value(value)]
            for name, value in list(frame.f_locals.items())
            if not name.startswith(".") and name != "__class__"
        ]
        result = {"name": getattr(code, "co_qualname", code.co_name), "args": args, "vars": names}
        if code.co_flags & _CO_GENERATOR:
            result["generator"] = True
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
        self.out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        # Each step at once: a run killed by a limit keeps every step
        # up to then (a program may sleep or block right after one).
        self.out.flush()


def _cut_message(error):
    try:
        return _cut(str(error))
    except Exception:  # noqa: BLE001
        return ""


class _Heap:
    """The objects one step reaches, each encoded once."""

    def __init__(self, recorder):
        self.recorder = recorder
        self.order = []  # (small id, object) in the order first reached
        self.here = {}  # id(object) -> small id, this step

    def value(self, obj):
        kind = type(obj)
        if kind in _NUMBERS:
            try:
                text = repr(obj)
            except ValueError:
                text = _safe_repr(obj)
            return [kind.__name__, text if len(text) <= TEXT_LIMIT else _cut(text)]
        if kind in _PRIMITIVES or isinstance(obj, _PRIMITIVES):
            return [kind.__name__, _safe_repr(obj)]
        oid = id(obj)
        small = self.here.get(oid)
        if small is not None:
            return small
        if not _is_drawn(obj):
            return [kind.__name__, _inline_text(obj)]
        if len(self.order) >= OBJECTS_LIMIT:
            return [kind.__name__, _cut(f"{_kind_of(obj)} (not drawn: too many objects)")]
        small = self.recorder.small_ids.setdefault(oid, len(self.recorder.small_ids) + 1)
        self.here[oid] = small
        self.order.append((small, obj))
        return small

    def finish(self):
        """Encodes every object reached (encoding may reach more)."""
        entries = []
        index = 0
        while index < len(self.order):
            small, obj = self.order[index]
            index += 1
            encoded = self.encode(small, obj)
            if self.recorder.written.get(small) == encoded:
                entries.append(small)
            else:
                self.recorder.written[small] = encoded
                entries.append(encoded)
        return entries

    def encode(self, small, obj):
        kind = _kind_of(obj)
        result = {"id": small, "kind": kind, "type": type(obj).__name__}
        if kind in ("list", "tuple", "set"):
            if kind == "set":
                items = _sorted_if_possible(obj)
            elif isinstance(obj, (list, tuple)):
                items = obj
            else:
                items = list(obj)  # a deque: copied, so a thread cannot change it under us
            shown = []
            for item in items:
                if len(shown) == ITEMS_LIMIT:
                    break
                shown.append(self.value(item))
            result["items"] = shown
            _more(result, len(obj))
        elif kind == "dict":
            entries = []
            for key, item in list(obj.items()):
                if len(entries) == ITEMS_LIMIT:
                    break
                entries.append([self.value(key), self.value(item)])
            result["entries"] = entries
            _more(result, len(obj))
        elif kind == "record":
            result["attrs"] = [[name, self.value(getattr(obj, name, None))] for name in obj._fields[:ITEMS_LIMIT]]
            _more(result, len(obj._fields))
        elif kind == "instance":
            attrs = _attributes(obj)
            result["attrs"] = [[name, self.value(value)] for name, value in attrs[:ITEMS_LIMIT]]
            _more(result, len(attrs))
        elif kind == "class":
            result["label"] = obj.__name__
            bases = [base.__name__ for base in obj.__bases__ if base is not object]
            if bases:
                result["bases"] = bases
            attrs = [(n, v) for n, v in vars(obj).items() if not (n.startswith("__") and n.endswith("__"))]
            result["attrs"] = [[name, self.value(value)] for name, value in attrs[:ITEMS_LIMIT]]
            _more(result, len(attrs))
        elif kind == "function":
            result["label"] = _signature(obj)
        return result


def _more(result, length):
    if length > ITEMS_LIMIT:
        result["more"] = length - ITEMS_LIMIT


def _sorted_if_possible(items):
    try:
        return sorted(items)
    except Exception:  # noqa: BLE001 - mixed types keep the set's own order
        return list(items)


def _is_learners(kind):
    return getattr(kind, "__module__", None) == "__main__"


def _kind_of(obj):
    if isinstance(obj, type):
        return "class"
    if isinstance(obj, types.FunctionType):
        return "function"
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return "record"
    if isinstance(obj, (list, collections.deque)):
        return "list"
    if isinstance(obj, tuple):
        return "tuple"
    if isinstance(obj, (set, frozenset)):
        return "set"
    if isinstance(obj, dict):
        return "dict"
    return "instance"


def _is_drawn(obj):
    """Containers, the learner's functions, classes and their instances are
    boxes; anything else (modules, built-ins, the standard library's own
    objects) sits inline as text."""
    if isinstance(obj, (list, tuple, set, frozenset, dict, collections.deque)):
        return True
    if isinstance(obj, types.FunctionType):
        return obj.__code__.co_filename == FILENAME
    if isinstance(obj, type):
        return _is_learners(obj)
    kind = type(obj)
    if not _is_learners(kind) or hasattr(kind, "_member_map_"):
        return False  # an enum member reads best as its name
    return True


def _inline_text(obj):
    if isinstance(obj, types.ModuleType):
        return f"module {obj.__name__}"
    if isinstance(obj, type):
        return f"class {obj.__name__}"
    if isinstance(obj, (types.BuiltinFunctionType, types.FunctionType)):
        return f"function {getattr(obj, '__name__', '?')}"
    if isinstance(obj, types.MethodType):
        return f"method {getattr(obj.__func__, '__qualname__', '?')}"
    if isinstance(obj, types.GeneratorType):
        return f"generator {obj.__name__}"
    return _safe_repr(obj)


def _attributes(obj):
    try:
        attrs = list(vars(obj).items())
    except TypeError:
        attrs = []
    for kind in type(obj).__mro__:
        slots = kind.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in ("__dict__", "__weakref__") and hasattr(obj, name):
                attrs.append((name, getattr(obj, name)))
    return attrs


def _signature(function):
    code = function.__code__
    count = code.co_argcount + code.co_kwonlyargcount
    names = list(code.co_varnames[:count])
    index = count
    if code.co_flags & _CO_VARARGS:
        names.insert(code.co_argcount, "*" + code.co_varnames[index])
        index += 1
    if code.co_flags & _CO_VARKEYWORDS:
        names.append("**" + code.co_varnames[index])
    name = function.__name__ if function.__name__ != "<lambda>" else "lambda"
    return _cut(f"{name}({', '.join(names)})")


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
