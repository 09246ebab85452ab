"""``course analyze``: the analysis of any article as JSON, text or an HTML page.

``analyze`` computes the report with the methods of :mod:`course.analysis`;
``analysis.schema.json`` documents the JSON; ``templates/`` holds the page.
"""
