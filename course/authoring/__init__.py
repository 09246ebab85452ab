"""The course author's tools: from percent sources to notebooks, bundles and handouts.

=====================  ==========================================================
module                 role
=====================  ==========================================================
``notebooks``          build ``notebooks/*.ipynb`` from ``notebooks/src/*.py`` (``course build``)
``transforms``         the one chain of notebook transforms: instructor -> student
                       edition (release, grading) -> handout edition (handouts)
``release``            the student edition and the leak checks (``course release``)
``bundle``             the student bundle: wheel, pins, lab settings, hub links
``handouts``           HTML and PDF handouts (``course handouts``)
=====================  ==========================================================
"""
