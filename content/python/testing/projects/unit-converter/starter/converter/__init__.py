"""Converts lengths and masses between units.

    >>> from converter import convert
    >>> convert(10, "km", "m")
    10000.0
"""

from .units import convert

__all__ = ["convert"]
