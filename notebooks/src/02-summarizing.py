# %% [markdown]
# # 02 · Summarizing the article
#
# A summary keeps what matters and drops the rest. A computer can pick sentences for a summary,
# and it can score a summary against ones people wrote; in this lesson you try both, and find
# out what the scores miss.
#
# **Learning goals.** After this notebook you can
#
# 1. *compare* three extractive summarizers (LEAD, word frequency, TextRank), *explain* why
#    they choose different sentences, and *write* LEAD-n yourself;
# 2. *count* ROUGE-1 by hand in a function of your own, *check* it against `rouge-score`, and
#    *explain* ROUGE-2 and ROUGE-L;
# 3. *find* what ROUGE misses: invented names, quotations put in the wrong mouth, reported claims
#    turned into facts, and what the article itself takes for granted;
# 4. *write* a faithful three-sentence summary of a news article.
#
# **Time:** about 75 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (Case, DutchTokenizer, assert_answer, check, check_summary, compare_methods,
                    find_quote_speakers, find_rouge, find_swapped_speakers, find_unhedged_claims,
                    find_unsupported_names, find_unsupported_quotes, grade_function, join_summary, load_article,
                    load_references, plot_sentence_scores, score_sentences, summarize_frequency, summarize_lead,
                    summarize_textrank)

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
# Which of the three functions above uses word frequency? Its table has a column of sentence
# numbers; the answer is that column as a plain Python list, not the table.
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
# TextRank ranks sentence 10 first, a background sentence from paragraph 4 that shares words with
# many others: centrality is not news. LEAD-n is the opposite: it knows nothing about words, only
# about position. Write it yourself.
#
# ### Exercise 2.2 — LEAD-n by hand (2 points)
#
# - Complete `lead_n(paragraphs, n)`: the article comes as a list of paragraphs, each a list of
#   sentences, and LEAD-n takes the first `n` sentences, across paragraph breaks.
# - An article with fewer than `n` sentences gives all of them; `n` of 0 or less gives `[]`.
# - Fill in the two `...`: when the summary is full, and what the function gives back at the end.
#
# <details><summary>Hint</summary>
#
# The loop walks through the sentences from the top. Before it adds a sentence, what must it
# check about the sentences it already has? And if the loop runs out of sentences first, what is
# left to return?
#
# </details>

# %% answer 2.2
def lead_n(paragraphs, n):
    """The first n sentences of an article given as paragraphs (each a list of sentences)."""
    chosen = []
    for paragraph in paragraphs:
        for sentence in paragraph:
            if len(chosen) == ...:  # when is the summary full? (think of every n the docstring allows)
                return chosen
            chosen.append(sentence)
    return ...  # the article ran out of sentences: what is left to give back?
### BEGIN SOLUTION
def lead_n(paragraphs, n):
    """The first n sentences of an article given as paragraphs (each a list of sentences)."""
    chosen = []
    for paragraph in paragraphs:
        for sentence in paragraph:
            if len(chosen) >= n:
                return chosen
            chosen.append(sentence)
    return chosen
### END SOLUTION

# %% check 2.2
check("2.2", lead_n)

# %% tests 2.2
"""Exercise 2.2: lead_n on held-back articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("2.2", lead_n, [
    Case("n stays inside the first paragraph",
         ([["De Rijn staat bij Lobith lager dan ooit.", "Schepen vervoeren een derde van hun lading."],
           ["Binnenvaartschippers maken zich zorgen.", "Schipper Johan Kramer vaart al dertig jaar.",
            "Hij ziet het somber in."], ["Het ministerie ziet geen reden voor paniek."]], 1),
         ["De Rijn staat bij Lobith lager dan ooit."]),
    Case("n stays inside the first paragraph",
         ([["De Rijn staat bij Lobith lager dan ooit.", "Schepen vervoeren een derde van hun lading."],
           ["Binnenvaartschippers maken zich zorgen."]], 2),
         ["De Rijn staat bij Lobith lager dan ooit.", "Schepen vervoeren een derde van hun lading."]),
    Case("n goes past the first paragraph",
         ([["De Rijn staat bij Lobith lager dan ooit.", "Schepen vervoeren een derde van hun lading."],
           ["Binnenvaartschippers maken zich zorgen.", "Schipper Johan Kramer vaart al dertig jaar.",
            "Hij ziet het somber in."], ["Het ministerie ziet geen reden voor paniek."]], 4),
         ["De Rijn staat bij Lobith lager dan ooit.", "Schepen vervoeren een derde van hun lading.",
          "Binnenvaartschippers maken zich zorgen.", "Schipper Johan Kramer vaart al dertig jaar."]),
    Case("n goes past the first paragraph", ([["Eén."], ["Twee."], ["Drie."], ["Vier."]], 3),
         ["Eén.", "Twee.", "Drie."]),
    Case("n is larger than the article",
         ([["De gemeente wil bouwen.", "Dat zei de wethouder."], ["Bewoners zijn boos."]], 10),
         ["De gemeente wil bouwen.", "Dat zei de wethouder.", "Bewoners zijn boos."]),
    Case("n is zero or less", ([["De gemeente wil bouwen."], ["Bewoners zijn boos."]], 0), []),
    Case("n is zero or less", ([["De gemeente wil bouwen."], ["Bewoners zijn boos."]], -2), []),
    Case("an empty paragraph", ([["Eerste zin."], [], ["Tweede zin.", "Derde zin."]], 2),
         ["Eerste zin.", "Tweede zin."]),
])
### END HIDDEN TESTS

# %% [markdown]
# Your LEAD-3 of the article, next to the library's:

# %%
paragraphs = [[s.text for s in article.sentences_in(p.index)] for p in article.paragraphs]
lead_n(paragraphs, 3), summarize_lead(article, n=3)["text"].tolist()

# %% [markdown]
# ## 2. Scoring summaries with ROUGE
#
# ROUGE (Lin 2004) compares a summary with summaries people wrote, the *references*, by counting
# shared words. ROUGE-1 counts shared single words, ROUGE-2 shared pairs of neighbouring words,
# and ROUGE-L the *longest common subsequence*: the longest list of words that appear in both
# texts in the same order, with gaps allowed. Each gives a *precision* (how much of the summary is
# in the reference), a *recall* (how much of the reference is in the summary) and their balance,
# *F1* = 2·P·R / (P + R).
#
# ROUGE-L allows gaps. In this pair the longest unbroken run of shared words is *china wijst de*
# (3 words), but the longest common subsequence is *china wijst de beschuldiging af* (5 of the 6
# words of each), so ROUGE-L precision and recall are 5/6:

# %%
find_rouge("China wijst de beschuldiging direct af", "China wijst de Amerikaanse beschuldiging af")

# %% [markdown]
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
# Before the library scores anything, count ROUGE-1 yourself. For one summary and one reference,
# both split into words:
#
# - a word is *shared* at most as often as it occurs on **both** sides: a summary that says
#   *china* three times shares it only once with a reference that says it once;
# - precision = shared words / words of the summary; recall = shared words / words of the
#   reference; F1 = 2·P·R / (P + R); and 0.0 wherever you would divide by zero.

# %% [markdown]
# ### Exercise 2.3 — ROUGE-1 counted by hand (3 points)
#
# - Write `rouge_1(summary_words, reference_words)`. It returns a dict with the keys
#   `"precision"`, `"recall"` and `"f"`. This time only the signature and docstring are given.
# - The check runs three small examples; the grade runs word lists from other articles.
#
# <details><summary>Hint</summary>
#
# The standard library's `collections` module has a class that counts how often each item of a
# list occurs; read what it can do with two such counts (its documentation lists the operators).
# For each word, which of its two counts is the number of times it is shared?
#
# </details>

# %% answer 2.3
def rouge_1(summary_words, reference_words):
    """ROUGE-1 of a summary against one reference, both given as lists of words.

    Returns {"precision": ..., "recall": ..., "f": ...}, each between 0 and 1.
    """
    return ...  # your code here
### BEGIN SOLUTION
from collections import Counter


def rouge_1(summary_words, reference_words):
    """ROUGE-1 of a summary against one reference, both given as lists of words."""
    shared = Counter(summary_words) & Counter(reference_words)
    overlap = sum(shared.values())
    precision = overlap / len(summary_words) if summary_words else 0.0
    recall = overlap / len(reference_words) if reference_words else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f": f}
### END SOLUTION

# %% check 2.3
check("2.3", rouge_1)

# %% tests 2.3
"""Exercise 2.3: rouge_1 on held-back word lists from other articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("2.3", rouge_1, [
    Case("no word repeated", (["de", "rijn", "staat", "laag"], ["de", "rijn", "staat", "lager", "dan", "ooit"]),
         {"precision": 0.75, "recall": 0.5, "f": 0.6}),
    Case("no word repeated",
         (["de", "gemeente", "wil", "een", "fietsenstalling", "bouwen"],
          ["utrecht", "bouwt", "een", "tweede", "fietsenstalling"]),
         {"precision": 0.3333, "recall": 0.4, "f": 0.3636}),
    Case("a word repeated in the summary", (["de", "de", "de", "stalling"], ["de", "stalling", "is", "vol"]),
         {"precision": 0.5, "recall": 0.5, "f": 0.5}),
    Case("no shared words", (["schepen", "varen"], ["de", "rijn", "staat", "laag"]), {"precision": 0.0, "recall": 0.0, "f": 0.0}),
    Case("an empty summary", ([], ["de", "raad", "besluit", "in", "december"]), {"precision": 0.0, "recall": 0.0, "f": 0.0}),
    Case("words repeated on both sides",
         (["de", "raad", "en", "de", "wethouder", "en", "de", "buurt"], ["de", "buurt", "en", "de", "raad"]),
         {"precision": 0.625, "recall": 1.0, "f": 0.7692}),
])
### END HIDDEN TESTS

# %% [markdown]
# Now LEAD-3 against reference A. Split both with the Dutch tokenizer, the same way `find_rouge`
# does:

# %%
lead_text = join_summary(summarize_lead(article, n=3))
reference_a = references.set_index("reference").loc["A", "nl"]
tokenizer = DutchTokenizer()
tokenizer.tokenize(lead_text)[:12]

# %% [markdown]
# ### Exercise 2.4 — Your ROUGE-1 against rouge-score (1 point)
#
# - Use **your** `rouge_1` on the words of `lead_text` and of `reference_a`.
# - Store the F1, rounded to two decimals, in `answer_2_4` as a number.
#
# <details><summary>Hint</summary>
#
# Which of the two texts is the summary? Your function wants lists of words, so each text goes
# through the tokenizer of the cell above first.
#
# </details>

# %% answer 2.4
answer_2_4 = ...  # your answer here
### BEGIN SOLUTION
answer_2_4 = round(rouge_1(tokenizer.tokenize(lead_text), tokenizer.tokenize(reference_a))["f"], 2)
### END SOLUTION

# %% check 2.4
check("2.4", answer_2_4)

# %% tests 2.4
"""Exercise 2.4: ROUGE-1 F1 of LEAD-3 against reference A, two decimals."""
### BEGIN HIDDEN TESTS
assert_answer("2.4", answer_2_4)
### END HIDDEN TESTS

# %% [markdown]
# `find_rouge`, which calls `rouge-score`, scores one summary against every reference. Its
# `rouge1` row for reference A should hold your numbers:

# %%
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
# *hij*) that points back to the last speaker. ‘ijzersterke vriendschap’ (paragraph 4) gets no
# speaker: no speech verb or name is tied to it. A reader can take it two ways. It may be a
# *partial quote*: Xi and Poetin *beklonken daar hun ‘ijzersterke vriendschap’* (sealed their
# ‘rock-solid friendship’), which makes the two leaders its implied speakers, and this paper puts
# partial quotes in single quotation marks (Sullivan's ‘direct en achter de schermen’, Hass's
# ‘de verdeling van de wereld …’). Or it may be a *scare quote*: the paper keeping its distance
# from a phrase it does not make its own. The rules cannot choose; a summary that drops the marks
# chooses for the reader.

# %%
find_quote_speakers(article)

# %% [markdown]
# The summary's speaker is compared with the article's:

# %%
find_swapped_speakers(bad_summary, article)

# %% [markdown]
# Finally, hedges. The article opens with the request as a *report*: media reported it (*zo
# meldden*), *on the basis of anonymous sources* (*op basis van anonieme bronnen*), and
# paragraph 10 leaves open whether it was made at all. A summary that states the request as a
# plain fact drops those hedges. Each summary sentence is matched with the article sentence that
# shares the most content words:

# %%
find_unhedged_claims(bad_summary, article)[["summary_sentence", "article_sentence", "article_hedges",
                                            "summary_hedges", "unhedged"]]

# %% [markdown]
# ### Exercise 2.5 — Who really said it? (1 point)
#
# - The bad summary says China said “We zullen dat niet toestaan”.
# - Who says it in the article? Store the speaker's name in `answer_2_5` as a `str`.
#
# <details><summary>Hint</summary>
#
# The speaker check above printed both speakers of the quotation: which column is the article's?
# Or read paragraph 2 of the article and find the speech verb next to the quotation.
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
# ### What the article takes for granted
#
# Hedges are not the whole story: the article itself does not keep its distance all the way
# through. Paragraph 10 says *of er daadwerkelijk door Rusland om militaire steun is verzocht of
# niet* (whether or not Russia actually asked for military support). Two paragraphs later the
# request has become a thing that exists. A phrase that takes something for granted, instead of
# claiming it, is a **presupposition**: *Als China inderdaad Rusland blijft steunen* (paragraph 11,
# "if China does indeed *keep* supporting Russia") presupposes that China already supports it.
# A presupposition survives a denial: "China did not deny X" still takes X for granted.

# %%
article.paragraph(12).text

# %% [markdown]
# ### Exercise 2.6 — What the article takes for granted (1 point)
#
# - In the first sentence of paragraph 12, find the noun phrase that treats the Russian request
#   as a given fact.
# - Store it in `answer_2_6` as text, as the article writes it.
#
# <details><summary>Hint</summary>
#
# The same sentence names the American claim *de Amerikaanse beschuldiging*, a phrase that keeps
# a distance. Which other phrase in it, built the same way (article, adjective, noun), names what
# China did not deny?
#
# </details>

# %% answer 2.6
answer_2_6 = ...  # your answer here
### BEGIN SOLUTION
answer_2_6 = "het Russische verzoek"
### END SOLUTION

# %% check 2.6
check("2.6", answer_2_6)

# %% tests 2.6
"""Exercise 2.6: the phrase of paragraph 12 that presupposes the Russian request."""
### BEGIN HIDDEN TESTS
assert_answer("2.6", answer_2_6)
### END HIDDEN TESTS

# %% [markdown]
# Reference summary C copies that presupposition (*zonder het verzoek glashard te ontkennen*):
# faithful to the article, and just as sure of the request as its paragraph 12.

# %% [markdown]
# ## 4. Your own summary
#
# `check_summary` runs every check at once and reports the length and the ROUGE scores. It never
# says whether a summary is good: that is for you and your teacher. Here it is on the bad summary:

# %%
check_summary(bad_summary, article)

# %% [markdown]
# ### Exercise 2.7 — Write a faithful summary (3 points)
#
# - Write a summary of the article in **three Dutch sentences**, in your own words.
# - Keep the hedges: say *who* reports or claims what (*volgens*, *zou*, *zo meldden*), and do
#   not copy a presupposition such as *het Russische verzoek* as if it were your own claim.
# - Quote only word for word, and only with the right speaker.
# - Put your draft in `my_summary` below and run `check_summary` until it finds nothing to
#   re-read; then copy the final text into the answer cell under it.
#
# Your teacher grades the answer cell by hand.

# %%
my_summary = ""  # write your three Dutch sentences between the quotation marks
check_summary(my_summary, article)

# %% [markdown] prose 2.7 points=3
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
# **Rubric for 2.7 (teacher only, 3 points).**
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
# - ROUGE-1 is shared words with clipped counts, as you counted them; ROUGE-2 shared word pairs;
#   ROUGE-L the longest common subsequence (gaps allowed). Always give ROUGE a tokenizer that
#   keeps Dutch letters such as *ï* and *ë*.
# - ROUGE does not see invented names, swapped speakers, dropped hedges, or presuppositions
#   copied from the article. Rules can flag some of them; a careful reader must check the rest.
#
# ## Discussion
#
# 1. Why does the inverted pyramid make LEAD strong? Would LEAD-3 work for an opinion column or
#    an interview?
# 2. Which of the three machine summaries keeps the hedge *zo meldden … op basis van anonieme
#    bronnen*? Which reports the request as if it were a fact?
# 3. ‘ijzersterke vriendschap’: partial quote of Xi and Poetin, or scare quote of the paper? What
#    in the sentence supports each reading, and what would a summary have to keep to leave the
#    choice to its reader?
# 4. The article ends on a contest: the US and China each accuse the other of spreading
#    disinformation (paragraphs 10–13). Which summary, machine or reference, shows that contest?
#    Why do three sentences chosen from the article lose it?
# 5. Our references were written by us. How would the ROUGE ranking change with other
#    references, for example reference C alone?
