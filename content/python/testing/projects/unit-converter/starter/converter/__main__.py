"""The command line: python -m converter 10 km mi (stage 2)."""

import sys

print("The command line is not written yet: stage 2 asks for it.", file=sys.stderr)
sys.exit(1)
