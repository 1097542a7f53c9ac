"""The units the converter knows, and conversion between them.

Every unit is stored as a line to its kind's base unit (metre, gram,
kelvin): base = value * scale + offset. Lengths and masses have no
offset; temperatures need one, because 0 °C is not 0 K.
"""

from typing import NamedTuple


class Unit(NamedTuple):
    kind: str
    scale: float
    offset: float = 0.0


UNITS = {
    # length, in metres
    "mm": Unit("length", 0.001),
    "cm": Unit("length", 0.01),
    "m": Unit("length", 1.0),
    "km": Unit("length", 1000.0),
    "in": Unit("length", 0.0254),
    "ft": Unit("length", 0.3048),
    "yd": Unit("length", 0.9144),
    "mi": Unit("length", 1609.344),
    # mass, in grams
    "g": Unit("mass", 1.0),
    "kg": Unit("mass", 1000.0),
    "oz": Unit("mass", 28.349523125),
    "lb": Unit("mass", 453.59237),
    # temperature, in kelvin
    "K": Unit("temperature", 1.0),
    "C": Unit("temperature", 1.0, 273.15),
    "F": Unit("temperature", 5 / 9, 273.15 - 32 * 5 / 9),
}


def _unit(name):
    try:
        return UNITS[name]
    except KeyError:
        # Callers should not need to know the table is a dict.
        raise ValueError(f"unknown unit: {name}") from None


def convert(value, from_unit, to_unit):
    """`value` in `from_unit`, converted to `to_unit`.

    Raises ValueError for a unit it does not know, or for two units of
    different kinds (km to kg).
    """
    source, target = _unit(from_unit), _unit(to_unit)
    if source.kind != target.kind:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    base = value * source.scale + source.offset
    return (base - target.offset) / target.scale


def kinds():
    """{kind: [unit names, sorted]}, for listing what is available."""
    grouped = {}
    for name, unit in UNITS.items():
        grouped.setdefault(unit.kind, []).append(name)
    return {kind: sorted(names) for kind, names in sorted(grouped.items())}
