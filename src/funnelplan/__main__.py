from funnelplan.cli.app import run

run()
