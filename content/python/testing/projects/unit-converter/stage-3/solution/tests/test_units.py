"""Tests for converter.units: run them with python -m unittest"""

import unittest

from converter import convert


class LengthAndMassTests(unittest.TestCase):
    def test_km_to_m(self):
        self.assertAlmostEqual(convert(1.5, "km", "m"), 1500)

    def test_m_to_km(self):
        self.assertAlmostEqual(convert(250, "m", "km"), 0.25)

    def test_miles_to_km(self):
        self.assertAlmostEqual(convert(1, "mi", "km"), 1.609344)

    def test_feet_to_inches(self):
        self.assertAlmostEqual(convert(2, "ft", "in"), 24)

    def test_kg_to_lb(self):
        self.assertAlmostEqual(convert(1, "kg", "lb"), 2.2046226218, places=9)

    def test_same_unit_is_unchanged(self):
        self.assertEqual(convert(7, "g", "g"), 7)


class ErrorTests(unittest.TestCase):
    def test_unknown_unit(self):
        with self.assertRaises(ValueError):
            convert(1, "km", "parsec")

    def test_unknown_source_unit(self):
        with self.assertRaises(ValueError):
            convert(1, "furlong", "m")

    def test_different_kinds(self):
        with self.assertRaises(ValueError):
            convert(1, "km", "kg")



if __name__ == "__main__":
    unittest.main()
