"""Reports to Documents: which rows and words each report shows, and how numbers read.

Views choose rows and words; they never add, subtract or round to compute (display rounding for
reading lives in `display.py`, by the rules in core/rounding.py). May import: core, model, i18n.
"""
