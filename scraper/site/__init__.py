"""The public static site: an MkDocs plugin that turns the store into pages (issue #3).

plugin.py wires MkDocs hooks; pages.py decides which pages exist and what each shows (pure);
structure.py reads outline headings out of a document's text; render.py is the Jinja2 side.
"""
