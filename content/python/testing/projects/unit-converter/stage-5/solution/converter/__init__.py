"""Converts lengths, masses and temperatures between units.

    >>> from converter import convert
    >>> convert(10, "km", "m")
    10000.0
"""

from .units import convert, kinds

__all__ = ["convert", "kinds"]
