"""The stepper's values and objects: how tracer.py writes what the
learner's names refer to. A value sits inline as [type name, text] or is the
small id of a heap object, drawn once as a box however many names refer to
it; an object is written in full only when it changed since it was last
written. Shipped beside tracer.py, which imports it.
"""

import collections
import operator
import types

FILENAME = "solution.py"
# Code object flags (the inspect module's, without importing it).
CO_OPTIMIZED = 0x1
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_GENERATOR = 0x20
# A value's text is cut to this many characters.
TEXT_LIMIT = 80
# A container shows this many elements, then how many more there are.
ITEMS_LIMIT = 50
# Objects drawn at one step; more are shown as text.
OBJECTS_LIMIT = 100

_PRIMITIVES = (int, float, complex, bool, str, bytes, type(None))
# Exactly these types (not subclasses): their repr is Python's own.
_NUMBERS = frozenset((int, float, bool, type(None)))
# Exactly these types: immutable, their repr never changes.
_IMMUTABLE_TEXT = frozenset((str, bytes, complex))


def cut_text(text):
    """`text` cut to TEXT_LIMIT characters, marked with an ellipsis."""
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "\u2026"


def _safe_repr(value):
    try:
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            return cut_text(repr(value[: TEXT_LIMIT + 2]))
        return cut_text(repr(value))
    except ValueError:
        if isinstance(value, int):
            # Python 3.11+ will not print an int of more than 4300 digits.
            return f"an int of about {int(value.bit_length() * 0.30103) + 1} digits"
        return f"<{type(value).__name__} object>"
    except Exception:  # noqa: BLE001 - a broken __repr__ must not stop the trace
        return f"<{type(value).__name__} object>"
is_same = operator.is_


class Heap:
    """The objects one step reaches, each encoded once."""

    def __init__(self, recorder):
        self.recorder = recorder
        self.order = []  # (small id, object) in the order first reached
        self.here = {}  # id(object) -> small id, this step
        # While an object is encoded: the heap objects its values refer
        # to, and whether its encoding depends only on what it holds.
        self.children = None
        self.is_stable = True

    def value(self, obj):
        kind = type(obj)
        if kind in _NUMBERS:
            try:
                text = repr(obj)
            except ValueError:
                text = _safe_repr(obj)
            return [kind.__name__, text if len(text) <= TEXT_LIMIT else cut_text(text)]
        if kind in _IMMUTABLE_TEXT:
            return [kind.__name__, _safe_repr(obj)]
        if isinstance(obj, _PRIMITIVES):
            self.is_stable = False  # a subclass: its repr may change
            return [kind.__name__, _safe_repr(obj)]
        oid = id(obj)
        small = self.here.get(oid)
        if small is None:
            if not _is_drawn(obj):
                text, is_fixed = _inline_text(obj)
                self.is_stable = self.is_stable and is_fixed
                return [kind.__name__, text]
            if len(self.order) >= OBJECTS_LIMIT:
                self.is_stable = False
                return [kind.__name__, cut_text(f"{_kind_of(obj)} (not drawn: too many objects)")]
            small = self.recorder.small_ids.setdefault(oid, len(self.recorder.small_ids) + 1)
            self.here[oid] = small
            self.order.append((small, obj))
        if self.children is not None:
            self.children.append((obj, small))
        return small

    def finish(self):
        """Encodes every object reached (encoding may reach more). An
        object that still holds the very same things as at the step before
        keeps its encoding: only its references are followed again."""
        recorder = self.recorder
        kept = recorder.kept
        now_kept = {}
        written = recorder.written
        entries = []
        index = 0
        while index < len(self.order):
            small, obj = self.order[index]
            index += 1
            state = _shallow(obj)
            before = kept.get(small)
            if (
                before is None
                or state is None
                or before[0] is not obj
                or before[1] != state[0]
                or len(before[2]) != len(state[1])
                or not all(map(is_same, before[2], state[1]))
                or not self.reach(before[4])
            ):
                self.children, self.is_stable = [], True
                encoded = self.encode(small, obj)
                if state is not None and self.is_stable:
                    now_kept[small] = (obj, state[0], state[1], encoded, self.children)
                self.children = None
            else:
                encoded = before[3]
                now_kept[small] = before
            last = written.get(small)
            if last is encoded or last == encoded:
                entries.append(small)
            else:
                written[small] = encoded
                entries.append(encoded)
        recorder.kept = now_kept
        return entries

    def reach(self, children):
        """Reaches `children` as encoding would; False when one of them
        would not get the same id now (too many objects)."""
        value = self.value
        return all(value(child) == small for child, small in children)

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


def _shallow(obj):
    """What `obj` holds, to tell cheaply whether it changed since a step
    before: (its type and size, the things it holds), each compared by
    identity; None for an object that is always encoded afresh."""
    kind = type(obj)
    if kind is list:
        return (kind, len(obj)), obj[:ITEMS_LIMIT]
    if kind is tuple or kind is frozenset:
        return (kind, 0), ()  # immutable: the same object holds the same things
    if kind is set:
        return (kind, len(obj)), tuple(obj)  # sorted in full when encoded
    if kind is dict:
        if len(obj) > ITEMS_LIMIT:
            return None
        return (kind, len(obj)), (*obj, *obj.values())
    if kind is types.FunctionType:
        return (kind, 0), (obj.__code__, obj.__name__)
    if isinstance(obj, type):
        attrs = obj.__dict__
        return (kind, len(attrs)), (*attrs, *attrs.values(), *obj.__bases__, obj.__name__)
    if _is_plain_instance(kind):
        attrs = getattr(obj, "__dict__", None)
        if type(attrs) is not dict:
            return None
        return (kind, len(attrs)), (*attrs, *attrs.values())
    return None


# The learner's classes whose instances are drawn from their __dict__ alone
# (no __slots__, not a container or class): they can be compared by what
# they hold.
_PLAIN_CLASSES = {}
_NOT_PLAIN_BASES = (list, tuple, set, frozenset, dict, collections.deque, type)


def _is_plain_instance(kind):
    plain = _PLAIN_CLASSES.get(kind)
    if plain is None:
        plain = (
            _is_learners(kind)
            and not hasattr(kind, "_member_map_")
            and not issubclass(kind, _NOT_PLAIN_BASES)
            and all("__slots__" not in k.__dict__ for k in kind.__mro__)
        )
        _PLAIN_CLASSES[kind] = plain
    return plain


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
    """The text of an object not drawn as a box, and whether it is fixed
    for that object (a name, not a repr that may change)."""
    if isinstance(obj, types.ModuleType):
        return f"module {obj.__name__}", True
    if isinstance(obj, type):
        return f"class {obj.__name__}", True
    if isinstance(obj, (types.BuiltinFunctionType, types.FunctionType)):
        return f"function {getattr(obj, '__name__', '?')}", True
    if isinstance(obj, types.MethodType):
        return f"method {getattr(obj.__func__, '__qualname__', '?')}", True
    if isinstance(obj, types.GeneratorType):
        return f"generator {obj.__name__}", True
    return _safe_repr(obj), False


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
    if code.co_flags & CO_VARARGS:
        names.insert(code.co_argcount, "*" + code.co_varnames[index])
        index += 1
    if code.co_flags & CO_VARKEYWORDS:
        names.append("**" + code.co_varnames[index])
    name = function.__name__ if function.__name__ != "<lambda>" else "lambda"
    return cut_text(f"{name}({', '.join(names)})")
