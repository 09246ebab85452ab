"""What a lesson notebook uses besides the methods: checking and showing.

=====================  ==========================================================
module                 role
=====================  ==========================================================
``checks``             ``check()`` and the answer types, cases and feedback it shares with the grader
``exercises``          every exercise's definition, one module per lesson (``lesson01`` ...)
``display``            side-by-side text, highlighted actors (HTML in the notebook)
``plots``              the charts and their alt text
=====================  ==========================================================
"""
