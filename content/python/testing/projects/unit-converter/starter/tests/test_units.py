"""Tests for the converter: run them with python -m unittest

Stage 3 asks for more of them.
"""

import unittest

from converter import convert


class LengthTests(unittest.TestCase):
    def test_km_to_m(self):
        self.assertAlmostEqual(convert(1.5, "km", "m"), 1500)


if __name__ == "__main__":
    unittest.main()
