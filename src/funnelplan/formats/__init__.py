"""One renderer per output format; each takes a finished report and only formats it."""
