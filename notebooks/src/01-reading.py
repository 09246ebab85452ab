# %% [markdown]
# # 01 · Reading the article
#
# Before you summarize an article, judge its framing or weigh its sources, you need to read it
# well: how it is built, who appears in it, when things happen, and how hard its language is.
#
# **Learning goals.** After this notebook you can
#
# 1. *describe* the structure of a news article: date, lead, sections, paragraphs, sentences;
# 2. *answer* who, what, where, when, why and how from the text, and *say* which answers the
#    text gives and which you infer;
# 3. *list* the actors of an article and *explain* how a computer finds them with rules;
# 4. *judge* how hard the text is to read, with readability scores and a list of rare words, and
#    *name* the limits of both.
#
# **Time:** about 60 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (assert_answer, build_timeline, check, describe_readability, find_actor_mentions,
                    find_actors, find_rare_words, find_readability, load_article, load_glossary,
                    plot_actor_heatmap, plot_sentence_lengths, plot_timeline, score_readability,
                    show_actors, show_side_by_side)

article = load_article()

# %% [markdown]
# ## 1. The article, Dutch and English
#
# Read the whole article once, in Dutch with the English working translation beside it. Notice
# where the headings fall and what the first two paragraphs already tell you.

# %%
show_side_by_side(article)

# %% [markdown]
# ## 2. Structure
#
# A news article has a date, a *lead* (the opening paragraphs that give the core of the news),
# and often sections under short subheadings. The library counts what each part holds.

# %%
article.paragraph_table.groupby("section", dropna=False, sort=False)[["sentences", "words"]].sum()

# %% [markdown]
# The row `NaN` is the lead: the two paragraphs before the first heading. How long are the
# sentences? A histogram shows the spread.

# %%
plot_sentence_lengths(article)

# %% [markdown]
# ### The inverted pyramid
#
# News is usually written as an *inverted pyramid*: the most important facts first, background
# and reactions later. Here are the two sentences of the first paragraph: compare them with what the rest adds.

# %%
[s.text for s in article.sentences_in(1)]

# %% [markdown]
# | question | the lead answers (paragraph 1) | what comes later |
# |---|---|---|
# | who? | Russia asked China; the Financial Times and The Washington Post reported it | Sullivan, Yang Jiechi, Zhao Lijian, Ryan Hass (paragraphs 2–13) |
# | what? | a request for military support | why it matters to the US, Russia and China (3–9) |
# | when? | reported on Sunday (*zondag*) | the meeting on Monday (*maandag*), earlier events (3–6) |
# | how do we know? | *zo meldden* … *op basis van anonieme bronnen* | Sullivan's warning; China's denial (2, 12) |
# | why? | not in the lead | the US strategy of leaking (10) |
#
# The lead gives the claim and its basis; the *why* comes last. Keep the phrase *op basis van
# anonieme bronnen* (on the basis of anonymous sources) in mind for lesson 04.

# %% [markdown]
# ### Exercise 1.1 — Who asked whom? (1 point)
#
# - Read the first sentence of the article.
# - Which country is reported to have asked, and which country was asked? Give a list of two
#   country names as the Dutch article writes them: `[asker, asked]`.
#
# <details><summary>Hint</summary>
#
# In *X heeft Y gevraagd om …*, X is the one who asks.
#
# </details>

# %% answer 1.1
answer_1_1 = ...  # your answer here
### BEGIN SOLUTION
answer_1_1 = ["Rusland", "China"]
### END SOLUTION

# %% check 1.1
check("1.1", answer_1_1)

# %% tests 1.1
"""Exercise 1.1: the asker and the asked country of the lead, in that order."""
### BEGIN HIDDEN TESTS
assert_answer("1.1", answer_1_1)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.2 — How many sentences in a section? (2 points)
#
# - Use `article.sentence_table` to count the sentences in the section **Op de vlakte**.
# - Store the number in `answer_1_2` as an `int`. Count with code, not by hand.
#
# <details><summary>Hint</summary>
#
# Select the rows whose `section` column equals `"Op de vlakte"`, then count them with `len(...)`.
#
# </details>

# %% answer 1.2
answer_1_2 = ...  # your answer here
### BEGIN SOLUTION
table = article.sentence_table
answer_1_2 = len(table[table["section"] == "Op de vlakte"])
### END SOLUTION

# %% check 1.2
check("1.2", answer_1_2)

# %% tests 1.2
"""Exercise 1.2: the number of sentences in the section 'Op de vlakte'."""
### BEGIN HIDDEN TESTS
assert_answer("1.2", answer_1_2)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Actors
#
# Who appears in the article? The library finds *actors* with rules, not with a trained model:
#
# - a list of known names (countries, capitals that stand for their state, organisations, news
#   outlets) in `data/actors/gazetteer_nl.csv`;
# - names that follow a *role word*: *woordvoerder* Zhao Lijian, *China-kenner* Ryan Hass,
#   *veiligheidsadviseur* Yang Jiechi; and names followed by a role: Jake Sullivan, *de nationale
#   veiligheidsadviseur*;
# - short forms joined to the full name: *Sullivan* is Jake Sullivan, *Peking* and *de Chinezen*
#   stand for China.
#
# Because people are found by their roles, the same rules work on a new article without editing
# the list. Here are the actors highlighted in the lead and the first section.

# %%
show_actors(article, paragraphs=[1, 2, 3])

# %% [markdown]
# The table counts every mention, aliases included. `paragraphs` lists where each actor appears.

# %%
actors = find_actors(article)
actors

# %% [markdown]
# A heat map shows who is mentioned where: which actors carry the whole article, and which
# appear in a single paragraph.

# %%
plot_actor_heatmap(find_actor_mentions(article), len(article.paragraphs))

# %% [markdown]
# Rules have limits. *de Chinese ambassadeur* (paragraph 6) is a person without a name, so the
# rules skip him; adjectives like *Chinese* and *Amerikaanse* are not counted as mentions; and *hij*
# (he) is not traced back to Sullivan or Hass. A careful reader does all three.
#
# | kind | found by | examples in this article |
# |---|---|---|
# | person | role word before or after the name | Jake Sullivan, Zhao Lijian, Ryan Hass |
# | country | list of names, capitals, peoples | China (China, Peking, Chinezen), Rusland (Rusland, Moskou) |
# | organisation | list, or a word like *denktank* | Verenigde Naties, Brookings |
# | media | list of outlets and platforms | Financial Times, The Washington Post, Twitter |
# | group | list | het Westen |

# %% [markdown]
# ### Exercise 1.3 — Where does Sullivan first appear? (1 point)
#
# - In which paragraph is Jake Sullivan first named? Use the actors table or read the text.
# - Store the paragraph number (counted from 1) in `answer_1_3` as an `int`.
#
# <details><summary>Hint</summary>
#
# Find Jake Sullivan's row in the actors table above and read its `first_paragraph` column. The
# answer is that one number, as an `int`: not his row, and not the whole column.
#
# </details>

# %% answer 1.3
answer_1_3 = ...  # your answer here
### BEGIN SOLUTION
answer_1_3 = int(actors.loc[actors["actor"] == "Jake Sullivan", "first_paragraph"].iloc[0])
### END SOLUTION

# %% check 1.3
check("1.3", answer_1_3)

# %% tests 1.3
"""Exercise 1.3: the number of the paragraph that first names Sullivan."""
### BEGIN HIDDEN TESTS
assert_answer("1.3", answer_1_3)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 1.4 — The most-mentioned actor (1 point)
#
# - Which actor does the article mention most often, counting all the names it goes by?
# - Store the actor's name, as the table writes it, in `answer_1_4` as a `str`.
#
# <details><summary>Hint</summary>
#
# The actors table is sorted by `mentions`, most first. Which actor is in its first row? The
# answer is that one name, as a `str`: not the whole row.
#
# </details>

# %% answer 1.4
answer_1_4 = ...  # your answer here
### BEGIN SOLUTION
answer_1_4 = actors.iloc[0]["actor"]
### END SOLUTION

# %% check 1.4
check("1.4", answer_1_4)

# %% tests 1.4
"""Exercise 1.4: the actor with the most mentions, aliases included."""
### BEGIN HIDDEN TESTS
assert_answer("1.4", answer_1_4)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Timeline
#
# News places events in time with words like *zondag*, *maandag* and *twee weken geleden*
# relative to the day it was written. The library finds these words; to put them on a calendar
# it needs an *anchor*: the day of writing.
#
# **What the text gives, and what we infer.** The file gives only the month: `date 2022-03`.
# The text says the reports appeared on *zondag*, that Sullivan meets Yang Jiechi in Rome on
# *maandag* (present tense), and that Zhao spoke on *maandag* (past tense: *zei*). So the
# article was written on a Monday in March 2022. Which Monday is **not** in the text: we take it
# from outside it, from other coverage of the meeting, which took place in Rome on Monday
# 14 March 2022. That makes the anchor 14 March, and *zondag* Sunday 13 March. Every date below
# is inferred from that anchor.

# %%
timeline = build_timeline(article, anchor="2022-03-14")
timeline[["paragraph", "expression", "kind", "date", "earliest", "latest", "how"]]

# %% [markdown]
# Vague words get a range, not a date: *enkele weken geleden* (a few weeks ago) is read as two
# to four weeks, *recent* as up to two months. The chart shows dates as dots and ranges as bars.

# %%
plot_timeline(timeline)

# %% [markdown]
# Ranges are guesses about words, and lateral reading can test them. The Winter Olympics meeting
# of Xi and Putin (*enkele weken geleden*, paragraph 4) was on 4 February 2022: more than five
# weeks before the anchor, outside the range the library assumed. The UN General Assembly vote
# (*twee weken geleden*, paragraph 6) was on 2 March 2022, twelve days before it. Journalists
# round; so should your reading.

# %% [markdown]
# ### Exercise 1.5 — The day of the reports (1 point)
#
# - On which day of the week did the Financial Times and The Washington Post report the request,
#   according to the article?
# - Store the day in `answer_1_5` as a `str`, in Dutch as the article writes it or in English.
#
# <details><summary>Hint</summary>
#
# Look at the time word in the first sentence, or at the first row of the timeline.
#
# </details>

# %% answer 1.5
answer_1_5 = ...  # your answer here
### BEGIN SOLUTION
answer_1_5 = timeline.iloc[0]["expression"]
### END SOLUTION

# %% check 1.5
check("1.5", answer_1_5)

# %% tests 1.5
"""Exercise 1.5: the weekday on which the media reported the request."""
### BEGIN HIDDEN TESTS
assert_answer("1.5", answer_1_5)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Vocabulary
#
# Which words will slow a reader down? *Word frequency* is a good first guess: the Zipf scale of
# the `wordfreq` package says how common a word is in Dutch, from about 1 (very rare) to 7 (*de*,
# *het*). Words below 3 are rare. Names are rare too, but a reader does not look them up, so we
# leave capitalised words out.

# %%
rare = find_rare_words(article.text)
rare = rare[~rare["capitalised"]]
rare.head(10)

# %% [markdown]
# Our glossary gives each hard word its dictionary form (lemma) and an English gloss.

# %%
glossary = load_glossary(article)
rare.merge(glossary[["word", "gloss_en"]], on="word", how="left")[["word", "lemma", "zipf", "gloss_en"]]

# %% [markdown]
# The lemma column comes from the `simplemma` package and is sometimes wrong: compare it with the
# glossary's `lemma` for *onthield* (abstained: *zich onthouden*) and *vergaande*.

# %%
glossary[glossary["word"].isin(["onthield", "vergaande"])]

# %% [markdown]
# ## 6. Readability
#
# Readability formulas turn sentence length and word length into one number. For Dutch, two are
# common. With ASL = average words per sentence and ASW = average syllables per word:
#
# | formula | score | higher means |
# |---|---|---|
# | Flesch-Douma (Douma 1960) | 206.84 − 0.93 · ASL − 77 · ASW | easier |
# | Brouwer leesindex (Brouwer 1963) | 195 − 2 · ASL − 66.7 · ASW | easier |
#
# Syllables are counted with Dutch hyphenation rules (`pyphen`), an approximation. Here is the
# whole article.

# %%
overall = score_readability(article.text)
overall

# %% [markdown]
# On the Flesch bands, the article's Flesch-Douma score reads as:

# %%
describe_readability(overall["flesch_douma"])

# %% [markdown]
# Per paragraph, the scores vary a lot. Both formulas are unstable below about 50 words or 3
# sentences, and most paragraphs here are shorter: the `reliable` column says so.

# %%
find_readability(article)[["paragraph", "words", "sentences", "asl", "asw", "flesch_douma", "brouwer", "reliable"]]

# %% [markdown]
# What the formulas cannot see: whether a word is *familiar* (*desinformatie* is long but known
# to any news reader), whether the reader knows the context (the invasion of Ukraine), and how
# the text hangs together. A score is a starting point for judgement, not a verdict.

# %% [markdown]
# ### Exercise 1.6 — What do the headings promise? (2 points)
#
# - Read the three headings, then the section under each.
# - In 3–5 sentences, in English: what does each heading promise the reader, and does its section
#   deliver it? Quote at least one phrase from the article to support your judgement.
#
# Your teacher grades this answer by hand.

# %% [markdown] prose 1.6 points=2
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# *Ontmoeting in Rome* promises the meeting, but the section is mostly background: one sentence
# on the meeting, then why it matters (*de Russische achterdeur naar China*) and the ties between
# China and Russia. *Op de vlakte* (staying non-committal) delivers: China abstains at the UN and
# keeps *het midden*. *De druk wordt opgevoerd* delivers the US strategy of leaking (*oncontroleerbare
# informatie bekendmaken*) and China's answer, but ends on mutual accusations of disinformation.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 1.6 (teacher only, 2 points).**
#
# - 1 point: says for each of the three headings what it promises and whether the section
#   delivers, with a reason (e.g. *Ontmoeting in Rome* is mostly background, not the meeting).
# - 1 point: supports the judgement with at least one phrase quoted correctly from the article.
# - 0 points for a summary of the sections that never compares them with their headings.

# %% [markdown]
# ## Key points
#
# - The lead (paragraphs 1–2) gives the claim, its source (*anonieme bronnen*) and the first
#   reactions; sections add background, and the *why* comes last.
# - Rules find actors without a trained model: known names, role words, and aliases joined to
#   full names. They miss unnamed people and pronouns.
# - Time words place events relative to the day of writing. Dates need an anchor, and an anchor
#   taken from outside the text is an inference you must state.
# - Readability scores measure sentence and word length only; they are unstable for short texts.
#
# ## Discussion
#
# 1. Russia is never quoted. Which actors are quoted, and which are only spoken about?
# 2. *Peking* and *de Chinezen* are counted as China. When would merging them be wrong?
# 3. The article was written on a Monday, but its date line says only 2022-03. What would you need
#    to confirm the anchor, and where would you look?
# 4. Which hard words in the glossary carry a judgement (e.g. *nepnieuws*, *desinformatie*)
#    rather than a fact? We return to them in lesson 03.
