"""Report words by area, beside the core ones in funnelplan.i18n.words / words_ja.

A command's own words (its headings, sentences, column names) live in one module here, named for the
command (`whatif.py`, `review.py`, ...), as two dictionaries `EN` and `JA`, key -> template. `Words`
merges them with the core catalogue; tests/test_words.py fails on a key missing in a language, on
fields that differ, and on a key defined twice.
"""
