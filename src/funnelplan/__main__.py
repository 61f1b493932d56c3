from funnelplan.cli import run

run()
