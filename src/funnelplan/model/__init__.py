"""Input models: the plan, its values (money, rates, months), the monthly actuals table.

Pydantic models and value parsers with no I/O. May import: errors. Imported by every other layer.
"""
