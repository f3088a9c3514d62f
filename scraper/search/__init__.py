"""Chinese full-text search for the static site: normalization, tokens and the chunked index.

The browser half lives in templates/overrides/assets/gazette/search.js and must tokenize exactly
as tokens.py does (tests/test_search_browser.py checks both against each other).
"""
