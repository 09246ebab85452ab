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
# 3. *write* two rules of your own, a sentence splitter and a finder for the *why?*, and *test*
#    them on sentences they were not written for;
# 4. *judge* how hard the text is to read, with readability scores and a list of rare words, and
#    *name* the limits of both.
#
# **Time:** about 65 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (Case, assert_answer, build_timeline, check, describe_readability, find_actor_mentions,
                    find_actors, find_rare_words, find_readability, grade_function, load_article, load_glossary,
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
# A news article has a date, a *lead*, and often sections under short subheadings. In this course
# the **lead** is the opening of the article before its first subheading: here paragraphs 1 and 2.
# It gives the core of the news. The library counts what each part holds.

# %%
article.paragraph_table.groupby("section", dropna=False, sort=False)[["sentences", "words"]].sum()

# %% [markdown]
# The row `NaN` is the lead (paragraphs 1–2, which have no section). How long are the sentences?
# A histogram shows the spread.

# %%
plot_sentence_lengths(article)

# %% [markdown]
# ### The inverted pyramid
#
# News is usually written as an *inverted pyramid*: the most important facts first, background
# and reactions later. Here are the sentences of the lead: compare them with what the rest adds.

# %%
[s.text for p in (1, 2) for s in article.sentences_in(p)]

# %% [markdown]
# | question | the lead answers (paragraphs 1–2) | what comes later |
# |---|---|---|
# | who? | Russia is reported to have asked China; the Financial Times and The Washington Post reported it; Sullivan reacts | Yang Jiechi (3), Xi Jinping and Poetin (4), Ryan Hass (11), Zhao Lijian (12) |
# | what? | a request for military support; a US warning | the meeting in Rome, the ties between China and Russia, China's position (3–9) |
# | where? | not said for the request itself; the reports are in American media | Rome, for the talks (3); the UN General Assembly (6) |
# | when? | reported on Sunday (*zondag*); Sullivan reacts the same day | the meeting on Monday (*maandag*), earlier events (3–6), China's answer on Monday (12) |
# | how do we know? | *zo meldden* … *op basis van anonieme bronnen*; China denies *in algemene en enigszins vage termen*; Sullivan does not confirm (*bevestigde ze niet*) | China's answer in detail (12) |
# | why? | not in the lead | why it matters: to the US, Russia's back door to China must stay shut (3); to Russia, its ties with China (5). Paragraph 10 adds the newspaper's own analysis of why the US leaks |
#
# The lead gives the claim, its basis and the first reaction; the reasons follow in the first
# section, and the newspaper's analysis comes later. Keep the phrase *op basis van anonieme
# bronnen* (on the basis of anonymous sources) in mind for lesson 04.

# %% [markdown]
# ### Exercise 1.1 — Who asked whom? (1 point)
#
# - Read the first sentence of the article.
# - Which country is reported to have asked, and which country was asked? Give a list of two
#   country names as the Dutch article writes them: `[asker, asked]`.
#
# <details><summary>Hint</summary>
#
# Look at the verb *gevraagd* and the two names around it: which is the subject of *heeft …
# gevraagd*, and which its object?
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
# ### Exercise 1.2 — How many sentences in a section? (1 point)
#
# - Use `article.sentence_table` to count the sentences in the section **Op de vlakte**.
# - Store the number in `answer_1_2` as an `int`. Count with code, not by hand.
#
# <details><summary>Hint</summary>
#
# The table has one row per sentence and a column that names each sentence's section. The
# structure table at the top of this section grouped by that column: can you keep only the rows
# of one section and count them?
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
# The actors table above has a column that says where each actor is first named. The answer is
# one number, as an `int`: not a row, and not a whole column.
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
# How is the actors table sorted? The answer is one name, as a `str`: not a whole row.
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
# ## 4. Sentences, by a rule of your own
#
# Every count so far rests on one step you have not seen: splitting paragraphs into sentences.
# It looks easy (cut after every full stop) but quotations make it hard. spaCy's sentence splitter
# cuts paragraph 2 like this: `… waarschuwde de Chinezen wel. “` + `We zullen dat niet toestaan” …`,
# leaving the opening quotation mark at the end of the wrong sentence; the course library moves it
# back. Now write the rule yourself.
#
# A sentence ends at `.`, `!` or `?` (with any closing quotation mark right after it) **when what
# follows is white space and then the start of a new sentence**. What can a new sentence start
# with? Look at these:
#
# | text | split after the mark? |
# |---|---|
# | `… wel. “We zullen …` | yes: an opening quotation mark begins the next sentence |
# | `“Dat is kwaadaardig.” Zhao …` | yes, and `”` stays with the first sentence |
# | `“Waarom nu?” vroeg hij …` | no: a lower-case word follows |
# | `met 2.5 procent. 2022 werd …` | not inside 2.5 (no white space); yes before 2022 |

# %% [markdown]
# ### Exercise 1.5 — A sentence splitter that keeps quotes in place (3 points)
#
# - Complete `split_sentences(text)` in the answer cell: most of it is written; you fill in the
#   two `...`: the rule for *does a new sentence begin here?* and what the function returns.
# - Dutch uses several quotation marks: `„ “ ‘ " «` open, `” ’ " »` close; the constants hold them.
# - The check runs your function on four example texts. The grade runs it on sentences from other
#   articles, so write the rule, not the answers: partial credit is the share of cases it gets right.
#
# <details><summary>Hint</summary>
#
# `after` is the text right after the mark (and its closing quotes). Two things must be true for a
# split: `after` starts with white space, and its first character that is not white space is one
# a sentence can begin with. Which string methods tell you whether a character is a capital or a
# digit, and how do you look past the white space?
#
# </details>

# %% answer 1.5
OPENING_QUOTES = "„“‘\"«"
CLOSING_QUOTES = "”’\"»"


def split_sentences(text):
    """Split one paragraph into sentences; an opening quote stays with its sentence."""
    sentences = []
    start = 0  # where the current sentence begins
    i = 0
    while i < len(text):
        if text[i] in ".!?":
            end = i + 1
            while end < len(text) and text[end] in CLOSING_QUOTES:
                end += 1  # a closing quote right after the mark belongs to this sentence
            after = text[end:]
            if ...:  # your rule: does a new sentence begin in `after`?
                sentences.append(text[start:end].strip())
                start = end
            i = end
        else:
            i += 1
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return ...  # what does the function give back?
### BEGIN SOLUTION
def split_sentences(text):
    """Split one paragraph into sentences; an opening quote stays with its sentence."""
    sentences = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in ".!?":
            end = i + 1
            while end < len(text) and text[end] in CLOSING_QUOTES:
                end += 1
            after = text[end:]
            rest = after.lstrip()
            if rest != after and rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in OPENING_QUOTES):
                sentences.append(text[start:end].strip())
                start = end
            i = end
        else:
            i += 1
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences
### END SOLUTION

# %% check 1.5
check("1.5", split_sentences)

# %% tests 1.5
"""Exercise 1.5: split_sentences on held-back texts from other articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("1.5", split_sentences, [
    Case("a quote that opens the sentence",
         ("Schipper Johan Kramer vaart al dertig jaar op de Rijn. ‘Zo erg heb ik het nooit gezien’, zegt hij. "
          "‘Ik moet drie keer zo vaak varen voor dezelfde vracht.’",),
         ["Schipper Johan Kramer vaart al dertig jaar op de Rijn.", "‘Zo erg heb ik het nooit gezien’, zegt hij.",
          "‘Ik moet drie keer zo vaak varen voor dezelfde vracht.’"]),
    Case("a quote that opens the sentence",
         ("\"De huidige stalling zit elke ochtend vol\", zei Van Dijk. \"Als we niets doen, staan er over vijf jaar "
          "weer duizenden fietsen op straat.\"",),
         ["\"De huidige stalling zit elke ochtend vol\", zei Van Dijk.",
          "\"Als we niets doen, staan er over vijf jaar weer duizenden fietsen op straat.\""]),
    Case("a quote that closes the sentence", ("„Dit gaat te ver.” De minister zweeg. «Wij ook.» Daarna bleef het stil.",),
         ["„Dit gaat te ver.”", "De minister zweeg.", "«Wij ook.»", "Daarna bleef het stil."]),
    Case("a quoted question inside a sentence",
         ("‘Komt er een tweede stalling?’ vroeg een raadslid. De wethouder knikte! ‘Ja!’ riep ze.",),
         ["‘Komt er een tweede stalling?’ vroeg een raadslid.", "De wethouder knikte!", "‘Ja!’ riep ze."]),
    Case("a number with a point, or a sentence that starts with a number",
         ("De kosten stijgen met 1.8 miljoen euro per jaar. 45 miljoen is volgens ingewijden te laag.",),
         ["De kosten stijgen met 1.8 miljoen euro per jaar.", "45 miljoen is volgens ingewijden te laag."]),
    Case("plain sentences",
         ("Schepen kunnen nog maar een derde van hun normale lading vervoeren. Binnenvaartschippers maken zich "
          "grote zorgen. Hoe lang nog?",),
         ["Schepen kunnen nog maar een derde van hun normale lading vervoeren.",
          "Binnenvaartschippers maken zich grote zorgen.", "Hoe lang nog?"]),
    Case("plain sentences", ("De gemeenteraad neemt in december een besluit.",),
         ["De gemeenteraad neemt in december een besluit."]),
])
### END HIDDEN TESTS

# %% [markdown]
# Your splitter on paragraph 2, next to the library's sentences:

# %%
split_sentences(article.paragraph(2).text), [s.text for s in article.sentences_in(2)]

# %% [markdown]
# ## 5. Timeline
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
# ## 6. Vocabulary
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
# The lemma column comes from the `simplemma` package, and it is sometimes wrong. Compare it with
# the glossary: for *onthield* (abstained) simplemma's *onthouden* is right (the glossary adds the
# *zich* of *zich onthouden*, to abstain), but for *vergaande* (far-reaching) it keeps the
# inflected form where the dictionary form is *vergaand*.

# %%
glossary[glossary["word"].isin(["onthield", "vergaande"])]

# %% [markdown]
# ## 7. Readability
#
# Readability formulas turn sentence length and word length into one number. For Dutch, two are
# common. With ASL = average words per sentence and ASW = average syllables per word:
#
# | formula | score | higher means | read on |
# |---|---|---|---|
# | Flesch-Douma (Douma 1960) | 206.84 − 0.93 · ASL − 77 · ASW | easier | Douma's own table |
# | Brouwer leesindex (Brouwer 1963) | 195 − 2 · ASL − 66.7 · ASW | easier | Brouwer's own groups |
#
# Douma's table: 0–30 *zeer moeilijk*, 30–45 *moeilijk*, 45–60 *tamelijk moeilijk*, 60–70
# *normaal*, 70–80 *tamelijk gemakkelijk*, 80–90 *gemakkelijk*, 90–100 *zeer gemakkelijk*.
# Brouwer sorted Dutch texts into six groups, from *zeer moeilijk* (0–25) to *zeer gemakkelijk*
# (80–100); our source does not give the bounds of the four groups in between, so the library
# does not invent them. Syllables are counted with Dutch hyphenation rules (`pyphen`), an
# approximation. Here is the whole article.

# %%
overall = score_readability(article.text)
overall

# %% [markdown]
# Each score on its own author's scale, with the number it rests on:

# %%
describe_readability(overall["flesch_douma"]), describe_readability(overall["brouwer"], scale="brouwer")

# %% [markdown]
# The formulas count syllables *per 100 words* and were meant for samples of at least 100 words
# (Flesch 1948, whose formula Douma and Brouwer adapted). No paragraph here is that long (the
# longest has 59 words), so the scores per paragraph below are an illustration of where sentences
# and words get long, not measurements: the `reliable` column is False throughout.

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
# *Ontmoeting in Rome* promises the meeting, but the section is mostly background: two sentences
# on the meeting (who meets whom on Monday; the talks were planned but *staan nu helemaal in het
# licht van* the invasion), then why it matters (*de Russische achterdeur naar China*) and the ties
# between China and Russia. *Op de vlakte* (staying non-committal) delivers: China abstains at the UN and
# keeps *het midden*. *De druk wordt opgevoerd* delivers the US strategy of leaking (*oncontroleerbare
# informatie bekendmaken*) and China's answer, but ends on mutual accusations of disinformation.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 1.6 (teacher only, 2 points).**
#
# - 1 point: says for each of the three headings what it promises and whether the section
#   delivers, with a reason (e.g. *Ontmoeting in Rome* gives the meeting two sentences, then
#   background).
# - 1 point: supports the judgement with at least one phrase quoted correctly from the article.
# - 0 points for a summary of the sections that never compares them with their headings.

# %% [markdown]
# ## 8. The *why?*, by a rule of your own
#
# The 5W1H table in section 2 put the reasons in paragraphs 3 and 5. Can a rule find them? Dutch
# marks reasons and purposes with a few words: *omdat*, *doordat*, *want* (because), *zodat* (so
# that), *daarom* (therefore), and *om … te* (in order to). But *om* is also a preposition
# (*gevraagd om militaire steun*, asked for military support): it marks a purpose only when a *te*
# follows.

# %% [markdown]
# ### Exercise 1.7 — A rule for the *why?* of 5W1H (3 points)
#
# - Write `find_reason_words(sentence)`: it returns the marker words of one sentence, lower-cased,
#   in the order they occur, as the docstring says. This time only the docstring is given.
# - The check runs four sentences of this article; the grade runs sentences from other articles.
#
# <details><summary>Hint</summary>
#
# Two ideas carry the rule. Compare *whole words*, so split the sentence into words first (think
# of what `waarom` or `wanten` would do to a search for letters). And for each *om*, look at the
# words after it: a *te* marks a purpose, another *om* first means this one was a preposition.
#
# </details>

# %% answer 1.7
def find_reason_words(sentence):
    """The words of a sentence that mark a reason or a purpose, lower-cased, in the order they occur.

    Markers: omdat, doordat, want, zodat, daarom; and om when a te follows later in the sentence
    with no other om before it (om ... te, a purpose), returned as "om te".
    Whole words only: waarom, daaromtrent or wanten hold no marker.
    """
    return ...  # your code here
### BEGIN SOLUTION
import re

REASON_WORDS = ("omdat", "doordat", "want", "zodat", "daarom")


def find_reason_words(sentence):
    """The words of a sentence that mark a reason or a purpose, lower-cased, in the order they occur."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    found = []
    for i, word in enumerate(words):
        if word in REASON_WORDS:
            found.append(word)
        elif word == "om":
            for later in words[i + 1:]:
                if later == "om":
                    break
                if later == "te":
                    found.append("om te")
                    break
    return found
### END SOLUTION

# %% check 1.7
check("1.7", find_reason_words)

# %% tests 1.7
"""Exercise 1.7: find_reason_words on held-back sentences from other articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("1.7", find_reason_words, [
    Case("a purpose with om … te",
         ("Toch gaan er in Den Haag stemmen op om de ‘verdringingsreeks’ in te zetten, de regels die bepalen wie "
          "als eerste water krijgt.",), ["om te"]),
    Case("a purpose with om … te", ("Bewoners vroegen om uitstel om de overlast van de bouw te beperken.",), ["om te"]),
    Case("om without a te after it", ("De raad vraagt om een besluit in december, rond kerst.",), []),
    Case("a word of cause or consequence",
         ("Schepen varen vaker, doordat ze minder lading kunnen meenemen, zodat de kosten stijgen.",),
         ["doordat", "zodat"]),
    Case("a marker with a capital at the start", ("Daarom stappen sommige bedrijven over op vervoer per trein.",),
         ["daarom"]),
    Case("a marker with a capital at the start", ("Omdat het water laag staat, varen de schepen half leeg.",),
         ["omdat"]),
    Case("a marker hidden inside a longer word", ("De schipper draagt wanten, want het is koud op de rivier.",),
         ["want"]),
    Case("a marker hidden inside a longer word", ("Ze verkopen tomaten en daaromheen bloemen.",), []),
])
### END HIDDEN TESTS

# %% [markdown]
# Your rule on every sentence of the article, with the paragraph each is in:

# %%
[(s.paragraph, find_reason_words(s.text)) for s in article.sentences if find_reason_words(s.text)]

# %% [markdown]
# The rule points to paragraphs 3, 9 and 10. Read them: paragraph 3 gives the US reason (*om de
# harde economische boycot … effectief te laten zijn*), *daarom* in paragraph 9 points back to the
# reason in paragraph 8, and paragraph 10 is the newspaper's analysis. It misses paragraph 5, whose
# reason has no marker word (*Voor Rusland is het van groot belang dat …*), and *aangeboden om te
# bemiddelen* (paragraph 9) is an offer, not a purpose. A rule finds places to read, not reasons.

# %% [markdown]
# ## Key points
#
# - The lead (paragraphs 1–2, before the first subheading) gives the claim, its source
#   (*anonieme bronnen*) and the first reaction; the reasons follow in the first section
#   (paragraphs 3 and 5), the newspaper's analysis later (paragraph 10).
# - Rules find actors without a trained model: known names, role words, and aliases joined to
#   full names. They miss unnamed people and pronouns.
# - Time words place events relative to the day of writing. Dates need an anchor, and an anchor
#   taken from outside the text is an inference you must state.
# - Rules you write yourself (a sentence splitter, a *why?* finder) work on cases like the ones
#   you thought of; test them on other texts to find the ones you did not.
# - Readability scores measure sentence and word length only. Read each on its own author's
#   scale, with the number, and only for samples of about 100 words or more.
#
# ## Discussion
#
# 1. Russia is never quoted. Which actors are quoted, and which are only spoken about?
# 2. *Peking* and *de Chinezen* are counted as China. When would merging them be wrong?
# 3. The article was written on a Monday, but its date line says only 2022-03. What would you need
#    to confirm the anchor, and where would you look?
# 4. Which hard words in the glossary carry a judgement (e.g. *nepnieuws*, *desinformatie*)
#    rather than a fact? We return to them in lesson 03.
