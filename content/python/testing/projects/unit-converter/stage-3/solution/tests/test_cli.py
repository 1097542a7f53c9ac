"""Tests for the command line: they run python -m converter as a user would."""

import subprocess
import sys
import unittest


def run(*args):
    return subprocess.run([sys.executable, "-m", "converter", *args], capture_output=True, text=True)


class CommandLineTests(unittest.TestCase):
    def test_prints_the_conversion(self):
        done = run("10", "km", "mi")
        self.assertEqual(done.returncode, 0)
        self.assertEqual(done.stdout, "10 km = 6.21371 mi\n")

    def test_unknown_unit_exits_with_2(self):
        done = run("1", "km", "parsec")
        self.assertEqual(done.returncode, 2)
        self.assertIn("unknown unit: parsec", done.stderr)


if __name__ == "__main__":
    unittest.main()
