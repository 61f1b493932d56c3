"""funnelplan: work a B2B revenue goal backward into each team's monthly commitments."""

__version__ = "0.1.0"
