"""The pure calculation: commitments (target's funnel, people and money), gap (drivers, catch-up),
rounding, and one module per further question (odds, whatif, sensitivity, review, sla, calibrate).

No I/O, no typer, rich or yaml. May import: model, load's result types, errors, i18n.
"""
