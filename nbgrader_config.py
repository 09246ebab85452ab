"""nbgrader settings for teachers who grade these notebooks with nbgrader 0.9.

Our answer cells keep a runnable stub line above the solution region
(``answer_1_2 = ...  # your answer here``), so the stub nbgrader puts in
place of the solution must not raise ``NotImplementedError``.
"""

c = get_config()  # noqa: F821  (provided by nbgrader when it reads this file)

c.ClearSolutions.code_stub = {"python": "# your answer here"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
