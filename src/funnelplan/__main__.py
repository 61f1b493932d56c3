from funnelplan.cli import main

main()
