# %% [markdown]
# # 04 · Evaluating sources
#
# A news article is built from what other people say. In this lesson you find who speaks in the
# article and how, whose voices are missing, and what the main claims rest on.
#
# **Learning goals.** After this notebook you can
#
# 1. *find* who speaks and how: direct quotes, partial quotes, scare quotes and indirect speech;
# 2. *distinguish* named from anonymous sources, and officials from experts and media;
# 3. *map* whose voices are heard and whose are missing;
# 4. *trace* a claim to its basis with SIFT and lateral reading.
#
# **Time:** about 75 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads the article and the source finders of the course library.

# %%
from course import (ARTICLES_DIR, assert_answer, build_source_network, check, find_attributions, find_quotations,
                    find_sources, find_voices, list_silent_actors, load_article, load_claims, plot_source_network,
                    plot_voices)

article = load_article()

# %% [markdown]
# ## 1. Quotations
#
# Dutch newspapers mark quotations in several ways: “double curly”, ‘single curly’, „low“ and
# "straight" marks (some papers open with ,, two commas). `find_quotations` finds them all, and
# sorts each into one of five kinds.

# %%
find_quotations(article)

# %% [markdown]
# | kind | what it is | example |
# |---|---|---|
# | direct | a full sentence in quotation marks, said by someone | “We zullen dat niet toestaan”, zei Sullivan |
# | partial | a quoted fragment inside a sentence that names a speaker | volgens hem ‘direct en achter de schermen’ |
# | scare | a quoted phrase nobody is said to have spoken | vierden hun ‘gouden huwelijk’ |
# | unattributed | a full sentence in quotation marks that nobody is said to speak | “Dat klopt niet.” on its own |
# | unattributed-partial | a quoted fragment after a verb of agreeing: open to two readings | beklonken hun ‘ijzersterke vriendschap’ |
#
# The `rule` column says how the speaker was found: `named` or `anonymous` (*een woordvoerder*) in
# the sentence, through a `pronoun` (*hij*, *hem*) pointing back to the person named before,
# `continued` from the quotation before it, `previous` (the sentence before is about the
# speaker), `role` (*de gedeputeerde* for the person named before) or `organisation` (*aldus een
# woordvoerder* after the organisation); `agreeing` marks the fragment after a verb of agreeing.
# The last five are weaker rules: check them against the text. `start` and `end` say where the
# quotation stands in its paragraph.
#
# ‘ijzersterke vriendschap’ can be read two ways. Xi and Poetin *beklonken* (sealed) their
# friendship: perhaps these were their own words at the Winter Games, quoted as a fragment;
# perhaps the journalist puts the glowing phrase in quotation marks to keep a distance from it (a
# scare quote). The text does not say which, so the table gives it no speaker.

# %% [markdown]
# ### Exercise 4.1 — Whose words are quoted? (1 point)
#
# - Select the direct quotations of the article.
# - Store their speakers in `answer_4_1` as a list of `str`.
#
# <details><summary>Hint</summary>
#
# Select rows with `table[table["kind"] == "direct"]`, then take the `speaker` column.
#
# </details>

# %% answer 4.1
answer_4_1 = ...  # your answer here
### BEGIN SOLUTION
quotations = find_quotations(article)
answer_4_1 = quotations.loc[quotations["kind"] == "direct", "speaker"].unique().tolist()
### END SOLUTION

# %% check 4.1
check("4.1", answer_4_1)

# %% tests 4.1
"""Exercise 4.1: the speakers of the direct quotations."""
### BEGIN HIDDEN TESTS
assert_answer("4.1", answer_4_1)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.2 — The quotation without a speaker (1 point)
#
# - Find the quotation that nobody in the article is said to have spoken.
# - Store the number of its paragraph in `answer_4_2` as an `int`.
#
# <details><summary>Hint</summary>
#
# A quotation nobody is said to speak has no speaker: its `speaker` is missing (`isna()`).
#
# </details>

# %% answer 4.2
answer_4_2 = ...  # your answer here
### BEGIN SOLUTION
quotations = find_quotations(article)
answer_4_2 = int(quotations.loc[quotations["speaker"].isna(), "paragraph"].iloc[0])
### END SOLUTION

# %% check 4.2
check("4.2", answer_4_2)

# %% tests 4.2
"""Exercise 4.2: the paragraph of the only quotation without a speaker."""
### BEGIN HIDDEN TESTS
assert_answer("4.2", answer_4_2)
### END HIDDEN TESTS

# %% [markdown]
# ## 2. Statements without quotation marks
#
# Most of what sources say reaches the reader as indirect speech: *volgens X*, *X zei*, *zo
# meldden X*, *aldus X*, *X laat weten*. `find_attributions` finds these sentences, with the
# speaker and the speech verb.

# %%
find_attributions(article)[["paragraph", "speaker", "verb", "named"]]

# %% [markdown]
# Read the first rows: the article's main news, the request of Russia to China, is reported by
# two newspapers, which rely in turn on sources they do not name.

# %% [markdown]
# ## 3. The sources table
#
# `find_sources` merges every quotation and attribution into one row per source: *Sullivan* and
# *Jake Sullivan* are one source, and so are *Zhao* and *Zhao Lijian*.

# %%
sources = find_sources(article)
sources

# %% [markdown]
# | column | meaning |
# |---|---|
# | `type` | official (government, politician, spokesperson), expert (academic, analyst, think tank), media, organisation, citizen, document, unknown |
# | `named` | False when the text describes the source without a name (*anonieme bronnen*, *ingewijden*) |
# | `side` | the country or affiliation the text gives, or empty |
# | `direct`, `partial`, `indirect` | how many statements of each kind; scare quotes have no source |

# %% [markdown]
# ### Exercise 4.3 — Anonymous sources (1 point)
#
# - Count the sources the article does not name.
# - Store the count in `answer_4_3` as an `int`.
#
# <details><summary>Hint</summary>
#
# `(~sources["named"]).sum()` counts the rows where `named` is False.
#
# </details>

# %% answer 4.3
answer_4_3 = ...  # your answer here
### BEGIN SOLUTION
answer_4_3 = int((~sources["named"]).sum())
### END SOLUTION

# %% check 4.3
check("4.3", answer_4_3)

# %% tests 4.3
"""Exercise 4.3: the number of anonymous sources."""
### BEGIN HIDDEN TESTS
assert_answer("4.3", answer_4_3)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Whose voices are heard?
#
# `find_voices` adds up the statements per side; sources without a side are grouped by type.

# %%
voices = find_voices(article)
voices

# %% [markdown]
# The chart shows the same table: the longer the bar, the more often a side gets to speak.

# %%
plot_voices(article)

# %% [markdown]
# Who is talked about but never speaks? `list_silent_actors` gives the actors the article names
# who are not a source of any statement.

# %%
list_silent_actors(article)

# %% [markdown]
# Be exact about Russia. The article never quotes Russia, but paragraph 13 does attribute a claim
# to it: *Volgens Rusland bestaan die plannen*. So Russia speaks once, indirectly, and not in its
# own words. Xi Jinping and Vladimir Poetin are named only in paragraph 4, next to the quoted
# fragment ‘ijzersterke vriendschap’, which the article does not attribute to either of them.

# %%
sources.loc[sources["side"] == "Rusland", ["source", "direct", "partial", "indirect", "paragraphs"]]

# %% [markdown]
# ### Exercise 4.4 — The American voice (1 point)
#
# - Count all statements (direct, partial and indirect) of the American side.
# - Store the count in `answer_4_4` as an `int`.
#
# <details><summary>Hint</summary>
#
# The side of the United States is written `VS`, as in the article.
#
# </details>

# %% answer 4.4
answer_4_4 = ...  # your answer here
### BEGIN SOLUTION
answer_4_4 = int(voices.loc[voices["side"] == "VS", "statements"].iloc[0])
### END SOLUTION

# %% check 4.4
check("4.4", answer_4_4)

# %% tests 4.4
"""Exercise 4.4: the number of statements of the American side."""
### BEGIN HIDDEN TESTS
assert_answer("4.4", answer_4_4)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.5 — The party that never speaks (1 point)
#
# - Read the list of silent actors.
# - Which *country* that is a party to the war never speaks in the article? Store its name in
#   `answer_4_5` as a `str`, as the article writes it.
#
# <details><summary>Hint</summary>
#
# Two countries fight the war; one of them speaks once, in paragraph 13.
#
# </details>

# %% answer 4.5
answer_4_5 = ...  # your answer here
### BEGIN SOLUTION
answer_4_5 = next(a for a in list_silent_actors(article) if a in {"Oekraïne", "Rusland"})
### END SOLUTION

# %% check 4.5
check("4.5", answer_4_5)

# %% tests 4.5
"""Exercise 4.5: the party to the war that is never a source."""
### BEGIN HIDDEN TESTS
assert_answer("4.5", answer_4_5)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.6 — What kind of source? (2 points)
#
# - Look up the type of these five sources, in this order: *Financial Times*, the anonymous
#   sources, *Jake Sullivan*, *Ryan Hass*, *Zhao Lijian*.
# - Check each against the text: does the article support the type?
# - Store the five types in `answer_4_6` as a list of `str`.
#
# <details><summary>Hint</summary>
#
# `sources.set_index("source").loc[names, "type"]` looks up several rows at once; the anonymous
# source is the row whose `named` is False.
#
# </details>

# %% answer 4.6
answer_4_6 = ...  # your answer here
### BEGIN SOLUTION
anonymous = sources.loc[~sources["named"], "source"].iloc[0]
names = ["Financial Times", anonymous, "Jake Sullivan", "Ryan Hass", "Zhao Lijian"]
answer_4_6 = sources.set_index("source").loc[names, "type"].tolist()
### END SOLUTION

# %% check 4.6
check("4.6", answer_4_6)

# %% tests 4.6
"""Exercise 4.6: the types of five sources, in the order of the exercise."""
### BEGIN HIDDEN TESTS
assert_answer("4.6", answer_4_6)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Who speaks about whom
#
# `build_source_network` links each source to the actors named in the sentences where it speaks;
# the drawing colours sources blue and actors who are only talked about orange.

# %%
network = build_source_network(article)
sorted(n for n, role in network.nodes(data="role") if role == "mentioned")

# %% [markdown]
# In the drawing, a thicker arrow means more statements about that actor.

# %%
plot_source_network(article)

# %% [markdown]
# ## 6. Tracing claims
#
# The claims table lists the article's main claims, who makes each, what it rests on, and what a
# reader could check. We wrote it by hand: no rule can say what a claim rests on.

# %%
load_claims(article)[["claim", "paragraph", "made_by", "basis"]]

# %% [markdown]
# **SIFT** (Caulfield) is a routine for checking a claim in a few minutes:
#
# | step | question |
# |---|---|
# | Stop | Do I know this source? What do I feel when I read this, and does that cloud my judgement? |
# | Investigate the source | Who is this, what is their expertise and their interest? |
# | Find better coverage | Do other, independent outlets report the same, or do they all copy one report? |
# | Trace claims, quotes and media | Where does the claim first appear, and does the original say what this article says? |
#
# Professional fact-checkers read **laterally** (Wineburg & McGrew 2019): they leave the page
# almost at once and open new tabs to see what others say about the source and the claim, instead
# of reading the page itself closely. The CRAAP test (Currency, Relevance, Authority, Accuracy,
# Purpose) asks questions about the page itself; it is widely taught and criticised, because a
# page can easily fake the signals it looks for.

# %% [markdown]
# Here is what the table says can be checked for the article's first claim.

# %%
print(load_claims(article).set_index("claim").loc["request", "check"])

# %% [markdown]
# ### Exercise 4.7 — A SIFT worksheet (3 points)
#
# - Choose one claim from the claims table (not `request`).
# - Walk it through the four SIFT steps, one or two sentences per step, in English or Dutch.
# - Say for the *Investigate* or *Find* step which searches you would run to read laterally
#   (what you would type, and where).
# - End with one sentence: how far can a reader trust the claim, and why?
#
# Your teacher grades the answer cell by hand.

# %% [markdown] prose 4.7 points=3
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# Claim `us_disinformation` (paragraph 12): Zhao Lijian says the US spread disinformation about
# Ukraine with China as its target. **Stop:** this is a quote from one side of a dispute, about
# the other side; I notice it is meant to make the US look bad. **Investigate:** Zhao is a
# spokesman of the Chinese foreign ministry, so he speaks for the Chinese government; I search
# "Zhao Lijian spokesperson" in a news search and on Wikipedia to see his record. **Find better
# coverage:** I search "Zhao Lijian disinformation Ukraine March 2022" and look for independent
# outlets (Reuters, AP) and fact-checkers. **Trace:** the ministry publishes transcripts of its
# press briefings; I compare the exact words. The quote itself can be checked, the accusation
# cannot: the article gives no evidence for it, so I treat it as China's position, not a fact.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 4.7 (teacher only, 3 points).**
#
# - 1 point: all four SIFT steps are applied to one claim from the table, in order, and the claim
#   and its source are stated correctly (who makes it, on what basis).
# - 1 point: lateral reading: at least one concrete search outside the article (search terms and
#   where: news search, fact-checker, the original transcript or tweet).
# - 1 point: a reasoned conclusion that separates what can be checked (that someone said it) from
#   what cannot (whether it is true), and notes anonymous or one-sided sourcing where relevant.
# - No points for restating the article; a conclusion of "true" or "false" without reasons loses
#   the third point.

# %% [markdown]
# ## 7. Other articles
#
# The finders work on any article in the course format. In this article about drought on the
# Rhine, the skipper is named in one sentence and quoted in the next with *zegt hij*.

# %%
find_quotations(load_article(ARTICLES_DIR / "002_droogte_rijn.txt"))

# %% [markdown]
# ## Key points
#
# - A quotation can be direct, partial or a scare quote; only the first two have a speaker. A
#   fragment after a verb of agreeing (*beklonken hun ‘...’*) is open to two readings.
# - The rule behind each speaker matters: a speaker found through a pronoun or the sentence before
#   is a weaker inference than a name in the sentence.
# - Most statements in news are indirect: *volgens*, *zo meldden*, *aldus*, speech verbs.
# - Count sources by type, name and side: this article's main news rests on anonymous officials,
#   reported by two newspapers.
# - The voices map shows who is missing: Ukraine never speaks, and Russia speaks only once,
#   indirectly.
# - SIFT and lateral reading check a claim from outside the article; CRAAP checks the page itself.
#
# ## Discussion
#
# 1. The US and China each accuse the other of spreading disinformation. How does the article
#    balance the two accusations? Whose accusation is quoted, whose is reported?
# 2. Why might US officials stay anonymous here? What does the article say about the US strategy of
#    leaking to the media (paragraph 10)?
# 3. Which voices would you add to the article, and why?
# 4. Our rules found the speakers of these short articles. Which sentences would fool them?
