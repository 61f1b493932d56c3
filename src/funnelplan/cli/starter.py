"""The starter plan `funnelplan init` writes: every key commented, valid as written."""

STARTER_PLAN = """\
# yaml-language-server: $schema=plan.schema.json
# A funnelplan plan. Run `funnelplan target THIS_FILE` to see each team's monthly commitments.
plan: FY2027 H1 new business          # the title on every report
currency: JPY                         # ISO 4217 code; JPY has no minor unit
period: {start: 2027-04, end: 2027-09}
kgi:
  revenue: 120000000                  # the period's target: also ¥120,000,000 or 1億2000万円
  # weights: {2027-09: 2}             # optional: relative month weights (default 1 each)
  # monthly: {2027-04: 15000000}      # or: every month's target instead of revenue + weights
deal_size: 2000000                    # average revenue per deal
rounding: up                          # up: whole counts (default); none: keep fractions
funnel:                               # top of the funnel first; rate = share reaching the next stage
  - {id: inquiry, label: Inquiries, owner: marketing, rate: 40%}
  - {id: lead, label: Leads, owner: marketing, rate: 50%}
  - {id: appointment, label: Appointments, owner: sales, rate: 25%, lag: 1}  # lag: months to close
  - {id: deal, label: Deals, owner: sales}                                   # the last stage: no rate
# pipeline: {appointment: 20}         # counts already held at the start
# after_period: average               # revenue assumed after the period: average, stop or an amount
teams:                                # optional: headcount for per-person commitments
  marketing: {headcount: 3}
  sales: {headcount: 8, working_days: 20}
agreement:                            # optional: what both teams sign off
  lead_definition:
    - Budget and timeline are roughly known
  sales_sla:
    - First contact on the same day
"""
