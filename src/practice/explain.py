"""pyroadmap's error explainer: turns the exception a learner's program
ended with into one plain sentence about what happened and one about how to
fix it, using the real names and values from their code.

    explain(exc, filename, source) -> {"what": str, "line": int | None, "fix": str} | None

It reads the exception object, the names of the learner's frame (its
locals and globals, the builtins, sys.stdlib_module_names) and the source,
never only the message. It returns None when no rule applies: a wrong
explanation is worse than none. What Python itself already suggests on
the last line of the traceback ("Did you mean ...?") is not said again.

Text between backticks is code; the app shows it as inline code.
Runs on Python 3.8+ (the course targets 3.11-3.15).
"""

import ast
import builtins
import difflib
import io
import os
import re
import sys

__all__ = ["explain"]

# Methods and functions that change something in place and return None.
_RETURNS_NONE = {
    "sort": "sorted({obj})",
    "reverse": "list(reversed({obj}))",
    "append": None,
    "extend": None,
    "insert": None,
    "remove": None,
    "clear": None,
    "update": None,
    "add": None,
    "discard": None,
    "shuffle": None,
    "print": None,
}

# Names learners bring from other languages, and what Python calls them.
_OTHER_LANGUAGES = {
    "push": "append",
    "length": "len({obj})",
    "size": "len({obj})",
    "len": "len({obj})",
    "contains": "`x in {obj}`",
    "has_key": "`key in {obj}`",
    "toUpperCase": "upper",
    "toLowerCase": "lower",
    "trim": "strip",
}

# Import names whose pip package has another name.
_PIP_NAMES = {
    "cv2": "opencv-python",
    "PIL": "pillow",
    "sklearn": "scikit-learn",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "serial": "pyserial",
    "Crypto": "pycryptodome",
    "attr": "attrs",
}

_MAX_VALUE = 40


def explain(exc, filename, source, *, traceback_shown=True):
    """The explanation of `exc`, raised by the learner's `filename` whose
    text is `source`, or None. `traceback_shown` says whether the learner
    sees Python's own traceback (then Python's suggestions are not
    repeated); the checker shows only the message."""
    try:
        context = _Context(exc, filename, source, traceback_shown)
        if context.lineno is None:
            return None
        for rule in _RULES:
            if isinstance(exc, rule[0]):
                found = rule[1](context)
                if found:
                    what, fix = found
                    return {"what": what, "line": context.lineno, "fix": fix}
        return None
    except Exception:  # noqa: BLE001 - an explainer bug must never hide the error
        return None


class _Context:
    """What the rules read: the exception, the learner's frame and line."""

    def __init__(self, exc, filename, source, traceback_shown):
        self.exc = exc
        self.filename = filename
        self.source = source if isinstance(source, str) else source.decode("utf-8", "replace")
        self.lines = self.source.splitlines()
        self.frame = None
        self.frames = []
        self.lineno = None
        if isinstance(exc, SyntaxError):
            if exc.filename is not None and _same_file(exc.filename, filename):
                self.lineno = exc.lineno
        else:
            tb = exc.__traceback__
            while tb is not None:
                if _same_file(tb.tb_frame.f_code.co_filename, filename):
                    self.frames.append(tb.tb_frame)
                    self.frame, self.lineno = tb.tb_frame, tb.tb_lineno
                tb = tb.tb_next
        self.python_text = _python_text(exc) if traceback_shown else str(exc)
        self._tree = False

    @property
    def line(self):
        if self.lineno is None or not 0 < self.lineno <= len(self.lines):
            return ""
        return self.lines[self.lineno - 1]

    @property
    def tree(self):
        if self._tree is False:
            try:
                self._tree = ast.parse(self.source)
            except (SyntaxError, ValueError):
                self._tree = None
        return self._tree

    def python_suggests(self):
        """Whether Python's own text already offers a suggestion."""
        text = self.python_text
        return any(
            phrase in text
            for phrase in ("Did you mean", "Did you forget to import", "Maybe you meant", "consider renaming")
        )

    def nodes_on_line(self, kind):
        """AST nodes of `kind` that start on the error's line, outermost first."""
        if self.tree is None:
            return []
        found = [n for n in ast.walk(self.tree) if isinstance(n, kind) and getattr(n, "lineno", None) == self.lineno]
        return found

    def segment(self, node):
        text = ast.get_source_segment(self.source, node)
        return text if text is not None else ""

    def names(self):
        """The names the learner's frame sees: locals, globals, builtins."""
        names = {}
        if self.frame is not None:
            names.update(vars(builtins))
            names.update(self.frame.f_globals)
            names.update(self.frame.f_locals)
        return names

    def lookup(self, name):
        """(found, value) of `name` in the learner's frame."""
        if self.frame is None:
            return False, None
        for scope in (self.frame.f_locals, self.frame.f_globals, vars(builtins)):
            if name in scope:
                return True, scope[name]
        return False, None

    def value_of(self, node):
        """(found, value) of a simple expression, without running code:
        names, attributes of names, constants, -x and + - * // of those,
        and subscripts by constants."""
        if isinstance(node, ast.Constant):
            return True, node.value
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            # Only values stored on the object: reading a property would
            # run the learner's code again.
            found, value = self.value_of(node.value)
            stored = getattr(value, "__dict__", None) if found else None
            if isinstance(stored, dict) and node.attr in stored:
                return True, stored[node.attr]
            return False, None
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            found, value = self.value_of(node.operand)
            if found and isinstance(value, (int, float)) and not isinstance(value, bool):
                return True, -value
            return False, None
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv)):
            left_found, left = self.value_of(node.left)
            right_found, right = self.value_of(node.right)
            numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
            if left_found and right_found and numbers:
                if isinstance(node.op, ast.Add):
                    return True, left + right
                if isinstance(node.op, ast.Sub):
                    return True, left - right
                if isinstance(node.op, ast.Mult):
                    return True, left * right
                if right != 0:
                    return True, left // right
            return False, None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
            found, value = self.value_of(node.args[0])
            if found and isinstance(value, (list, tuple, str, dict, set, range)):
                return True, len(value)
        return False, None

    def assignments(self, name):
        """(line, value node) of each plain `name = value` in the source."""
        if self.tree is None:
            return []
        found = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        found.append((node.lineno, node.value))
        return sorted(found, key=lambda pair: pair[0])


def _same_file(a, b):
    if a == b:
        return True
    try:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
    except (TypeError, ValueError):
        return False


def _python_text(exc):
    """What Python prints for `exc` on this version, suggestions included."""
    captured = io.StringIO()
    old = sys.stderr
    sys.stderr = captured
    try:
        sys.__excepthook__(type(exc), exc, exc.__traceback__)
    except Exception:  # noqa: BLE001
        return str(exc)
    finally:
        sys.stderr = old
    return captured.getvalue()


def _code(text):
    """`text` as inline code."""
    return "`" + str(text).replace("`", "'") + "`"


def _value(value):
    """A value as the learner would write it, cut to a readable length.
    Only built-in values are shown: a learner's __repr__ is not run."""
    if type(value).__module__ != "builtins":
        return _code(type(value).__name__ + " object")
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = "<" + type(value).__name__ + ">"
    if len(text) > _MAX_VALUE:
        text = text[: _MAX_VALUE - 3] + "..."
    return _code(text)


def _described(code, value, node):
    """'`age` is a whole number (an int) `30`'; a literal is not shown twice."""
    if isinstance(node, ast.Constant):
        return "{c} is {w}".format(c=_code(code), w="text" if isinstance(value, str) else _type_words(value))
    if isinstance(value, str):
        return "{c} is the text {v}".format(c=_code(code), v=_value(value))
    return "{c} is {w} {v}".format(c=_code(code), w=_type_words(value), v=_value(value))


def _a(type_name):
    """'an int', 'a str'."""
    return ("an " if type_name[:1].lower() in "aeiou" else "a ") + type_name


def _type_words(value):
    names = {
        "str": "text (a str)",
        "int": "a whole number (an int)",
        "float": "a decimal number (a float)",
        "list": "a list",
        "dict": "a dict",
        "tuple": "a tuple",
        "set": "a set",
        "NoneType": "None",
        "bool": "a bool",
    }
    name = type(value).__name__
    return names.get(name, _a(name))


def _close(word, candidates, cutoff=0.75):
    """The candidate closest to `word` by spelling, or None."""
    candidates = [c for c in candidates if isinstance(c, str) and c != word and not c.startswith("__")]
    for candidate in candidates:
        if candidate.lower() == word.lower():
            return candidate
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return found[0] if found else None


def _stdlib_modules():
    return set(getattr(sys, "stdlib_module_names", ()))


# --- NameError -----------------------------------------------------------


def _name_error_name(exc):
    name = getattr(exc, "name", None)
    if name:
        return name
    match = re.search(r"name '(\w+)' is not defined", str(exc))
    return match.group(1) if match else None


def _bound_names(tree):
    """Every name the code binds anywhere: assignments, defs, imports, loops."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.setdefault(node.id, []).append(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.setdefault(node.name, []).append(node)
            for arg in node.args.args + node.args.kwonlyargs if not isinstance(node, ast.ClassDef) else []:
                bound.setdefault(arg.arg, []).append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.setdefault((alias.asname or alias.name).split(".")[0], []).append(node)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.setdefault(node.name, []).append(node)
    return bound


def _enclosing_function(tree, node):
    """The def that contains `node`, or None."""
    best = None
    for candidate in ast.walk(tree):
        if isinstance(candidate, (ast.FunctionDef, ast.AsyncFunctionDef)):
            end = getattr(candidate, "end_lineno", candidate.lineno)
            if candidate.lineno <= node.lineno <= end and candidate is not node:
                if best is None or candidate.lineno > best.lineno:
                    best = candidate
    return best


def _explain_unbound_local(cx):
    exc = cx.exc
    match = re.search(r"local variable '(\w+)'", str(exc))
    if not match or cx.frame is None:
        return None
    name = match.group(1)
    function = cx.frame.f_code.co_name
    what = (
        "Your function {f} assigns to {n}, which makes {n} a local name everywhere in {f}, "
        "so line {line} reads the local {n} before it has a value."
    ).format(f=_code(function + "()"), n=_code(name), line=cx.lineno)
    outer = cx.frame.f_back
    is_module_level = name in cx.frame.f_globals
    is_enclosing = (
        outer is not None
        and outer.f_code.co_name != "<module>"
        and _same_file(outer.f_code.co_filename, cx.filename)
        and name in outer.f_locals
    )
    if is_enclosing:
        fix = (
            "To change the {n} of the function around it, write {decl} as the first line of {f}; "
            "or pass {n} in as an argument and return the new value."
        ).format(n=_code(name), decl=_code("nonlocal " + name), f=_code(function + "()"))
    elif is_module_level:
        fix = (
            "Pass {n} in as an argument and return the new value (clearest), "
            "or write {decl} as the first line of {f} to change the global {n}."
        ).format(n=_code(name), decl=_code("global " + name), f=_code(function + "()"))
    else:
        fix = "Give {n} a value in {f} before line {line} reads it.".format(
            n=_code(name), f=_code(function + "()"), line=cx.lineno
        )
    return what, fix


def _explain_name_error(cx):
    if isinstance(cx.exc, UnboundLocalError):
        return _explain_unbound_local(cx)
    name = _name_error_name(cx.exc)
    if not name or cx.frame is None:
        return None
    tree = cx.tree
    bound = _bound_names(tree) if tree is not None else {}
    suggested = cx.python_suggests()
    if name in _stdlib_modules() and name not in bound:
        what = "{n} is a module of Python's standard library, but your code uses it without importing it.".format(
            n=_code(name)
        )
        if suggested:
            fix = "Put the import at the top of your file, above line {line}, so it runs before the first use.".format(
                line=cx.lineno
            )
        else:
            fix = "Add {imp} at the top of your file, above line {line}.".format(
                imp=_code("import " + name), line=cx.lineno
            )
        return what, fix
    # Bound later in the same scope: used before it is defined.
    later = sorted(
        {n.lineno for n in bound.get(name, []) if getattr(n, "lineno", 0) > cx.lineno}
    )
    frame_is_module = cx.frame.f_code.co_name == "<module>"
    earlier = [n for n in bound.get(name, []) if 0 < getattr(n, "lineno", 0) <= cx.lineno]
    if later and frame_is_module and not earlier:
        defined_in = [n for n in bound.get(name, []) if n.lineno == later[0]]
        inside = _enclosing_function(tree, defined_in[0]) if defined_in else None
        if inside is None:
            what = "{n} gets its value on line {later}, but line {line} uses it first: Python runs the lines from top to bottom.".format(
                n=_code(name), later=later[0], line=cx.lineno
            )
            fix = "Move the line that defines {n} above line {line}.".format(n=_code(name), line=cx.lineno)
            return what, fix
    # Only bound inside a function: a local name used outside it.
    nodes = bound.get(name, [])
    if nodes and frame_is_module and tree is not None:
        functions = {(_enclosing_function(tree, n) or tree) for n in nodes if hasattr(n, "lineno")}
        if tree not in functions and len(functions) == 1:
            function = functions.pop()
            if getattr(function, "name", None) not in (None, name):
                what = "{n} exists only inside the function {f}: names made in a function disappear when it returns.".format(
                    n=_code(name), f=_code(function.name + "()")
                )
                fix = "Return {n} from {f} and keep the result, e.g. {example}.".format(
                    n=_code(name), f=_code(function.name + "()"), example=_code(name + " = " + function.name + "(...)")
                )
                return what, fix
    own = [n for n, v in cx.names().items() if n not in vars(builtins) and type(v).__name__ != "module"]
    close = _close(name, own)
    if close is None and not (name not in bound and _looks_like_text(cx, name)):
        close = _close(name, vars(builtins).keys(), cutoff=0.85)
    if close is not None:
        what = "Python does not know the name {n}: nothing in your code gave it a value before line {line}.".format(
            n=_code(name), line=cx.lineno
        )
        if suggested:
            fix = "Fix the spelling: the last line of the error names the one Python thinks you meant."
        else:
            fix = "Did you mean {c}? Names must match exactly, capital letters included.".format(c=_code(close))
        return what, fix
    if name not in bound and _looks_like_text(cx, name):
        what = "{n} has no quotes, so Python reads it as the name of a variable, and there is no variable {n}.".format(
            n=_code(name)
        )
        fix = "If you meant the text {n}, put it in quotes: {q}.".format(n=name, q=_code(repr(name)))
        return what, fix
    if name not in bound and not suggested:
        what = "Python does not know the name {n}: nothing in your code gives it a value (no {assign}, {d} or {i}).".format(
            n=_code(name), assign=_code(name + " = ..."), d=_code("def " + name), i=_code("import " + name)
        )
        fix = "Give {n} a value before line {line}, or check the spelling against the names you did define.".format(
            n=_code(name), line=cx.lineno
        )
        return what, fix
    return None


def _looks_like_text(cx, name):
    """Whether the bare word sits where text usually goes: an argument of
    print/input, one side of ==/!=/in, a list item, or the value of `x = word`."""
    for node in cx.nodes_on_line(ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("print", "input"):
            if any(isinstance(a, ast.Name) and a.id == name for a in node.args):
                return True
    for node in cx.nodes_on_line(ast.Compare):
        sides = [node.left] + list(node.comparators)
        is_equality = all(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in node.ops)
        if is_equality and any(isinstance(s, ast.Name) and s.id == name for s in sides):
            return True
    for node in cx.nodes_on_line((ast.List, ast.Tuple, ast.Set)):
        if any(isinstance(e, ast.Name) and e.id == name for e in node.elts):
            return True
    for node in cx.nodes_on_line(ast.Assign):
        if isinstance(node.value, ast.Name) and node.value.id == name:
            return True
    return False


# --- SyntaxError ---------------------------------------------------------

_BRACKETS = {"(": ")", "[": "]", "{": "}"}


def _unclosed_bracket(source):
    """(bracket, line) of a bracket that is never closed, or None."""
    import tokenize

    stack = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.OP:
                if token.string in _BRACKETS:
                    stack.append((token.string, token.start[0]))
                elif token.string in _BRACKETS.values():
                    if not stack or _BRACKETS[stack[-1][0]] != token.string:
                        return None
                    stack.pop()
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return stack[-1] if stack else None


def _explain_syntax_error(cx):
    exc = cx.exc
    msg = exc.msg or ""
    text = (exc.text or cx.line or "").rstrip("\r\n")
    stripped = text.strip()
    if isinstance(exc, TabError):
        tabbed = [i + 1 for i, line in enumerate(cx.lines) if line[: len(line) - len(line.lstrip())].count("\t")]
        spaced = [i + 1 for i, line in enumerate(cx.lines) if line.startswith(" ")]
        what = "Some lines are indented with tabs (line {t}) and others with spaces (line {s}), and Python cannot tell how they line up.".format(
            t=tabbed[0] if tabbed else "?", s=spaced[0] if spaced else cx.lineno
        )
        fix = "Indent every line with spaces only, 4 per level (the editor's Tab key inserts spaces)."
        return what, fix
    if isinstance(exc, IndentationError):
        match = re.match(r"expected an indented block after (.*?) on line (\d+)", msg)
        if match or msg.startswith("expected an indented block"):
            opener = match.group(2) if match else str(max(cx.lineno - 1, 1))
            what = "Line {o} ends with a colon, so Python expects the lines under it to be indented, but line {line} is not.".format(
                o=opener, line=cx.lineno
            )
            fix = "Indent the body of line {o} by 4 spaces more than line {o} itself (and if it should be empty for now, write {p}).".format(
                o=opener, p=_code("pass")
            )
            return what, fix
        if msg.startswith("unexpected indent"):
            what = "Line {line} is indented more than the line before it, but only the lines after a colon (if, for, def, ...) may be indented.".format(
                line=cx.lineno
            )
            fix = "Remove the spaces at the start of line {line} so it lines up with the line above.".format(line=cx.lineno)
            return what, fix
        if msg.startswith("unindent does not match"):
            what = "Line {line} is indented by a number of spaces that matches none of the lines above it.".format(
                line=cx.lineno
            )
            fix = "Line it up exactly with the block it belongs to (count the spaces: usually a multiple of 4)."
            return what, fix
        return None
    if msg == "expected ':'":
        keyword = stripped.split(" ")[0].split("(")[0]
        what = "Line {line} starts a block with {k} but does not end with a colon.".format(
            line=cx.lineno, k=_code(keyword)
        )
        fix = "Put {c} at the end of line {line}: {example}.".format(
            c=_code(":"), line=cx.lineno, example=_code(stripped.split("#")[0].rstrip() + ":")
        )
        return what, fix
    match = re.match(r"'(.)' was never closed", msg)
    if match:
        return _unclosed(match.group(1), cx.lineno)
    match = re.match(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'(?: on line (\d+))?", msg)
    if match:
        closing, opening, opened = match.group(1), match.group(2), match.group(3) or cx.lineno
        what = "The {c} on line {line} closes the {o} opened on line {opened}, but {o} needs {want}.".format(
            c=_code(closing), o=_code(opening), line=cx.lineno, opened=opened, want=_code(_BRACKETS[opening])
        )
        fix = "Close each bracket with its own partner, the last one opened first."
        return what, fix
    match = re.match(r"unmatched '(.)'", msg)
    if match:
        what = "The {c} on line {line} closes a bracket that was never opened.".format(
            c=_code(match.group(1)), line=cx.lineno
        )
        fix = "Remove the extra {c}, or add the opening bracket it belongs to.".format(c=_code(match.group(1)))
        return what, fix
    if msg.startswith("unterminated string literal") or msg.startswith("EOL while scanning"):
        quote = _opening_quote(text, exc.offset)
        what = "The text that starts with {q} on line {line} has no closing {q}.".format(
            q=_code(quote), line=cx.lineno
        )
        fix = "End the text with the same quote it starts with, on the same line."
        return what, fix
    if msg.startswith("unterminated triple-quoted string") or msg.startswith("EOF while scanning triple-quoted"):
        what = "The text that starts with triple quotes on line {line} is never closed.".format(line=cx.lineno)
        fix = "Close it with the same three quotes it opens with."
        return what, fix
    if msg.startswith("Missing parentheses in call to 'print'"):
        rest = stripped[len("print"):].strip()
        what = "{p} is how Python 2 printed; in Python 3 {f} is a function, and a call needs parentheses.".format(
            p=_code(stripped), f=_code("print")
        )
        fix = "Write {example}.".format(example=_code("print(" + rest + ")"))
        return what, fix
    if "Maybe you meant '=='" in msg or _is_assignment_in_condition(stripped):
        fixed = _with_double_equals(stripped)
        what = "Line {line} uses {eq}, which stores a value, where a condition needs {eqeq}, which compares two values.".format(
            line=cx.lineno, eq=_code("="), eqeq=_code("==")
        )
        fix = "Write {example}.".format(example=_code(fixed)) if fixed else "Use {eqeq} to compare.".format(eqeq=_code("=="))
        return what, fix
    unclosed = _unclosed_bracket(cx.source)
    if unclosed is not None:
        return _unclosed(unclosed[0], unclosed[1])
    return None


def _unclosed(bracket, line):
    what = "The {b} opened on line {line} is never closed, so Python reads on past it looking for {c}.".format(
        b=_code(bracket), line=line, c=_code(_BRACKETS.get(bracket, bracket))
    )
    fix = "Add the missing {c} where that expression ends (on line {line} or the line after it).".format(
        c=_code(_BRACKETS.get(bracket, bracket)), line=line
    )
    return what, fix


def _opening_quote(text, offset):
    if offset and 0 < offset <= len(text):
        start = text[offset - 1 :]
        for char in start:
            if char in "'\"":
                return char
    for char in text:
        if char in "'\"":
            return char
    return "'"


def _is_assignment_in_condition(line):
    return bool(re.match(r"(if|elif|while)\b[^=]*[^=!<>:]=[^=]", line))


def _with_double_equals(line):
    match = re.match(r"((?:if|elif|while)\b[^=]*?[^=!<>:])=([^=].*)$", line)
    if not match:
        return None
    return match.group(1).rstrip() + " == " + match.group(2).lstrip()


# --- TypeError -----------------------------------------------------------


def _explain_type_error(cx):
    msg = str(cx.exc)
    match = re.match(r'can only concatenate str \(not "(\w+)"\) to str', msg)
    if match:
        return _text_plus_other(cx, match.group(1), text_first=True)
    match = re.match(r"unsupported operand type\(s\) for \+=?: '(\w+)' and 'str'", msg)
    if match:
        return _text_plus_other(cx, match.group(1), text_first=False)
    match = re.match(r"'(\w+)' object is not callable", msg)
    if match:
        return _not_callable(cx, match.group(1))
    match = re.match(
        r"([\w.]+)\(\) (missing \d+ required (?:positional|keyword-only) arguments?|takes (?:from )?\d+ (?:to \d+ )?positional arguments? but \d+ (?:was|were) given|got an unexpected keyword argument)",
        msg,
    )
    if match:
        return _wrong_arguments(cx, match.group(1), msg)
    match = re.search(r"unhashable type: '(\w+)'", msg)  # 3.14: "cannot use 'list' as a dict key (unhashable type: 'list')"
    if match:
        return _unhashable(cx, match.group(1))
    if msg.startswith("'NoneType' object is not subscriptable"):
        return _none_used(cx, ast.Subscript, "cannot be indexed with []")
    if msg.startswith("'NoneType' object is not iterable"):
        return _none_used(cx, ast.For, "has no items to loop over")
    return None


def _text_plus_other(cx, other_type, text_first):
    pair = None
    for node in cx.nodes_on_line(ast.BinOp):
        if not isinstance(node.op, ast.Add):
            continue
        left_found, left = cx.value_of(node.left)
        right_found, right = cx.value_of(node.right)
        text_side, other_side = (node.left, node.right) if text_first else (node.right, node.left)
        text_value, other_value = (left, right) if text_first else (right, left)
        if left_found and right_found and isinstance(text_value, str) and type(other_value).__name__ == other_type:
            pair = (text_side, text_value, other_side, other_value, node)
    for node in cx.nodes_on_line(ast.AugAssign):
        if isinstance(node.op, ast.Add):
            target_found, target = cx.value_of(node.target)
            value_found, value = cx.value_of(node.value)
            if target_found and value_found:
                if text_first and isinstance(target, str) and type(value).__name__ == other_type:
                    pair = (node.target, target, node.value, value, node)
                elif not text_first and isinstance(value, str) and type(target).__name__ == other_type:
                    pair = (node.value, value, node.target, target, node)
    if pair is None:
        return None
    text_node, text_value, other_node, other_value, pair_node = pair
    text_code, other_code = cx.segment(text_node), cx.segment(other_node)
    other_is_number = isinstance(other_value, (int, float)) and not isinstance(other_value, bool)
    what = "{plus} cannot join text and {kind}: {t} and {o}.".format(
        plus=_code("+"),
        kind="a number" if other_is_number else _a(other_type),
        t=_described(text_code, text_value, text_node),
        o=_described(other_code, other_value, other_node),
    )
    from_input = isinstance(text_node, ast.Name) and any(
        isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "input"
        for _, v in cx.assignments(text_node.id)
    )
    if from_input and other_is_number:
        fix = "{inp} always gives text: to do arithmetic, turn it into a number first, e.g. {example}.".format(
            inp=_code("input()"), example=_code(text_node.id + " = int(input(...))")
        )
    elif text_first:
        joined = " += str(" if isinstance(pair_node, ast.AugAssign) else " + str("
        fix = "To build text, turn the {kind} into text first: {a}, or use an f-string: {b}.".format(
            kind="number" if other_is_number else "value",
            a=_code(text_code + joined + other_code + ")"),
            b=_code('f"...{' + other_code + '}"'),
        )
    else:
        fix = "Turn the text into a number with {a} if you want arithmetic, or the number into text with {b} if you want to join text.".format(
            a=_code("int(" + text_code + ")"), b=_code("str(" + other_code + ")")
        )
    return what, fix


def _not_callable(cx, type_name):
    for node in cx.nodes_on_line(ast.Call):
        func = node.func
        found, value = cx.value_of(func)
        if not found or type(value).__name__ != type_name:
            continue
        func_code = cx.segment(func)
        what = "{f} is {w} {v}, not a function, so {call} cannot call it.".format(
            f=_code(func_code), w=_type_words(value), v=_value(value), call=_code(func_code + "(...)")
        )
        if isinstance(func, ast.Name) and func.id in vars(builtins) and cx.frame is not None:
            fix = "Your code assigned a value to {n}, which hides Python's own {f} function: give your variable another name (e.g. {other}).".format(
                n=_code(func.id), f=_code(func.id + "()"), other=_code("my_" + func.id)
            )
        elif isinstance(value, (list, tuple, str, dict)) and len(node.args) == 1 and not node.keywords:
            fix = "To get an item, use square brackets, not parentheses: {example}.".format(
                example=_code(func_code + "[" + cx.segment(node.args[0]) + "]")
            )
        elif isinstance(func, ast.Constant) and isinstance(value, (int, float)):
            fix = "To multiply, write {star} between them: {example}.".format(
                star=_code("*"), example=_code(func_code + " * (...)")
            )
        else:
            fix = "Remove the parentheses after {f}, or check which name you meant to call.".format(f=_code(func_code))
        return what, fix
    if type_name in ("int", "float", "str", "tuple"):
        for node in cx.nodes_on_line(ast.Call):
            if isinstance(node.func, (ast.Constant, ast.Tuple)):
                func_code = cx.segment(node.func)
                what = "Python reads {c} right before {p} as a call, but {c} is not a function.".format(
                    c=_code(func_code), p=_code("(")
                )
                fix = "To multiply, write {star}: {example}; if it is a list of values, a comma is missing.".format(
                    star=_code("*"), example=_code(func_code + " * (...)")
                )
                return what, fix
    return None


def _signature_text(function):
    import inspect

    try:
        return function.__name__ + str(inspect.signature(function))
    except (TypeError, ValueError):
        return None


def _wrong_arguments(cx, qualname, msg):
    import inspect

    parts = qualname.split(".")
    found, function = cx.lookup(parts[0])
    for part in parts[1:]:
        if not found:
            break
        function = getattr(function, part, None)
        found = function is not None
    if not found or not callable(function):
        return None
    signature = _signature_text(function)
    if signature is None:
        return None
    try:
        params = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        params = []
    is_method = len(parts) > 1 and inspect.isfunction(function)
    if is_method and "takes" in msg and (not params or params[0] != "self"):
        what = "Python passes the object itself as the first argument of a method, and {s} has no parameter for it.".format(
            s=_code(signature)
        )
        fix = "Add {self} as the first parameter: {example}.".format(
            self=_code("self"), example=_code("def " + function.__name__ + "(self" + (", " if params else "") + ", ".join(params) + "):")
        )
        return what, fix
    shown = signature
    if is_method and params and params[0] == "self":
        shown = signature.replace("(self, ", "(", 1).replace("(self)", "()", 1)
    called = parts[-1]
    if called == "__init__" and len(parts) > 1:
        # Cat("Tom") calls Cat.__init__: the learner wrote the class name.
        called = parts[-2]
        shown = called + shown[len("__init__"):]
    match = re.search(r"missing \d+ required (positional|keyword-only) arguments?: (.*)", msg)
    if match:
        missing = re.findall(r"'(\w+)'", match.group(2))
        what = "{f} needs a value for every parameter in {s}, and this call leaves out {m}.".format(
            f=_code(called), s=_code(shown), m=", ".join(_code(m) for m in missing)
        )
        if match.group(1) == "keyword-only":
            fix = "Pass it by name, e.g. {example}.".format(
                example=_code(called + "(..., " + ", ".join(m + "=..." for m in missing) + ")")
            )
        else:
            fix = "Pass a value for each parameter, in order, e.g. {example}.".format(example=_code(shown))
        return what, fix
    match = re.search(r"unexpected keyword argument '(\w+)'", msg)
    if match:
        close = _close(match.group(1), params)
        what = "{f} has no parameter called {k}; its parameters are {s}.".format(
            f=_code(parts[-1]), k=_code(match.group(1)), s=_code(shown)
        )
        if close and "Did you mean" not in cx.python_text:
            fix = "Did you mean {c}? Use the parameter names from the {d} line.".format(c=_code(close), d=_code("def"))
        else:
            fix = "Use the parameter names from the {d} line.".format(d=_code("def"))
        return what, fix
    match = re.search(r"takes (?:from )?(\d+) (?:to (\d+) )?positional arguments? but (\d+) (?:was|were) given", msg)
    if match:
        what = "{f} is defined as {s}, but line {line} passes it more values than it has parameters for.".format(
            f=_code(parts[-1]), s=_code(shown), line=cx.lineno
        )
        fix = "Pass one value per parameter, or add a parameter to the {d} line for the extra value.".format(d=_code("def"))
        return what, fix
    return None


def _unhashable(cx, type_name):
    instead = {
        "list": "a tuple instead, e.g. `tuple(...)`: a tuple cannot change",
        "set": "a frozenset instead, e.g. `frozenset(...)`: a frozenset cannot change",
        "dict": "a tuple of its items instead, e.g. `tuple(d.items())`",
    }
    if type_name not in instead:
        return None
    kind = _a(type_name)
    what = "{A} cannot be a dict key or a set item: keys must never change, and {a} can change.".format(
        A=kind[0].upper() + kind[1:], a=kind
    )
    fix = "Use {i}.".format(i=instead[type_name])
    return what, fix


def _none_used(cx, kind, cannot):
    """The None case: a name that is None because of what was assigned to it."""
    for node in cx.nodes_on_line(kind):
        target = node.iter if isinstance(node, ast.For) else node.value
        if not isinstance(target, ast.Name):
            continue
        found, value = cx.lookup(target.id)
        if not found or value is not None:
            continue
        name = target.id
        earlier = [(line, v) for line, v in cx.assignments(name) if line <= cx.lineno]
        if earlier:
            line, assigned = earlier[-1]
            if isinstance(assigned, ast.Call):
                func = assigned.func
                method = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
                if method in _RETURNS_NONE:
                    call = cx.segment(assigned)
                    obj = cx.segment(func.value) if isinstance(func, ast.Attribute) else None
                    what = "{n} is None because line {line} stored what {call} returns, and {m} changes its object in place and returns None.".format(
                        n=_code(name), line=line, call=_code(call), m=_code(method + "()")
                    )
                    if obj and _RETURNS_NONE[method]:
                        fix = "Call {call} on its own line and then use {obj}, or write {n} = {new} for a new {kind}.".format(
                            call=_code(call), obj=_code(obj), n=_code(name), new=_code(_RETURNS_NONE[method].format(obj=obj)),
                            kind="list",
                        ).replace("`" + name + "` = `", "`" + name + " = ")
                    elif obj:
                        fix = "Call {call} on its own line, then use {obj} itself instead of {n}.".format(
                            call=_code(call), obj=_code(obj), n=_code(name)
                        )
                    else:
                        fix = "Do not store the result of {m}: it is always None.".format(m=_code(method + "()"))
                    return what, fix
                found_function, function = cx.lookup(method) if method else (False, None)
                if found_function and _returns_nothing(cx, function):
                    what = "{n} is None because {f} ends without a {r} statement, and a function without one returns None.".format(
                        n=_code(name), f=_code(method + "()"), r=_code("return")
                    )
                    fix = "Add {r} with the result at the end of {f}.".format(
                        r=_code("return"), f=_code(method + "()")
                    )
                    return what, fix
        what = "{n} is None here, and None {cannot}.".format(n=_code(name), cannot=cannot)
        fix = "Find where {n} got the value None: a function without {r} gives None, and so do methods that change a list in place.".format(
            n=_code(name), r=_code("return")
        )
        return what, fix
    return None


def _returns_nothing(cx, function):
    code = getattr(function, "__code__", None)
    if code is None or not _same_file(code.co_filename, cx.filename) or cx.tree is None:
        return False
    for node in ast.walk(cx.tree):
        if isinstance(node, ast.FunctionDef) and node.name == function.__name__ and node.lineno == code.co_firstlineno:
            return not any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node))
    return False


# --- AttributeError ------------------------------------------------------


def _explain_attribute_error(cx):
    exc = cx.exc
    msg = str(exc)
    attr = getattr(exc, "name", None)
    if attr is None:
        match = re.search(r"has no attribute '(\w+)'", msg)
        attr = match.group(1) if match else None
    if attr is None:
        return None
    if msg.startswith("'NoneType' object has no attribute"):
        return _none_used(cx, ast.Attribute, "has no attribute {a}".format(a=_code(attr)))
    if "obj" in dir(exc) and getattr(exc, "obj", None) is not None:
        obj = exc.obj
    else:
        obj = None
        for node in cx.nodes_on_line(ast.Attribute):
            if node.attr == attr:
                found, value = cx.value_of(node.value)
                if found:
                    obj = value
                    break
    if obj is None:
        return None
    module_file = getattr(obj, "__file__", None) if type(obj).__name__ == "module" else None
    if module_file is not None:
        shadow = _shadowing_file(cx, obj.__name__, module_file)
        if shadow:
            return shadow
    holder = None
    for node in cx.nodes_on_line(ast.Attribute):
        if node.attr == attr:
            holder = cx.segment(node.value)
            break
    holder = holder or "it"
    kind = "the module " + _code(obj.__name__) if module_file is not None or type(obj).__name__ == "module" else _type_words(obj)
    what = "{h} is {k}, which has no attribute or method called {a}.".format(h=_code(holder), k=kind, a=_code(attr))
    if attr in _OTHER_LANGUAGES:
        other = _OTHER_LANGUAGES[attr]
        if other.startswith("`"):
            fix = "Python writes this as {o}.".format(o=other.format(obj=holder))
        elif "{obj}" in other:
            fix = "Python gets a length with {o}.".format(o=_code(other.format(obj=holder)))
        elif hasattr(obj, other):
            fix = "In Python this method is called {o}.".format(o=_code(other))
        else:
            return None
        return what, fix
    close = _close(attr, dir(obj), cutoff=0.7)
    inner = _holder_of(obj, attr) if close is None and module_file is None else None
    if inner is not None and "." + inner + "." + attr in cx.python_text:
        # Python 3.15 names the path in its traceback; earlier ones do not.
        fix = "Reach it through the attribute that holds it, as the last line of the error shows."
        return what, fix
    if inner is not None and not cx.python_suggests():
        fix = "Did you mean {p}? {a} belongs to the object stored in {h}, not to {o} itself.".format(
            p=_code(holder + "." + inner + "." + attr), a=_code(attr), h=_code(holder + "." + inner), o=_code(holder)
        )
        return what, fix
    if cx.python_suggests():
        fix = "Fix the spelling: the last line of the error names the one Python thinks you meant."
        return what, fix
    if close is not None:
        fix = "Did you mean {c}?".format(c=_code(holder + "." + close))
        return what, fix
    return None


def _holder_of(obj, attr):
    """The name of an attribute stored on `obj` whose object stores `attr`
    (read from the objects' __dict__, so no property runs), or None."""
    stored = getattr(obj, "__dict__", None)
    if not isinstance(stored, dict):
        return None
    for name, value in stored.items():
        inner = getattr(value, "__dict__", None)
        if not name.startswith("_") and isinstance(inner, dict) and attr in inner:
            return name
    return None


def _shadowing_file(cx, module_name, module_file):
    """A learner's file named like a standard module, found instead of it."""
    # A module built into Python has no file: its ImportError says
    # "(unknown location)".
    if not os.path.isfile(module_file):
        return None
    folder = os.path.dirname(os.path.abspath(cx.filename))
    own = os.path.splitext(os.path.basename(cx.filename))[0]
    try:
        in_folder = os.path.dirname(os.path.abspath(module_file)) == folder or os.path.dirname(
            os.path.abspath(module_file)
        ) == os.getcwd()
    except (TypeError, ValueError):
        return None
    if not in_folder or (module_name not in _stdlib_modules() and module_name != own):
        return None
    name = os.path.basename(module_file)
    what = "Your file {f} has the same name as Python's {m} module, so {imp} loaded your file instead of Python's.".format(
        f=_code(name), m=_code(module_name), imp=_code("import " + module_name)
    )
    fix = "Rename your file (e.g. {new}) and delete the {cache} folder beside it if there is one.".format(
        new=_code("my_" + name), cache=_code("__pycache__")
    )
    return what, fix


# --- IndexError, KeyError ------------------------------------------------


def _explain_index_error(cx):
    msg = str(cx.exc)
    if msg.startswith("pop from empty"):
        for node in cx.nodes_on_line(ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "pop":
                holder = cx.segment(node.func.value)
                what = "{h} is empty when line {line} calls {p}, so there is nothing to take out.".format(
                    h=_code(holder), line=cx.lineno, p=_code("pop()")
                )
                fix = "Check that it has items first, e.g. {example}.".format(example=_code("if " + holder + ":"))
                return what, fix
        return None
    if "index out of range" not in msg:
        return None
    for node in cx.nodes_on_line(ast.Subscript):
        index_node = node.slice
        if isinstance(index_node, ast.Slice):
            continue
        if type(index_node).__name__ == "Index":  # Python 3.8
            index_node = index_node.value
        seq_found, seq = cx.value_of(node.value)
        index_found, index = cx.value_of(index_node)
        if not (seq_found and index_found and isinstance(index, int) and isinstance(seq, (list, tuple, str, range))):
            continue
        if -len(seq) <= index < len(seq):
            continue
        holder, index_code = cx.segment(node.value), cx.segment(index_node)
        kind = "characters" if isinstance(seq, str) else "items"
        is_store = isinstance(node.ctx, ast.Store)
        at = "" if index_code == str(index) else " ({i} is {v})".format(i=_code(index_code), v=index)
        if not seq:
            what = "{h} is empty, so it has no index {v}{at}.".format(h=_code(holder), v=index, at=at)
        else:
            what = "{h} has {n} {kind}, at indexes 0 to {last}, and line {line} asks for index {v}{at}.".format(
                h=_code(holder), n=len(seq), kind=kind, last=len(seq) - 1, line=cx.lineno, v=index, at=at
            )
        if is_store and isinstance(seq, list):
            fix = "A list grows only by adding items: use {example}.".format(example=_code(holder + ".append(...)"))
        elif index == len(seq) and seq:
            fix = "Indexes start at 0, so the last one is {last}, one less than the length ({example} also works): an off-by-one mistake, often a {r} or {le} that goes one too far.".format(
                last=len(seq) - 1, example=_code(holder + "[-1]"), r=_code("range(len(...) + 1)"), le=_code("<=")
            )
        elif not seq:
            fix = "Check that {h} has items before indexing it, e.g. {example}.".format(
                h=_code(holder), example=_code("if " + holder + ":")
            )
        else:
            fix = "Use an index from {a} to {b}, or loop over the {kind} directly with {example}.".format(
                a=-len(seq), b=len(seq) - 1, kind=kind, example=_code("for item in " + holder + ":")
            )
        return what, fix
    return None


def _explain_key_error(cx):
    if not cx.exc.args:
        return None
    key = cx.exc.args[0]
    for node in cx.nodes_on_line(ast.Subscript):
        found, mapping = cx.value_of(node.value)
        if not found or not isinstance(mapping, dict):
            continue
        key_found, key_here = cx.value_of(node.slice if type(node.slice).__name__ != "Index" else node.slice.value)
        if key_found and key_here != key:
            continue
        holder = cx.segment(node.value)
        keys = list(mapping)
        shown = ", ".join(_value(k) for k in keys[:5]) + (", ..." if len(keys) > 5 else "")
        if keys:
            what = "The dict {h} has no key {k}; its keys are {shown}.".format(h=_code(holder), k=_value(key), shown=shown)
        else:
            what = "The dict {h} is empty, so it has no key {k}.".format(h=_code(holder), k=_value(key))
        close = None
        if isinstance(key, str):
            close = _close(key, [k for k in keys if isinstance(k, str)], cutoff=0.7)
        get = _code(holder + ".get(" + repr(key) + ", default)")
        if close is not None:
            fix = "Did you mean {c}? Keys must match exactly; when a key may be missing, {g} gives a default instead of an error.".format(
                c=_value(close), g=get
            )
        else:
            fix = "Add the key first, or look it up with {g}, which gives a default instead of an error when the key is missing.".format(
                g=get
            )
        return what, fix
    return None


# --- ValueError ----------------------------------------------------------


def _explain_value_error(cx):
    msg = str(cx.exc)
    match = re.match(r"invalid literal for int\(\) with base 10: (.*)$", msg, re.S)
    if match:
        try:
            text = ast.literal_eval(match.group(1))
        except (ValueError, SyntaxError):
            return None
        if text.strip() == "":
            what = "{i} was given empty text {t}: there is no number in it to convert.".format(
                i=_code("int()"), t=_value(text)
            )
            fix = "This often comes from {inp} when only Enter was pressed: check the text first ({example}) or give the Input box a number.".format(
                inp=_code("input()"), example=_code("if text:")
            )
            return what, fix
        try:
            float(text)
            is_decimal = True
        except ValueError:
            is_decimal = False
        if is_decimal:
            what = "{i} only converts whole numbers, and {t} has a decimal point.".format(i=_code("int()"), t=_value(text))
            fix = "Use {f} to keep the decimals, or {g} to drop them.".format(
                f=_code("float(" + repr(text) + ")"), g=_code("int(float(" + repr(text) + "))")
            )
            return what, fix
        what = "{i} converts text made of digits, and {t} is not a whole number.".format(i=_code("int()"), t=_value(text))
        fix = "Check the text before converting (e.g. with {d}), or catch the error with {t}.".format(
            d=_code(".isdigit()"), t=_code("try: ... except ValueError:")
        )
        return what, fix
    match = re.match(r"could not convert string to float: (.*)$", msg, re.S)
    if match:
        try:
            text = ast.literal_eval(match.group(1))
        except (ValueError, SyntaxError):
            return None
        what = "{f} converts text that looks like a number, and {t} does not.".format(f=_code("float()"), t=_value(text))
        hint = " Python writes decimals with a point, not a comma." if "," in text else ""
        fix = "Check the text before converting, or catch the error with {t}.{h}".format(
            t=_code("try: ... except ValueError:"), h=hint
        )
        return what, fix
    match = re.match(r"(too many|not enough) values to unpack \(expected (\d+)(?:, got (\d+))?\)", msg)
    if match:
        return _unpacking(cx, match.group(1) == "too many", int(match.group(2)), match.group(3))
    return None


def _unpacking(cx, too_many, expected, got):
    targets, value_node = None, None
    for node in cx.nodes_on_line((ast.Assign, ast.For)):
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        if isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == expected:
            targets, value_node = target, (node.value if isinstance(node, ast.Assign) else node.iter)
            is_loop = isinstance(node, ast.For)
            break
    if targets is None:
        return None
    names = cx.segment(targets)
    if is_loop:
        found, iterable = cx.value_of(value_node)
        if found and isinstance(iterable, dict):
            holder = cx.segment(value_node)
            what = "Looping over the dict {h} gives only its keys, one at a time, so they cannot be split into {n}.".format(
                h=_code(holder), n=_code(names)
            )
            fix = "Loop over {items} to get each key with its value.".format(items=_code(holder + ".items()"))
            return what, fix
        what = "Each item of the loop is split into {k} names ({n}), but {has} {c} values.".format(
            k=expected, n=_code(names), has="an item has" if not too_many else "an item has more than", c=got or expected
        )
        fix = "Make the names match the items' length, or loop over whole items and index them."
        return what, fix
    found, value = cx.value_of(value_node)
    count = got
    if count is None and found:
        try:
            count = len(value)
        except TypeError:
            count = None
    value_code = cx.segment(value_node)
    what = "Line {line} splits {v} into {k} names ({n}), but it has {c} values.".format(
        line=cx.lineno, v=_code(value_code), k=expected, n=_code(names),
        c=count if count is not None else ("more" if too_many else "fewer"),
    )
    if too_many:
        fix = "Give one name per value, or collect the extra values with a star: {example}.".format(
            example=_code(cx.segment(targets.elts[0]) + ", *rest = " + value_code)
        )
    else:
        fix = "Use as many names as there are values, and check that {v} holds what you expect.".format(v=_code(value_code))
    return what, fix


# --- Other errors --------------------------------------------------------


def _explain_zero_division(cx):
    for node in cx.nodes_on_line((ast.BinOp, ast.AugAssign)):
        if not isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            continue
        divisor = node.right if isinstance(node, ast.BinOp) else node.value
        found, value = cx.value_of(divisor)
        if not found or value != 0:
            continue
        divisor_code = cx.segment(divisor)
        if isinstance(divisor, ast.Constant):
            what = "Line {line} divides by 0, and no number can be divided by zero.".format(line=cx.lineno)
            fix = "Divide by another number."
        else:
            what = "Line {line} divides by {d}, which is 0 here, and no number can be divided by zero.".format(
                line=cx.lineno, d=_code(divisor_code)
            )
            fix = "Check before dividing, e.g. {example}, and decide what the answer should be then (an average of no numbers, say).".format(
                example=_code("if " + divisor_code + " != 0:")
            )
        return what, fix
    return None


def _pip_command(name):
    executable = sys.executable or "python3"
    if " " in executable:
        executable = '"' + executable + '"'
    return executable + " -m pip install " + name


def _explain_import_error(cx):
    exc = cx.exc
    name = getattr(exc, "name", None)
    msg = str(exc)
    if not isinstance(exc, ModuleNotFoundError):
        match = re.search(r"from partially initialized module '(\w+)'", msg)
        if match:
            module = sys.modules.get(match.group(1))
            module_file = getattr(module, "__file__", None)
            if module_file:
                return _shadowing_file(cx, match.group(1), module_file)
        match = re.search(r"cannot import name '(\w+)' from '(\w+)' \(([^)]*)\)", msg)
        if match and match.group(3):
            return _shadowing_file(cx, match.group(2), match.group(3))
        return None
    if not name:
        return None
    top = name.split(".")[0]
    if "is not a package" in msg:
        module = sys.modules.get(top)
        module_file = getattr(module, "__file__", None)
        if module_file:
            return _shadowing_file(cx, top, module_file)
        return None
    if top != name:
        return None
    close = _close(name, _stdlib_modules(), cutoff=0.8)
    if close is not None and name not in _PIP_NAMES:
        what = "There is no module called {n}, but Python's standard library has {c}.".format(n=_code(name), c=_code(close))
        fix = "Did you mean {imp}? Module names must match exactly, capital letters included.".format(imp=_code("import " + close))
        return what, fix
    what = "{n} is not part of Python's standard library, and it is not installed for the Python that runs your code ({exe}).".format(
        n=_code(name), exe=sys.executable
    )
    if name in _PIP_NAMES:
        fix = "Install it (its package is called {p}) by running {cmd} in a terminal, then run your code again.".format(
            p=_code(_PIP_NAMES[name]), cmd=_code(_pip_command(_PIP_NAMES[name]))
        )
    else:
        fix = "If it is a package from PyPI, install it by running {cmd} in a terminal (check the package's name on pypi.org first), then run your code again.".format(
            cmd=_code(_pip_command(name))
        )
    return what, fix


def _explain_recursion(cx):
    counts = {}
    for frame in cx.frames:
        counts[frame.f_code.co_name] = counts.get(frame.f_code.co_name, 0) + 1
    counts.pop("<module>", None)
    if not counts:
        return None
    function, calls = max(counts.items(), key=lambda pair: pair[1])
    if calls < 20:
        return None
    others = sorted(name for name, count in counts.items() if name != function and count * 2 >= calls)
    if others:
        names = ", ".join(_code(name + "()") for name in [function] + others)
        what = "{n} kept calling each other without ever stopping, until Python gave up at its limit (about {limit} calls deep).".format(
            n=names, limit=sys.getrecursionlimit()
        )
        fix = "Give one of them a base case that returns without calling the other, and make each call move toward it."
        return what, fix
    what = "{f} kept calling itself without ever stopping, until Python gave up at its limit (about {limit} calls deep).".format(
        f=_code(function + "()"), limit=sys.getrecursionlimit()
    )
    fix = "Give {f} a base case that returns without calling itself (e.g. {example}), and make each call move toward it.".format(
        f=_code(function + "()"), example=_code("if n <= 0: return ...")
    )
    return what, fix


_FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "listdir", "scandir", "stat", "remove", "unlink", "rename", "read_csv", "loadtxt"}


def _opens_a_file(cx):
    """Whether the error's line calls something that opens a file (not a
    program: subprocess reports a missing program the same way)."""
    for node in cx.nodes_on_line(ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name in _FILE_CALLS:
            return True
    return False


def _explain_file_not_found(cx):
    exc = cx.exc
    wanted = exc.filename
    if not isinstance(wanted, str) or not _opens_a_file(cx):
        return None
    here = os.getcwd()
    folder = os.path.dirname(wanted)
    if folder and not os.path.isdir(os.path.join(here, folder)):
        what = "The folder {d} that {f} should be in does not exist (your code runs in {here}).".format(
            d=_code(folder), f=_code(wanted), here=here
        )
        fix = "Create the folder first with {example}, or use a path that exists.".format(
            example=_code("os.makedirs(" + repr(folder) + ", exist_ok=True)")
        )
        return what, fix
    if os.path.isabs(wanted):
        what = "There is no file {f}.".format(f=_code(wanted))
    else:
        what = "Python looked for {f} in the folder your code runs in, {here}, and there is no file by that name there.".format(
            f=_code(wanted), here=here
        )
    fix = "Each run starts in a new empty folder: write the file from your code first (e.g. with {w}), or give the full path of a file you have.".format(
        w=_code("open(" + repr(os.path.basename(wanted)) + ", 'w')")
    )
    return what, fix


def _explain_stop_iteration(cx):
    for node in cx.nodes_on_line(ast.Call):
        if isinstance(node.func, ast.Name) and node.func.id == "next" and len(node.args) == 1:
            it = cx.segment(node.args[0])
            what = "{n} asked {i} for its next item, but it had none left.".format(
                n=_code("next()"), i=_code(it)
            )
            fix = "Give {n} a default for the end, e.g. {example}, or use a {f} loop, which stops by itself.".format(
                n=_code("next()"), example=_code("next(" + it + ", None)"), f=_code("for")
            )
            return what, fix
    return None


_RULES = [
    (SyntaxError, _explain_syntax_error),
    (NameError, _explain_name_error),
    (AttributeError, _explain_attribute_error),
    (ImportError, _explain_import_error),
    (TypeError, _explain_type_error),
    (IndexError, _explain_index_error),
    (KeyError, _explain_key_error),
    (ValueError, _explain_value_error),
    (ZeroDivisionError, _explain_zero_division),
    (RecursionError, _explain_recursion),
    (FileNotFoundError, _explain_file_not_found),
    (StopIteration, _explain_stop_iteration),
]
