"""Files to models, with positions kept: the YAML source, text decoding, plans, monthly actuals.

CRM exports are read by `funnelplan.load.crm` (presets, readers, dates, the two engines).
May import: model, errors. Never core, views, formats or cli.
"""
