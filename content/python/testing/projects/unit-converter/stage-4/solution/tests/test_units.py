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


class TemperatureTests(unittest.TestCase):
    def test_boiling_point(self):
        self.assertAlmostEqual(convert(100, "C", "F"), 212)

    def test_freezing_point(self):
        self.assertAlmostEqual(convert(32, "F", "C"), 0)

    def test_kelvin(self):
        self.assertAlmostEqual(convert(0, "K", "C"), -273.15)

    def test_minus_forty_is_the_same(self):
        self.assertAlmostEqual(convert(-40, "F", "C"), -40)

    def test_temperature_is_not_a_length(self):
        with self.assertRaises(ValueError):
            convert(1, "C", "m")


if __name__ == "__main__":
    unittest.main()
