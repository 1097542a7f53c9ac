"""pyroadmap's program runner: runs solution.py as `python solution.py`
would (its own __main__, sys.argv, traceback and exit status), and when it
ends with an uncaught exception writes a plain-words explanation to
explanation.json beside it, before the traceback is printed as usual.

Run as: python -X utf8 -u run.py   (in the folder holding solution.py and
explain.py). The limits prelude, when there is one, execs this file.
"""

import os
import sys


def _main():
    folder = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(folder, "solution.py")
    answer = os.path.join(folder, "explanation.json")
    explainer = os.path.join(folder, "explain.py")
    # Read now: the learner's code may change folder or remove files.
    with open(explainer, encoding="utf-8") as file:
        explainer_text = file.read()
    with open(path, "rb") as file:
        source = file.read()
    import builtins
    import importlib.machinery
    import types

    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__cached__ = None
    main.__builtins__ = builtins
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    sys.modules["__main__"] = main
    sys.argv[0] = "solution.py"
    try:
        code = compile(source, path, "exec", dont_inherit=True)
        del source
        exec(code, main.__dict__)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as error:  # noqa: BLE001 - reported like Python does
        if not isinstance(error, MemoryError):
            _explain(error, path, answer, explainer, explainer_text)
        # Python's own traceback, starting at the learner's file.
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        sys.excepthook(type(error), error.with_traceback(tb), tb)
        del error, tb
        sys.exit(1)


def _explain(error, path, answer, explainer, explainer_text):
    """Writes the explanation of `error`, if there is one."""
    try:
        import json

        names = {"__name__": "pyroadmap_explain", "__file__": explainer}
        exec(compile(explainer_text, explainer, "exec"), names)
        with open(path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
        found = names["explain"](error, path, text)
        if found:
            with open(answer, "w", encoding="utf-8") as file:
                json.dump(found, file)
    except Exception:  # noqa: BLE001 - the error itself matters more
        pass


_main()
