# %% [markdown]
# # 02 · Summarizing the article
#
# A summary keeps what matters and drops the rest. A computer can pick sentences for a summary,
# and it can score a summary against ones people wrote; in this lesson you try both, and find
# out what the scores miss.
#
# **Learning goals.** After this notebook you can
#
# 1. *compare* three extractive summarizers (LEAD, word frequency, TextRank) and *explain* why
#    they choose different sentences;
# 2. *evaluate* a summary with ROUGE-1, ROUGE-2 and ROUGE-L against reference summaries;
# 3. *find* what ROUGE misses: invented names, quotations put in the wrong mouth, and reported
#    claims turned into facts;
# 4. *write* a faithful three-sentence summary of a news article.
#
# **Time:** about 75 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (DutchTokenizer, assert_answer, check, check_summary, compare_methods, find_quote_speakers,
                    find_rouge, find_swapped_speakers, find_unhedged_claims, find_unsupported_names,
                    find_unsupported_quotes, join_summary, load_article, load_references, plot_sentence_scores,
                    score_sentences, summarize_frequency, summarize_lead, summarize_textrank)

article = load_article()

# %% [markdown]
# ## 1. Three ways to choose sentences
#
# An *extractive* summary copies whole sentences from the article. The simplest method, LEAD-n,
# takes the first n sentences: news is written as an inverted pyramid, most important first.

# %%
summarize_lead(article, n=3)

# %% [markdown]
# The *frequency* method (after Luhn 1958) counts the content words of the article: their
# dictionary forms (lemmas), without stop words such as *de*, *en* or *heeft*. A sentence scores
# the average count of its content words, so sentences full of the article's commonest words win.

# %%
summarize_frequency(article, n=3)

# %% [markdown]
# *TextRank* (Mihalcea & Tarau 2004) links every pair of sentences that share content words and
# runs PageRank, the algorithm that once ranked web pages, over that network: a sentence is
# important when it resembles many other sentences.

# %%
summarize_textrank(article, n=3)

# %% [markdown]
# The chart shows each method's scores across the article, scaled so the top sentence is 1. The
# coloured bars are the three chosen sentences.

# %%
plot_sentence_scores(article, n=3)

# %% [markdown]
# | method | a sentence scores high when | column `score` |
# |---|---|---|
# | LEAD | it comes early | 1 for the first sentence, falling by position |
# | frequency | its content words are common in the article | mean relative count of its content lemmas |
# | TextRank | it shares content words with many sentences | PageRank (damping 0.85) |
#
# `score_sentences(article, method)` gives every sentence with its `score`, `rank` (1 = best)
# and `chosen`.

# %% [markdown]
# ### Exercise 2.1 — What does the frequency method choose? (1 point)
#
# - Summarize the article with the frequency method, three sentences.
# - Store the numbers of the chosen sentences in `answer_2_1` as a list of `int`.
#
# <details><summary>Hint</summary>
#
# The summary is a table; its `sentence` column holds the numbers. `.tolist()` turns a column
# into a list.
#
# </details>

# %% answer 2.1
answer_2_1 = ...  # your answer here
### BEGIN SOLUTION
answer_2_1 = summarize_frequency(article, n=3)["sentence"].tolist()
### END SOLUTION

# %% check 2.1
check("2.1", answer_2_1)

# %% tests 2.1
"""Exercise 2.1: the sentence numbers of the three-sentence frequency summary."""
### BEGIN HIDDEN TESTS
assert_answer("2.1", answer_2_1)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.2 — TextRank's central sentence (1 point)
#
# - Score every sentence with TextRank.
# - Which sentence does TextRank rank highest? Store its number in `answer_2_2` as an `int`.
#
# <details><summary>Hint</summary>
#
# `score_sentences(article, "textrank")` has a `rank` column; select the row where it is 1.
#
# </details>

# %% answer 2.2
answer_2_2 = ...  # your answer here
### BEGIN SOLUTION
ranked = score_sentences(article, "textrank")
answer_2_2 = int(ranked.loc[ranked["rank"] == 1, "sentence"].iloc[0])
### END SOLUTION

# %% check 2.2
check("2.2", answer_2_2)

# %% tests 2.2
"""Exercise 2.2: the number of the sentence TextRank ranks first."""
### BEGIN HIDDEN TESTS
assert_answer("2.2", answer_2_2)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Scoring summaries with ROUGE
#
# ROUGE (Lin 2004) compares a summary with summaries people wrote, the *references*, by counting
# shared words: ROUGE-1 counts single words, ROUGE-2 pairs of words, ROUGE-L the longest run of
# words in the same order. Each gives a *precision* (how much of the summary is in the
# reference), a *recall* (how much of the reference is in the summary) and their balance, *F1*.
#
# ROUGE splits text into words first, and the `rouge-score` package's default splitter knows only
# the letters a–z. Watch what it does to two Dutch words:

# %%
from rouge_score.tokenizers import DefaultTokenizer

DefaultTokenizer().tokenize("Oekraïne financiële"), DutchTokenizer().tokenize("Oekraïne financiële")

# %% [markdown]
# The course library always passes the Dutch tokenizer. Our references are three summaries of
# three sentences each, written for this lesson with different focuses; each has an English
# translation.

# %%
references = load_references(article)
references

# %% [markdown]
# `find_rouge` scores one summary against every reference. Here is LEAD-3:

# %%
lead_text = join_summary(summarize_lead(article, n=3))
find_rouge(lead_text, references)

# %% [markdown]
# Averaged over the three references, per method:

# %%
compare_methods(article, references, n=3)

# %% [markdown]
# LEAD-3 has the highest ROUGE on all three measures, TextRank comes close, and the frequency
# method is last. The first sentence of a news article already holds the claim, the source and
# the main actors, and every reference repeats them.

# %% [markdown]
# ### Exercise 2.3 — ROUGE-1 of LEAD-3 (2 points)
#
# - Score the LEAD-3 summary (`lead_text`) against reference **A** only.
# - Store its ROUGE-1 F1 in `answer_2_3` as a number, rounded to two decimals.
#
# <details><summary>Hint</summary>
#
# Select the row of `find_rouge(...)` where `reference` is `"A"` and `metric` is `"rouge1"`,
# then take the `f` column. `round(x, 2)` rounds.
#
# </details>

# %% answer 2.3
answer_2_3 = ...  # your answer here
### BEGIN SOLUTION
scores = find_rouge(lead_text, references)
answer_2_3 = round(float(scores.loc[(scores["reference"] == "A") & (scores["metric"] == "rouge1"), "f"].iloc[0]), 2)
### END SOLUTION

# %% check 2.3
check("2.3", answer_2_3)

# %% tests 2.3
"""Exercise 2.3: ROUGE-1 F1 of LEAD-3 against reference A, two decimals."""
### BEGIN HIDDEN TESTS
assert_answer("2.3", answer_2_3)
### END HIDDEN TESTS

# %% [markdown]
# ## 3. What ROUGE cannot see
#
# ROUGE counts words; it does not check facts. Here is a short summary with three errors in it.

# %%
bad_summary = ("Rusland heeft China om militaire steun gevraagd. "
               "“We zullen dat niet toestaan”, zei China over de Amerikaanse beschuldiging. "
               "Sullivan ontmoet maandag in Genève de Chinese veiligheidsadviseur Yang Jiechi.")
find_rouge(bad_summary, references).groupby("metric")["f"].mean()

# %% [markdown]
# Correct two of the errors, the speaker and the city, and score it again. The scores hardly move:
# ROUGE-2 and ROUGE-L rise by less than 0.01, and ROUGE-1 even falls a little, because *China* is
# a more common word in the references than *Sullivan*.

# %%
corrected = bad_summary.replace("zei China", "zei Sullivan").replace("Genève", "Rome")
find_rouge(corrected, references).groupby("metric")["f"].mean()

# %% [markdown]
# The library has four checks for what ROUGE misses. These are rules, not understanding: they
# point at places to re-read.
#
# | check | question | function |
# |---|---|---|
# | names and numbers | is every name and number in the article? | `find_unsupported_names` |
# | quotations | is every quotation word for word in the article? | `find_unsupported_quotes` |
# | speakers | does the summary give a quotation to the same speaker as the article? | `find_swapped_speakers` |
# | hedges | does the summary keep *volgens*, *zou*, *zo meldden* where the article has them? | `find_unhedged_claims` |
#
# First, names and numbers:

# %%
find_unsupported_names(bad_summary, article)

# %% [markdown]
# The quotation is word for word in the article, so the quotation check finds nothing wrong:

# %%
find_unsupported_quotes(bad_summary, article)

# %% [markdown]
# But who said it? The library finds the speaker of each quotation in the article with simple
# rules: a speech verb and a name (*zei Sullivan*), *volgens* and a name, or a pronoun (*hem*,
# *hij*) that points back to the last speaker. A phrase nobody is said to speak, such as
# ‘ijzersterke vriendschap’, gets no speaker.

# %%
find_quote_speakers(article)

# %% [markdown]
# The summary's speaker is compared with the article's:

# %%
find_swapped_speakers(bad_summary, article)

# %% [markdown]
# Finally, hedges. The article never says that Russia asked China for support; it says that media
# *reported* it (*zo meldden*), *on the basis of anonymous sources* (*op basis van anonieme
# bronnen*). Each summary sentence is matched with the article sentence that shares the most
# content words:

# %%
find_unhedged_claims(bad_summary, article)[["summary_sentence", "article_sentence", "article_hedges",
                                            "summary_hedges", "unhedged"]]

# %% [markdown]
# ### Exercise 2.4 — A name from nowhere (1 point)
#
# - Use `find_unsupported_names` on `bad_summary`.
# - Which name in the bad summary is not in the article? Store it in `answer_2_4` as a `str`,
#   spelled as the summary spells it.
#
# <details><summary>Hint</summary>
#
# Select the rows where the `in_article` column is `False`.
#
# </details>

# %% answer 2.4
answer_2_4 = ...  # your answer here
### BEGIN SOLUTION
names = find_unsupported_names(bad_summary, article)
answer_2_4 = names.loc[~names["in_article"], "word"].iloc[0]
### END SOLUTION

# %% check 2.4
check("2.4", answer_2_4)

# %% tests 2.4
"""Exercise 2.4: the one name in the bad summary that the article does not have."""
### BEGIN HIDDEN TESTS
assert_answer("2.4", answer_2_4)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2.5 — Who really said it? (1 point)
#
# - The bad summary says China said “We zullen dat niet toestaan”.
# - Who says it in the article? Store the speaker's name in `answer_2_5` as a `str`.
#
# <details><summary>Hint</summary>
#
# Look at the `article_speaker` column of `find_swapped_speakers(bad_summary, article)`, or at
# paragraph 2 of the article.
#
# </details>

# %% answer 2.5
answer_2_5 = ...  # your answer here
### BEGIN SOLUTION
answer_2_5 = find_swapped_speakers(bad_summary, article)["article_speaker"].iloc[0]
### END SOLUTION

# %% check 2.5
check("2.5", answer_2_5)

# %% tests 2.5
"""Exercise 2.5: the speaker the article gives for the quotation in the bad summary."""
### BEGIN HIDDEN TESTS
assert_answer("2.5", answer_2_5)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Your own summary
#
# `check_summary` runs every check at once and reports the length and the ROUGE scores. It never
# says whether a summary is good: that is for you and your teacher. Here it is on the bad summary:

# %%
check_summary(bad_summary, article)

# %% [markdown]
# ### Exercise 2.6 — Write a faithful summary (3 points)
#
# - Write a summary of the article in **three Dutch sentences**, in your own words.
# - Keep the hedges: say *who* reports or claims what (*volgens*, *zou*, *zo meldden*).
# - Quote only word for word, and only with the right speaker.
# - Put your draft in `my_summary` below and run `check_summary` until it finds nothing to
#   re-read; then copy the final text into the answer cell under it.
#
# Your teacher grades the answer cell by hand.

# %%
my_summary = ""  # write your three Dutch sentences between the quotation marks
check_summary(my_summary, article)

# %% [markdown] prose 2.6 points=3
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# Volgens de Financial Times en The Washington Post, op basis van anonieme Amerikaanse bronnen,
# heeft Rusland China om militaire steun gevraagd; China ontkent dat in vage termen en verwijt de
# VS desinformatie. De Amerikaanse veiligheidsadviseur Jake Sullivan waarschuwt dat de VS Chinese
# steun aan Rusland niet zullen toestaan, en spreekt maandag in Rome met zijn Chinese collega Yang
# Jiechi. China houdt zich in het openbaar op de vlakte, omdat het zowel met Rusland als met
# Oekraïne goede betrekkingen heeft en sancties zijn economie kunnen schaden.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 2.6 (teacher only, 3 points).**
#
# - 1 point: the core news is there and correct: the reported request of Russia to China for
#   military support, and at least one reaction (Sullivan's warning or China's denial).
# - 1 point: the claim keeps its hedge or source (*volgens*, *zou*, *zo meldden*, the media or
#   the anonymous sources); stating the request as a plain fact loses this point.
# - 1 point: faithful details: no name, number or place that is not in the article, quotations
#   word for word with the right speaker (`check_summary` helps), three sentences.
# - Bonus remark, no points: does the summary show the contest over who spreads disinformation?

# %% [markdown]
# ## Key points
#
# - Extractive summarizers copy sentences. LEAD takes the first ones; frequency and TextRank
#   score sentences by the words they share with the rest of the article.
# - In a news article written as an inverted pyramid, LEAD-3 is hard to beat on ROUGE.
# - ROUGE counts shared words against references; always give it a tokenizer that keeps Dutch
#   letters such as *ï* and *ë*.
# - ROUGE does not see invented names, swapped speakers or dropped hedges. Rules can flag some
#   of them; a careful reader must check the rest.
#
# ## Discussion
#
# 1. Why does the inverted pyramid make LEAD strong? Would LEAD-3 work for an opinion column or
#    an interview?
# 2. Which of the three machine summaries keeps the hedge *zo meldden … op basis van anonieme
#    bronnen*? Which reports the request as if it were a fact?
# 3. The article ends on a contest: the US and China each accuse the other of spreading
#    disinformation (paragraphs 10–13). Which summary, machine or reference, shows that contest?
#    Why do three sentences chosen from the article lose it?
# 4. Our references were written by us. How would the ROUGE ranking change with other
#    references, for example reference C alone?
