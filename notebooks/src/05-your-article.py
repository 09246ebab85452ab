# %% [markdown]
# # 05 · Your own article
#
# In lessons 01–04 you read one article closely. Now you run every tool of those lessons on
# another article — one we ship, or one you choose — and write a short critical reading of it,
# each claim backed by a table or a sentence of the text.
#
# **Learning goals.** After this notebook you can
#
# 1. *run* every analysis of lessons 01–04 on a new article, in one notebook or with one command;
# 2. *check* the evidence tables against the text: say where a rule-based finder is right, wrong
#    or blind;
# 3. *write* a short critical reading of a news article in which every claim points to evidence.
#
# **Time:** about 60 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads the tools of lessons 01–04, and the analysis that runs them all at once.

# %%
from course import (WEAK_RULES, describe_readability, find_actors, find_attributions, find_hedges,
                    find_loaded_words, find_quotations, find_rare_words, find_rouge, find_sources, find_statements,
                    find_voices, join_summary,
                    data_path, lexicon_profile, list_silent_actors, load_article, plot_voices, score_readability,
                    show_actors, show_frames, summarize_lead, summarize_textrank, tabulate_frame_markers)
from course.report.analyze import analyze_article, format_text

# %% [markdown]
# ## 1. Choose your article
#
# The next cell names the article. By default it is one of the short articles we wrote for the
# course; they come with the course library, and `data_path("articles", NAME)` finds them
# wherever it is installed (the others are `002_droogte_rijn.txt` and `003_ziekenhuis_fusie.txt`).
# To read another one:
#
# - put the article in the course's plain-text format: a `date YYYY-MM` line, paragraphs
#   separated by blank lines, subheadings on their own line;
# - check it from a terminal with `course article PATH`;
# - write its path below in quotes (relative to the folder of this notebook, e.g.
#   `article_path = "my_article.txt"`) and run the notebook again.
#
# The cell is tagged `parameters`, so a tool such as papermill can run this notebook on any
# article: `papermill 05-your-article.ipynb out.ipynb -p article_path my_article.txt`.

# %% tags=parameters
article_path = data_path("articles", "001_fietsenstalling_utrecht.txt")

# %% [markdown]
# `load_article` reads the file. A file that is not an article in the format (missing, empty,
# not UTF-8, no body text) stops here with one line that names the file and the problem.

# %%
article = load_article(article_path)
print(f"{article.path}: date {article.date or '-'}, {len(article.paragraphs)} paragraphs, "
      f"{len(article.sentences)} sentences, headings: {'; '.join(article.heading_texts) or '-'}")

# %% [markdown]
# ## 2. Everything at once
#
# `analyze_article` runs the analyses of all four lessons and returns one record; `format_text`
# prints it as tables. The same record comes out of the command line, for any number of files:
# `course analyze PATH --format json` (one JSON object per article), `--format text` (these
# tables) or `--format html` (a one-page report with the highlighted text and the charts).

# %%
analysis = analyze_article(article)
print(format_text(analysis))

# %% [markdown]
# The tables are a starting point, not a verdict: every finder is a set of rules, and the rules
# were written for other articles. The next sections go back to the tools of each lesson, so you
# can check the record against the text.

# %% [markdown]
# ## 3. Reading (lesson 01)
#
# The structure first: how many sentences and words each paragraph has, and under which heading
# it falls.

# %%
article.paragraph_table[["paragraph", "section", "sentences", "words"]]

# %% [markdown]
# Readability of the whole text, with Flesch-Douma put into words. The formulas were made for
# samples of about 100 words or more, so the score of a short article is an illustration, not a
# measurement (`reliable` says whether the library thinks the text is long enough).

# %%
overall = score_readability(article.text)
print(overall, "-", describe_readability(overall["flesch_douma"]))

# %% [markdown]
# The actors the rules find, most mentioned first, and the same actors highlighted in the text.

# %%
find_actors(article)[["actor", "kind", "mentions", "paragraphs", "role"]]

# %% [markdown]
# Check the highlighting: is every person, country and organisation marked, and with the right
# kind?

# %%
show_actors(article)

# %% [markdown]
# Words that are rare in Dutch (Zipf below 3) are candidates for a glossary.

# %%
find_rare_words(article.text).head(10)

# %% [markdown]
# ## 4. Summarizing (lesson 02)
#
# LEAD-3 takes the first three sentences; TextRank takes the three sentences most similar to the
# rest of the article.

# %%
lead = summarize_lead(article)
textrank = summarize_textrank(article)
textrank[["sentence", "paragraph", "text"]]

# %% [markdown]
# With no reference summary for this article, ROUGE can still say how much the two summaries
# share: high scores mean TextRank also picked the lead.

# %%
find_rouge(join_summary(textrank), join_summary(lead))

# %% [markdown]
# ## 5. Framing (lesson 03)
#
# The lexicon profile: for each of the five frames of Semetko & Valkenburg (2000), the share of
# paragraphs with at least one marker word. Markers are hints for a human coder, not a coding.

# %%
lexicon_profile(article)

# %% [markdown]
# Where the markers are, paragraph by paragraph, and in the text.

# %%
tabulate_frame_markers(article)

# %% [markdown]
# Read the highlighted words in context: does each one really carry its frame here?

# %%
show_frames(article)

# %% [markdown]
# Word choice: hedges (*zou*, *volgens*, *naar verluidt*) and loaded words.

# %%
find_hedges(article)[["paragraph", "text", "note"]]

# %% [markdown]
# Loaded words carry a judgement of their own.

# %%
find_loaded_words(article)[["paragraph", "text", "note"]]

# %% [markdown]
# ## 6. Sources (lesson 04)
#
# Every quotation, with its kind (direct, partial, scare, unattributed, unattributed-partial), its
# speaker and the rule that found the speaker.

# %%
quotations = find_quotations(article)
quotations[["paragraph", "kind", "quote", "speaker", "rule"]]

# %% [markdown]
# Some speakers rest on a weaker rule than a name in the sentence: a `pronoun` (*zegt ze*), the
# `previous` sentence, a quotation `continued` from the one before, a `role` word (*de
# gedeputeerde*) or an `organisation` speaking through *een woordvoerder*. These rows are the ones
# to check against the text first.

# %%
quotations.loc[quotations["rule"].isin(WEAK_RULES), ["paragraph", "kind", "quote", "speaker", "rule"]]

# %% [markdown]
# Statements without quotation marks: *volgens X*, *X zegt dat*, *X laat weten*.

# %%
find_attributions(article)[["paragraph", "speaker", "verb", "named"]]

# %% [markdown]
# One row per source: type, named or anonymous, side, and how often it speaks in each way.

# %%
sources = find_sources(article)
sources

# %% [markdown]
# | column | meaning |
# |---|---|
# | `type` | official, expert, media, organisation, citizen, document, unknown |
# | `named` | False when the text describes the source without a name |
# | `side` | the country or affiliation the text gives, or empty |
# | `direct`, `partial`, `indirect` | how many statements of each kind |

# %% [markdown]
# The statements behind the sources table that rest on a weaker rule, or whose source has type
# *unknown* (the text gave no role word the rules know): check these rows against the text.

# %%
statements = find_statements(article)
weak = statements["speaker"].notna() & (statements["rule"].isin(WEAK_RULES) | (statements["type"] == "unknown"))
statements.loc[weak, ["paragraph", "kind", "speaker", "rule", "type", "text"]]

# %% [markdown]
# Whose voices are heard, per side (sources without a side are grouped by type).

# %%
find_voices(article)

# %% [markdown]
# The same as a chart.

# %%
plot_voices(article)

# %% [markdown]
# Who is named in the article but never speaks?

# %%
list_silent_actors(article)

# %% [markdown]
# ## 7. Your critical reading
#
# Answer the four exercises below for the article you chose. Point to evidence every time: a row
# of a table above (say which table and which row), or a sentence of the text with its paragraph
# number (¶). The model answers in the teacher edition are for the default article,
# `001_fietsenstalling_utrecht.txt`.

# %% [markdown]
# ### Exercise 5.1 — Who gets to speak? (2 points)
#
# - Use the sources table, the voices table and the list of silent actors.
# - Say which side or type of source speaks most, and how (direct, partial or indirect).
# - Count the named and the anonymous sources, and say what the anonymous ones are used for.
# - Name one actor who is talked about but never speaks, and say why that matters here.
#
# Write 3–5 sentences in the answer cell. Your teacher grades it by hand.

# %% [markdown] prose 5.1 points=2
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# Officials speak most: the voices table gives *official* 6 of the 11 statements. But the type
# hides the conflict: alderman Lotte van Dijk (two direct quotes in ¶2, one indirect statement in
# ¶1) defends the plan, while opposition party Stadsbelang Utrecht and its leader Peter de Groot
# (¶6), also typed *official*, attack it. The critics outside politics get one direct quote,
# resident Ahmed Benali (¶3), next to the residents who *fear* two years of nuisance (¶3, one
# indirect statement). The table has 6 named and 3 anonymous sources; two of them, *een ambtenaar
# die niet met naam genoemd wil worden* and *ingewijden* (¶4), carry the one uncomfortable fact,
# that the costs are uncertain and the 45-million estimate may be too low, and the reader cannot
# weigh who says it. The list of silent actors only has *gemeente Utrecht* (it speaks through its
# alderman); the rules miss the *gemeenteraad*, which decides in December (¶6) but is never heard.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 5.1 (teacher only, 2 points).**
#
# - 1 point: the dominant side or type and the way it speaks are read correctly from the sources
#   or voices table, with a row or paragraph named; named and anonymous sources counted as the
#   table has them (or the table corrected with a reason). Where one type holds both sides of the
#   conflict (an alderman and the opposition are both *official*), the answer says so.
# - 1 point: what the anonymous sources contribute, and one silent actor with a reason why their
#   silence matters for this story.
# - Answers that only restate the table, without a paragraph or row, get at most 1 point.

# %% [markdown]
# ### Exercise 5.2 — Where the rules go wrong (2 points)
#
# - Find one mistake of a finder on your article: a wrong row (a source of the wrong type, a
#   quotation without its speaker, a frame marker that does not carry the frame here) or a missing
#   one (a source or quotation the rules did not find).
# - Quote the sentence and give its paragraph number.
# - Explain what the rule saw, or failed to see, and what a human reader sees instead.
#
# Write 2–4 sentences. Your teacher grades it by hand.

# %% [markdown] prose 5.2 points=2
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# In ¶6, *Fractievoorzitter Peter de Groot: "Dit is een ‘prestigeproject’ dat de stad niet kan
# betalen."* The quotations table lists De Groot's whole quote, but not the scare quote
# ‘prestigeproject’ inside it, because the rules keep only the outermost quotation marks; a reader
# sees that De Groot himself puts the alderman's word at a distance. A second point: the sources
# table lists *ingewijden* (¶4) as type *unknown*: the text never says whose insiders they are, so
# the rule cannot type them, and neither can the reader.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 5.2 (teacher only, 2 points).**
#
# - 1 point: a real mistake or omission, with the sentence quoted exactly and the right paragraph
#   number (check it against the text).
# - 1 point: a plausible explanation in terms of the rule (quotation marks, speech verbs,
#   names, the lexicon word out of context) and what a reader sees instead.
# - No point for the second part when the "mistake" is in fact what the table says.

# %% [markdown]
# ### Exercise 5.3 — A critical reading (4 points)
#
# - In 150–250 words, in English or Dutch, say how the article frames its subject: the problem
#   definition, the cause, the moral judgement and the remedy it promotes (Entman 1993), and which
#   frame of Semetko & Valkenburg dominates.
# - Say whose perspective the article takes, judging by its sources and by what it leaves out.
# - Say whether the lead (LEAD-3) is a fair summary of the whole, and whether any claim rests on
#   anonymous or unchecked sources.
# - Back each claim with evidence: a table row or a quoted sentence with its ¶ number. Say at
#   least once where you disagree with a table.
#
# Your teacher grades it by hand.

# %% [markdown] prose 5.3 points=4
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# The article defines the problem as a shortage of bicycle parking at Utrecht station: the
# stalling is full every morning, and without action thousands of bikes will be back on the
# street (Van Dijk, ¶2). The cause is the growth of cycling, a third more since 2015 (¶5); the
# remedy is the second stalling the city proposes (¶1). The moral judgement is left to the
# sources: the critics say nobody asked them (Benali, ¶3) and call it a *prestigeproject* the city
# cannot pay for (De Groot, ¶6). The lexicon profile finds responsibility (¶1), human interest
# (¶3) and economic (¶4) markers in one paragraph each, and no conflict marker at all. Here I
# disagree with the table: the second half, residents against the city and the opposition against
# the alderman, is a conflict frame, only without the lexicon's words for it. The voices table's
# *official 6 of 11* hides that conflict too, since it puts the alderman and the opposition that
# attacks her in one type. Counted by stance (sources table), 5 statements support the plan (Van
# Dijk 3, the Fietsersbond and its spokeswoman Karin Smit 1 each), 4 oppose it (the residents and
# Benali, ¶3; Stadsbelang Utrecht and De Groot, ¶6) and 2 doubt its cost (¶4). The perspective is
# still the city's: the plan opens the article and its defender speaks first and most. LEAD-3 is
# fair on the plan but leaves out the critics and the cost. The doubt about the cost rests on two anonymous sources
# (¶4), and the article does not say whether the city was asked to respond to it.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 5.3 (teacher only, 4 points).**
#
# - 1 point: Entman's four functions applied to this article (problem, cause, judgement, remedy),
#   each with evidence; one may be "absent" if the student says so and why.
# - 1 point: a dominant Semetko & Valkenburg frame named and compared with the lexicon profile,
#   with at least one reasoned disagreement with a table.
# - 1 point: whose perspective the article takes, argued from the sources table (who speaks, how
#   often, named or anonymous, and for or against what) and from who is silent. A count by type
#   alone (officials against citizens) does not earn the point when the type mixes both sides.
# - 1 point: the lead judged against the whole article, and claims that rest on anonymous or
#   unchecked sources identified.
# - Deduct a point when more than one claim has no evidence (no row, no ¶ number), or when a quoted
#   sentence is not in the article.

# %% [markdown]
# ### Exercise 5.4 — Correct the table against the text (2 points)
#
# - Take the rows above that rest on a weaker rule or an *unknown* type (the two tables after the
#   quotations and the sources table).
# - For each row, read its sentence and the one before it, and say whether the speaker (and the
#   type) is right.
# - Write the corrected row for every row that is wrong: speaker, type, named; or say that all
#   rows hold, and what in the text shows it.
#
# Write 2–5 sentences or a small corrected table. Your teacher grades it by hand.

# %% [markdown] prose 5.4 points=2
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# In the default article three rows rest on a weaker rule. The second quotation of ¶2 (*"Als we
# niets doen, ..."*) is `continued` from *zei Van Dijk* in the sentence before: right, it is the
# same speaker in the same paragraph. *Zij vrezen twee jaar lang overlast* (¶3) is a `pronoun`
# pointing to *Bewoners van de wijk Hoog Catharijne* in the sentence before: right, *zij* with a
# plural verb is the residents, not the alderman, and they are anonymous citizens. *Ingewijden*
# (¶4) has type *unknown*: the text does not say whose insiders they are, so the correct row keeps
# *unknown* (anonymous, named False); a reader should not guess *official*.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 5.4 (teacher only, 2 points).**
#
# - 1 point: every weak-rule or unknown-type row of the student's article is checked against its
#   sentence, with the paragraph number.
# - 1 point: each wrong row is corrected (speaker, type, named) with the words of the text that
#   show it, or the rows are shown to hold.

# %% [markdown]
# ## Key points
#
# - `analyze_article` (or `course analyze` from a terminal) runs the analyses of lessons 01–04 on
#   any article in the course format: structure, readability, two summaries, frames, sources and
#   quotations.
# - The tables are evidence to check, not conclusions: each finder follows rules written for other
#   articles, and you found where they fail.
# - A critical reading names the frame, the perspective and the gaps, and backs each claim with a
#   row of a table or a sentence of the text.
#
# ## Discussion
#
# 1. Which analysis was most useful for your article, and which was most misleading? Why?
# 2. The same rules run on every article. What kind of article would they handle worst: an
#    interview, an opinion piece, a live blog? What would you change?
# 3. Run `course analyze` on several articles about one story from different outlets. What could
#    the sources and frames tables tell you about the outlets, and what could they not?
# 4. Would you trust a newsroom that checked its own balance of sources with a tool like this?
