# %% [markdown]
# # 00 · Start here: how this course works
#
# This course reads **one Dutch news article** closely, in four skills: reading, summarizing,
# detecting framing and evaluating sources. This first notebook shows you the tools: JupyterLab,
# the article, and the exercises that check your answers as you go.
#
# **Learning goals.** After this notebook you can
#
# 1. *run* the cells of a notebook in order and restart it when something goes wrong;
# 2. *load* the article with the course library and *find* its date, headings and paragraphs;
# 3. *answer* an exercise in its answer cell and *read* the feedback of its check.
#
# **Time:** about 20 minutes.

# %% [markdown]
# ## Setup
#
# Every lesson starts with one cell that imports what it needs from the course library, `course`.
# Run it first: click in the cell and press **Shift + Enter**.

# %%
from course import assert_answer, check, load_article, show_side_by_side

# %% [markdown]
# ## Running cells in JupyterLab
#
# A notebook is a list of *cells*. Text cells (like this one) explain; code cells run Python.
#
# | to do this | press or click |
# |---|---|
# | run a cell and move to the next | **Shift + Enter** |
# | run every cell from the top | menu *Run → Run All Cells* |
# | start again with a clean slate | menu *Kernel → Restart Kernel and Run All Cells…* |
# | stop a cell that runs too long | the ■ button, or *Kernel → Interrupt Kernel* |
# | save your work | **Ctrl + S** (⌘ + S on a Mac) |
#
# A number like `[3]` to the left of a code cell tells the order in which cells ran. Cells share
# their variables, so run them **top to bottom**: a cell that uses `article` fails until the cell
# that makes `article` has run. When in doubt, restart and run all.

# %% [markdown]
# ## Where things are
#
# Your course folder, the one JupyterLab's file browser (on the left) shows, holds:
#
# | file | what |
# |---|---|
# | `00-start.ipynb` … `05-your-article.ipynb` | the six lessons, in order; your answers are saved in them |
# | `README.md` | how to start JupyterLab on the course again |
# | `requirements.txt` | the packages the course needs, installed once |
#
# The article and the data the lessons read (our English translation, glossaries, codings, more
# articles) come with the course library, `course`, so you never type a path to them.

# %% [markdown]
# ## The article
#
# The article is a plain-text file that comes with the course library. It appeared in a Dutch
# newspaper in March 2022 and reports that, according to American media and their anonymous
# sources in the US government, Russia had asked China for military support.
# `load_article()`, without a path, reads it into parts you can work with.

# %%
article = load_article()
article.date

# %% [markdown]
# The article has short subheadings that split it into sections.

# %%
article.heading_texts

# %% [markdown]
# `article.paragraph_table` is a pandas DataFrame with one row per body paragraph: its number
# (counted from 1, as a reader counts), the section it falls under, and how many sentences and
# words it has. Paragraphs 1 and 2 come before the first heading, so their section is missing
# (`NaN` is pandas' mark for a missing value). In this course those two paragraphs are the
# article's *lead*: its opening, before the first subheading.

# %%
article.paragraph_table[["paragraph", "section", "sentences", "words"]]

# %% [markdown]
# You do not need to be fluent in Dutch. `show_side_by_side` puts our English working
# translation next to each Dutch paragraph. Here are the first three paragraphs; leave out
# `paragraphs=` to see them all.

# %%
show_side_by_side(article, paragraphs=[1, 2, 3])

# %% [markdown]
# ## How exercises work
#
# Each exercise has three parts:
#
# 1. a heading with its id and points, e.g. **Exercise 0.1**, and what to do;
# 2. an **answer cell** where you replace `...` with your answer, stored in a named variable
#    such as `answer_0_1`;
# 3. a **check cell**, `check("0.1", answer_0_1)`, that tells you at once whether you are right.
#
# The check never gives the answer away. If something is off, it asks a question that points to
# where to look. If you have not answered yet, it says so, and the notebook still runs to the end.
# Here is what an unanswered exercise looks like:

# %%
check("0.1", ...)

# %% [markdown]
# Some cells are locked (you cannot edit them): the checks, and the cells your teacher uses for
# grading. When you hand in, your teacher's own tests grade the answer variables, so make sure
# every answer cell has run.
#
# | check says | what it means |
# |---|---|
# | **correct** (green) | your answer is right; read the extra fact it teaches |
# | **not yet** (red) | the value is wrong; follow the question |
# | **not the expected type** (orange) | e.g. text `"13"` where a number `13` is expected |
# | **not answered yet** (grey) | the answer variable still holds `...` |

# %% [markdown]
# ### Exercise 0.1 — How many paragraphs? (1 point)
#
# - Use the `article` you loaded above to count its **body paragraphs** (headings and the date
#   line are not paragraphs).
# - Store the number in `answer_0_1` as a whole number (`int`).
#
# <details><summary>Hint</summary>
#
# The table above has one row per body paragraph, and `article` also holds the paragraphs as a
# Python list. Which Python function counts the items of a list (or the rows of a table)?
#
# </details>

# %% answer 0.1
answer_0_1 = ...  # your answer here
### BEGIN SOLUTION
answer_0_1 = len(article.paragraphs)
### END SOLUTION

# %% check 0.1
check("0.1", answer_0_1)

# %% tests 0.1
"""Exercise 0.1: the answer is the number of body paragraphs of the seed article."""
### BEGIN HIDDEN TESTS
assert_answer("0.1", answer_0_1)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 0.2 — Where do they meet? (1 point)
#
# - Read the section under the first heading (in Dutch or in the English translation).
# - In which city does Jake Sullivan meet the Chinese security adviser Yang Jiechi? Store the
#   city's name, as the Dutch article writes it, in `answer_0_2` as text (`str`).
#
# <details><summary>Hint</summary>
#
# `show_side_by_side(article, paragraphs=[3])` shows the first paragraph of that section.
#
# </details>

# %% answer 0.2
answer_0_2 = ...  # your answer here
### BEGIN SOLUTION
answer_0_2 = "Rome"
### END SOLUTION

# %% check 0.2
check("0.2", answer_0_2)

# %% tests 0.2
"""Exercise 0.2: the city where Sullivan and Yang Jiechi meet."""
### BEGIN HIDDEN TESTS
assert_answer("0.2", answer_0_2)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 0.3 — The headings (1 point)
#
# - Make a list of the article's headings, as strings, **in the order they appear**.
# - Take them from the library rather than typing them, so the answer stays right if the
#   article changes. Store the list in `answer_0_3`.
#
# <details><summary>Hint</summary>
#
# Which cell under *The article* showed the headings? What it shows is already a list of
# strings, in the order the headings appear.
#
# </details>

# %% answer 0.3
answer_0_3 = ...  # your answer here
### BEGIN SOLUTION
answer_0_3 = article.heading_texts
### END SOLUTION

# %% check 0.3
check("0.3", answer_0_3)

# %% tests 0.3
"""Exercise 0.3: the three headings of the seed article, in order."""
### BEGIN HIDDEN TESTS
assert_answer("0.3", answer_0_3)
### END HIDDEN TESTS

# %% [markdown]
# ## Key points
#
# - Run cells top to bottom; restart the kernel and run all when results look odd.
# - `load_article()` gives the article's date, headings, paragraphs and sentences; paragraphs are
#   numbered from 1, and headings are not paragraphs.
# - Answer in the named variable, then run the check: it asks questions, never gives answers.
#
# ## Discussion
#
# 1. The article's two opening paragraphs come before any heading. What do they tell you that the
#    rest of the article then explains?
# 2. Which words in the first paragraph tell you how sure the newspaper is of its main claim?
# 3. What do you lose when you read the English translation instead of the Dutch?
