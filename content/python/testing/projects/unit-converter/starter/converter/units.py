"""The units the converter knows, and conversion between them."""

# How many of the kind's base unit (metre, gram) one of each unit is.
# Stage 1 asks for the whole table; two rows to start you off.
METRES = {
    "m": 1.0,
    "km": 1000.0,
}


def convert(value, from_unit, to_unit):
    """`value` in `from_unit`, converted to `to_unit`.

    Raises ValueError for a unit it does not know, or for two units of
    different kinds (km to kg).
    """
    raise NotImplementedError("convert is not written yet: stage 1 asks for it")
