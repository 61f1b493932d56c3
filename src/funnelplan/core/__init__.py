"""The pure calculation: target (the one backward), gap (drivers, catch-up), rounding, segments.

No I/O, no typer, rich or yaml. May import: model, errors.
"""
