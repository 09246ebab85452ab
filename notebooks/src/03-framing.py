# %% [markdown]
# # 03 · Detecting framing
#
# Two newspapers can report the same facts and still tell different stories: one writes about a
# conflict between great powers, the other about money. That choice of emphasis is *framing*. In
# this lesson you code the article by hand with a research codebook, measure whether coders
# agree, write a word list for one frame yourself, and test it against human coding.
#
# **Learning goals.** After this notebook you can
#
# 1. *define* framing with Entman's four framing functions;
# 2. *code* an article with the generic-frame questions of Semetko & Valkenburg (2000), giving a
#    reason for every code;
# 3. *find* the words that carry a frame, and *tell* the newspaper's own voice from its sources';
# 4. *compute* Cohen's kappa from a 2×2 table, and *say* what an agreement statistic over few
#    units means;
# 5. *write* a frame-lexicon entry and *validate* it with precision and recall against human
#    coding.
#
# **Time:** about 95 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (Case, assert_answer, check, compare_profiles, describe_alpha, dominant_frame, find_frame_markers,
                    find_hedges, find_loaded_words, find_metaphors, find_quotes, find_sourcing_words, frame_profile,
                    grade_answer, grade_function, list_text_items, load_article, load_class_coding, load_codebook,
                    load_paragraph_coding, load_reference_coding, plot_frame_heatmap, plot_frame_profiles,
                    reference_profiles, score_alpha, score_kappa, score_precision, score_recall, show_frames,
                    show_word_choice, tabulate_frame_markers)

article = load_article()

# %% [markdown]
# ## 1. What is framing?
#
# Entman (1993, p. 52) defines it like this: *to frame is to select some aspects of a perceived
# reality and make them more salient in a communicating text, in such a way as to promote a
# particular problem definition, causal interpretation, moral evaluation, and/or treatment
# recommendation.* A frame, then, does four jobs:
#
# | function | the question it answers |
# |---|---|
# | problem definition | what is going on, and what is the problem? |
# | causal interpretation | who or what causes it? |
# | moral evaluation | who is right, who is to blame? |
# | treatment recommendation | what should be done? |
#
# Framing is not lying. Every fact in a framed story can be true; the frame is in what is put
# first, what is left out, and which words are used.

# %% [markdown]
# ## 2. Coding with a codebook
#
# Semetko & Valkenburg (2000) studied Dutch news about a European summit and measured five
# *generic* frames, frames that turn up in news on any topic. A coder answers yes (1) or no (0)
# to a fixed list of questions; a frame's score is the mean of its answers, from 0 to 1. The
# codebook is in the course data, with our Dutch translation of each question:

# %%
codebook = load_codebook()
codebook

# %% [markdown]
# One question asks about pictures, which a plain text does not have: its `text` column is
# `False` and we leave it out. These are the items you can code on the article:

# %%
items = list_text_items()
len(items), items

# %% [markdown]
# ### Exercise 3.1 — Code six items, with reasons (3 points)
#
# Code first, compare later: our reference coding comes right after this exercise. Read the
# question in `codebook`, then the article, and decide.
#
# - Code C1, C2, H4, M2 and E1 for the *whole* article, and C2 once more for the *opening*
#   alone (¶1–2, before the first heading): six codes.
# - Give each code a one-line reason: what in the text made you decide (at least four words).
# - Store them in `answer_3_1` as a dict: key → `(code, reason)`, with the keys `"C1"`, `"C2"`,
#   `"H4"`, `"M2"`, `"E1"` and `"C2 opening"`; a code is 1 (yes) or 0 (no). The shape, for an
#   item not asked here: `{"R4": (0, "only states act; nobody in society is blamed"), ...}`.
#
# Each item is a part: a part counts when its code agrees with ours and it has a reason. On an
# item where careful coders can differ, either code counts; your teacher reads the reasons.
#
# <details><summary>Hint</summary>
#
# Answer only what the text says. "Does one party reproach another?" is yes only when the
# article reports a reproach; for the opening, read only ¶1–2.
#
# </details>

# %% answer 3.1
answer_3_1 = ...  # your answer here
### BEGIN SOLUTION
answer_3_1 = {
    "C1": (1, "¶1 China denies the reports and ¶2 Sullivan warns the Chinese"),
    "C2": (1, "¶12 China says the US spreads disinformation; ¶13 the US accuses China of fake news"),
    "H4": (0, "nothing about the private lives of Sullivan, Zhao, Xi, Putin or Hass"),
    "M2": (0, "no word about morality in general, God or religion"),
    "E1": (1, "¶8 sanctions could harm the world economy; ¶5 financial ties with the West are cut"),
    "C2 opening": (1, "the ¶1 report is what the article later calls 'de Amerikaanse beschuldiging'"),
}
### END SOLUTION

# %% check 3.1
check("3.1", answer_3_1)

# %% tests 3.1
"""Exercise 3.1: six codes with a reason each; one part per item, either code on a disputed item."""
### BEGIN HIDDEN TESTS
grade_answer("3.1", answer_3_1)
### END HIDDEN TESTS

# %% [markdown]
# Now compare. We coded the article ourselves, item by item, with a one-line justification.
# Read the justifications, not just the codes: a coding is only as good as the reasons behind
# it. The `disputed` column marks the items on which careful coders can differ.

# %%
reference = load_reference_coding()
reference

# %% [markdown]
# E1 asks for *financial* losses or gains. The article says that sanctions against China could
# be "nog veel schadelijker" for the world economy (¶8) and that Moscow's financial ties with the
# West are all but cut (¶5): we read that as a yes, but a coder who wants a loss in money may code
# no and count it under E3 (economic consequences) instead. Both readings have a reason in the
# text; that is what *disputed* means.
#
# `frame_profile` turns the answers into the mean per frame:

# %%
frame_profile(reference)

# %% [markdown]
# A frame need not hold for a whole article. We also coded each section on its own (the first
# two paragraphs, before any heading, are the `opening`); an item is yes for the article when it
# is yes in at least one section. The profiles per section show where each frame sits:

# %%
reference_profiles()

# %% [markdown]
# The opening's C2 is the other disputed item. ¶1 presents the request as news ("zo meldden
# internationaal gerespecteerde media"), but the article itself later calls that report "de
# Amerikaanse beschuldiging" (¶10 and ¶12): read back from there, the opening already carries a
# reproach. We code it 1 and mark it disputed.

# %%
load_reference_coding("opening").set_index("item").loc[["C1", "C2"]]

# %% [markdown]
# ## 3. The words that carry a frame
#
# A computer cannot answer "does one party reproach another?", but it can look for words that
# often go with a frame: *beschuldigen*, *ontkennen* and *dreigement* with conflict, *sanctie*
# and *economisch* with economic consequences. The course's Dutch frame lexicon lists such
# words; `find_frame_markers` finds them by word form and by lemma, so the entry *sanctie* also
# finds *Sancties*.

# %%
markers = find_frame_markers(article)
markers.head(10)

# %% [markdown]
# The text with every marker coloured by its frame:

# %%
show_frames(article)

# %% [markdown]
# Counted per paragraph, the markers show where in the article each frame sits:

# %%
counts = tabulate_frame_markers(article)
counts

# %%
plot_frame_heatmap(article)

# %% [markdown]
# ## 4. Word choice, and whose voice it is
#
# Frames also live in *how* things are said. Five kinds of word choice to look for:
#
# - **loaded words** judge while they name: *kwaadaardig*, *nepnieuws*, *desinformatie*;
# - **metaphors** make a situation look like something else: a *back door*, *burning one's fingers*;
# - **hedges** mark a claim as uncertain or as someone's view: *zou*, *kan*, *volgens*, *meent*;
# - **sourcing words** say where a claim comes from, or judge its source: *anonieme*,
#   *oncontroleerbare*;
# - **quotation marks** give someone's words (a direct or a partial quote), or keep a phrase at a
#   distance without saying who used it (a *scare quote*).
#
# Each has a function that returns a table, and `show_word_choice` highlights the table in the text.

# %%
loaded = find_loaded_words(article)
loaded[["paragraph", "text", "note"]]

# %% [markdown]
# Most loaded words in the article are *quoted or reported*: *desinformatie* and *kwaadaardig*
# are Zhao Lijian's words, *nepnieuws* is the American charge, *voorwendsel* is what the US
# fears. The journalist's own word choice shows in *harde* (boycott), *dreigementen* and
# *glashard*, and perhaps in the quotation marks around *ijzersterke vriendschap* (see below).

# %%
show_word_choice(article, loaded)

# %%
metaphors = find_metaphors(article)
metaphors[["paragraph", "text", "note"]]

# %%
hedges = find_hedges(article)
show_word_choice(article, hedges)

# %% [markdown]
# The article opens with a hedge, *zo meldden* ("so reported"): the request for military
# support is a report by media, not a fact the paper confirms. The same sentence says how the
# report is sourced, and what the paper thinks of its sources. Those are sourcing words, not
# hedges: a hedge makes the claim itself uncertain; a sourcing word describes or judges where
# it comes from.

# %%
sourcing = find_sourcing_words(article)
sourcing[["paragraph", "text", "note"]]

# %% [markdown]
# *Anonieme bronnen* (¶1) tells the reader that nobody is named. *Internationaal gerespecteerde
# media* (¶1) is the paper vouching for the outlets it relies on: a judgement, in the paper's
# own voice, that asks the reader to trust the report. *Oncontroleerbare informatie* (¶10) is the
# paper's judgement of the American leaks.
#
# Quotation marks next. `find_quotes` calls a quotation *direct* when it is a full sentence with
# a speech word nearby (*zei*), *partial* when a fragment is attributed (*volgens hem*,
# *waarschuwt*), and a *scare quote* when a fragment stands in quotation marks with no speaker.

# %%
quotes = find_quotes(article)
quotes[["paragraph", "text", "kind"]]

# %%
show_word_choice(article, quotes, paragraphs=[2, 4, 11, 12])

# %% [markdown]
# The phrase ‘ijzersterke vriendschap’ in paragraph 4 can be read in two ways, and a careful
# reader keeps both in mind:
#
# - **a scare quote**: no speech verb names a speaker, so nobody is said to have spoken the
#   phrase; the marks keep a glowing phrase at a distance ("their so-called rock-solid
#   friendship"). This is how the library labels it.
# - **a partial quote**: the sentence makes Xi and Poetin its implied speakers (*beklonken daar
#   hun ‘ijzersterke vriendschap’*: they sealed it, perhaps in these words, at the Winter Games),
#   and this paper puts partial quotes in single marks, as in Sullivan's ‘direct en achter de
#   schermen’ (¶2) and Hass's ‘de verdeling van de wereld …’ (¶11), while its full-sentence
#   quotations get double marks (“We zullen dat niet toestaan”).
#
# The text does not settle which reading is meant. Compare Sullivan's “We zullen dat niet
# toestaan”: a full sentence given to a named speaker with *zei*, which leaves no doubt.

# %% [markdown]
# ### The newspaper's own voice
#
# Not every sentence has a source. Paragraph 10 is the paper's own analysis: "De VS volgen met
# het lekken naar de media en het uiten van dreigementen hetzelfde recept als in de periode voor
# de Russische inval". Nobody is quoted and no basis is given; it is the journalist's reading of
# the American strategy, and it frames the leaks as a tactic. The paper's voice also hides in what
# it takes for granted. A *presupposition* is a claim a phrase assumes instead of stating: "de
# wethouder *blijft* de bouw steunen" assumes that she supports it now, and "*het* plan van de
# minister" assumes that there is a plan. A presupposition is hard to argue with, because it is
# never said out loud.

# %% [markdown]
# ### Exercise 3.2 — What the article takes for granted (1 point)
#
# Paragraph 10 says plainly that it is not known whether Russia asked: "of er daadwerkelijk door
# Rusland om militaire steun is verzocht of niet".
#
# - Find the paragraphs whose wording takes for granted that Russia asked China for support, or
#   that China already supports Russia.
# - Store their numbers in `answer_3_2` as a list of `int`; order does not matter.
#
# <details><summary>Hint</summary>
#
# Look for a verb that says something goes on, and for a definite article (*het*, *de*) in front
# of something the article has not shown to exist. Skip the sentences that say who reported it.
#
# </details>

# %% answer 3.2
answer_3_2 = ...  # your answer here
### BEGIN SOLUTION
answer_3_2 = [11, 12]
### END SOLUTION

# %% check 3.2
check("3.2", answer_3_2)

# %% tests 3.2
"""Exercise 3.2: the paragraphs that presuppose the request or China's support."""
### BEGIN HIDDEN TESTS
assert_answer("3.2", answer_3_2)
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Do coders agree?
#
# A coding is useful only when another coder, with the same codebook, would code the same. Six
# students coded the article on all 19 items. **This class is invented**: we made the codings up
# for this lesson, to show what real disagreement looks like.

# %%
class_coding = load_class_coding()
class_coding

# %% [markdown]
# To compare two coders, put every unit in one of four cells of a *2×2 table*: both said yes,
# only the first said yes, only the second said yes, both said no. The rows are the first
# coder's answer (yes, then no), the columns the second coder's:
#
# | | coder 2: yes | coder 2: no |
# |---|---|---|
# | **coder 1: yes** | both yes | only coder 1 |
# | **coder 1: no** | only coder 2 | both no |

# %% [markdown]
# ### Exercise 3.3 — The 2×2 table of two coders (1 point)
#
# - Build the 2×2 table of coder C (rows) against coder D (columns) over the 19 items.
# - Store it in `answer_3_3` as a list of two rows, each a list of two `int`:
#   `[[both yes, C only], [D only, both no]]`.
#
# <details><summary>Hint</summary>
#
# Look at the rows of coders C and D in the table above, one item (column) at a time: the two
# answers of an item decide its cell. Counting by eye works too; the four cells add up to 19.
#
# </details>

# %% answer 3.3
answer_3_3 = ...  # your answer here
### BEGIN SOLUTION
c, d = class_coding.loc["C"], class_coding.loc["D"]
answer_3_3 = [[int(((c == 1) & (d == 1)).sum()), int(((c == 1) & (d == 0)).sum())],
              [int(((c == 0) & (d == 1)).sum()), int(((c == 0) & (d == 0)).sum())]]
### END SOLUTION

# %% check 3.3
check("3.3", answer_3_3)

# %% tests 3.3
"""Exercise 3.3: the 2×2 table of coders C and D, rows C, columns D, yes first."""
### BEGIN HIDDEN TESTS
assert_answer("3.3", answer_3_3)
### END HIDDEN TESTS

# %% [markdown]
# **Cohen's kappa** compares two coders and corrects for the agreement they would reach by
# chance. From the table of *n* units:
#
# - the *observed* agreement is the share of units on the diagonal (both yes or both no);
# - the *expected* agreement is what two coders with these yes-rates would reach by chance: the
#   chance that both say yes (coder 1's yes-rate times coder 2's) plus the chance that both say
#   no (the same with their no-rates);
# - kappa = (observed − expected) / (1 − expected): 1 is perfect agreement, 0 is no better than
#   chance, below 0 is worse than chance.

# %% [markdown]
# ### Exercise 3.4 — Cohen's kappa from a table (3 points)
#
# - Fill in the two missing lines of `cohen_kappa`: the observed and the expected agreement.
# - `table` is a 2×2 table as in exercise 3.3: rows coder 1, columns coder 2, yes first.
# - `check` runs your function on four example tables and shows what it returned; the grade
#   runs it on tables you have not seen (rounded to three decimals).
#
# <details><summary>Hint</summary>
#
# Where in the table are the units on which the two coders agree? For chance: two coders agree
# by chance in two ways, and each way is the product of two yes-rates or two no-rates.
#
# </details>

# %% answer 3.4
def cohen_kappa(table):
    """Cohen's kappa of two coders from their 2×2 table [[yes-yes, yes-no], [no-yes, no-no]]."""
    (a, b), (c, d) = table
    n = a + b + c + d
    observed = ...  # your code here: the share of units on which the two agree
    yes_1, yes_2 = (a + b) / n, (a + c) / n  # how often coder 1 (rows) and coder 2 (columns) say yes
    expected = ...  # your code here: the agreement two coders with these yes-rates reach by chance
    if observed is ... or expected is ...:
        return ...
    return (observed - expected) / (1 - expected)
### BEGIN SOLUTION
def cohen_kappa(table: list[list[int]]) -> float:
    (yes_yes, yes_no), (no_yes, no_no) = table
    units = yes_yes + yes_no + no_yes + no_no
    p_observed = (yes_yes + no_no) / units
    p_yes_1, p_yes_2 = (yes_yes + yes_no) / units, (yes_yes + no_yes) / units
    p_expected = p_yes_1 * p_yes_2 + (1 - p_yes_1) * (1 - p_yes_2)
    return (p_observed - p_expected) / (1 - p_expected)
### END SOLUTION

# %% check 3.4
check("3.4", cohen_kappa)

# %% tests 3.4
"""Exercise 3.4: cohen_kappa on held-back tables (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("3.4", cohen_kappa, [
    Case("two coders who agree on every unit", ([[10, 0], [0, 30]],), 1.0),
    Case("agreement no better than chance", ([[4, 4], [6, 6]],), 0.0),
    Case("agreement no better than chance", ([[2, 8], [3, 12]],), 0.0),
    Case("coders who say yes to most units", ([[40, 5], [3, 2]],), 0.245),
    Case("coders who say yes to most units", ([[17, 2], [1, 0]],), -0.071),
    Case("agreement between chance and perfect", ([[120, 30], [20, 230]],), 0.73),
    Case("agreement between chance and perfect", ([[9, 3], [2, 6]],), 0.49),
])
### END HIDDEN TESTS

# %% [markdown]
# The library's `score_kappa` takes the two coders' answers directly. For C and D it should give
# what your `cohen_kappa(answer_3_3)` gives (try it in a new cell):

# %%
print(f"kappa of C and D: {score_kappa(class_coding.loc['C'], class_coding.loc['D']):.3f}")

# %% [markdown]
# Count how often C and D give the same answer, and compare with kappa:

# %%
same = (class_coding.loc["C"] == class_coding.loc["D"]).mean()
print(f"C and D give the same answer on {same:.0%} of the items")

# %% [markdown]
# Two coders who each say yes to about half the items would agree on about half of them by
# pure chance; kappa only rewards the agreement beyond what their own yes-rates predict.
#
# **Krippendorff's alpha** measures agreement over any number of coders, and also allows missing
# codes. Krippendorff (2004) advises: rely on data with α ≥ .800, draw only tentative conclusions
# from .667 ≤ α < .800, and do not use data below .667.

# %%
alpha = score_alpha(class_coding)
print(f"alpha = {alpha:.3f}: {describe_alpha(alpha)}")

# %% [markdown]
# **What these numbers mean here.** Krippendorff's thresholds are meant for *one variable coded
# on many units*: "is the conflict frame present?" over a few hundred articles or paragraphs. The
# 19 answers above are 19 *different* variables, each coded on a single unit, this one article.
# A kappa or alpha over them says how alike these coders read this one text; it does not say
# whether any one question of the codebook can be coded reliably, and with 19 answers a single
# changed answer moves it a lot. To test a codebook, code one variable on many units: that is
# what the next section does, for the economic frame, paragraph by paragraph.
#
# When agreement is too low, the fix is not a better formula: it is a clearer codebook (what
# counts as a "solution"? does a quoted loaded word count for H2?), coder training with worked
# examples, and a new test on fresh articles.

# %% [markdown]
# ## 6. The computer versus the coder
#
# A word list decides by words; a coder by meaning. To see how far the words get, take one
# variable, *is the economic frame present in this paragraph?*, and code it yourself. A paragraph
# has the economic frame when any of the items E1–E3 would be yes for that paragraph alone: it
# names financial losses or gains, costs, or economic consequences of what someone does.

# %% [markdown]
# ### Exercise 3.5 — Code the economic frame paragraph by paragraph (2 points)
#
# - Read each of the 13 paragraphs on its own and decide: economic frame, yes (1) or no (0)?
# - Store your codes in `answer_3_5` as a list of 13 `int`, for ¶1 to ¶13 in order.
# - Each paragraph is a part; where careful coders can differ, either code counts.
#
# <details><summary>Hint</summary>
#
# Read the three economic questions of the codebook again. A paragraph about trade, supply or
# sanctions is about economic consequences even when no amount of money is named.
#
# </details>

# %% answer 3.5
answer_3_5 = ...  # your answer here
### BEGIN SOLUTION
answer_3_5 = [0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
### END SOLUTION

# %% check 3.5
check("3.5", answer_3_5)

# %% tests 3.5
"""Exercise 3.5: thirteen codes of the economic frame; one part per paragraph, either code where disputed."""
### BEGIN HIDDEN TESTS
grade_answer("3.5", answer_3_5)
### END HIDDEN TESTS

# %% [markdown]
# Our coding of the same paragraphs, with the reasons, and of every paragraph of the course's
# three other articles: one variable over 28 units. The `lexicon` column says whether the course
# lexicon finds an economic marker in the paragraph.

# %%
coded = load_paragraph_coding("economic")
coded[["article", "paragraph", "answer", "disputed", "lexicon", "justification"]]

# %% [markdown]
# Now build the comparison for the article. One column is what the lexicon finds (a paragraph
# with at least one economic marker); the other is the human coding, ours here:

# %%
lexicon_says = counts["economic"] > 0
ours = coded[coded["article"] == "000_79c815f5f65dac68.txt"].set_index("paragraph")["answer"]
print(f"precision {score_precision(lexicon_says, ours):.2f}, recall {score_recall(lexicon_says, ours):.2f}")

# %% [markdown]
# **Precision** is the share of the paragraphs the lexicon finds that the coder also coded yes:
# is what it finds right? **Recall** is the share of the paragraphs the coder coded yes that the
# lexicon finds: does it find everything? On this article the lexicon finds exactly the
# paragraphs we coded. Now measure it against *your* coding: in a new cell, run
# `score_precision(lexicon_says, answer_3_5)` and `score_recall(lexicon_says, answer_3_5)`.
#
# Thirteen paragraphs of the article the lexicon was written for are an easy test. Over all 28
# coded paragraphs, the course lexicon does worse:

# %%
print(f"precision {score_precision(coded['lexicon'], coded['answer']):.2f}, "
      f"recall {score_recall(coded['lexicon'], coded['answer']):.2f} over {len(coded)} paragraphs")

# %% [markdown]
# It is precise but misses paragraphs: "een ‘prestigeproject’ dat de stad niet kan betalen" has
# no word from its list. Can you write a better one? First a worked example, for the conflict
# frame: a *stem* is the start of a word that stays the same in all its forms (*beschuldig-* in
# *beschuldigt*, *beschuldiging*), and the rule says yes when a word of the paragraph begins with
# one of the stems.

# %%
def conflict_paragraph(paragraph):
    """True when a word of the paragraph begins with one of the conflict stems."""
    stems = ["beschuldig", "ontken", "waarschuw", "dreig", "kritiek", "desinformatie"]
    words = paragraph.lower().split()
    return any(word.startswith(stem) for word in words for stem in stems)


[n for n, p in enumerate(article.paragraphs, start=1) if conflict_paragraph(p.text)]

# %% [markdown]
# The rule finds ¶11 because Hass *waarschuwt* (warns), though he warns of a world split in two
# blocs, not against an opponent: a stem finds words, not meanings.

# %% [markdown]
# ### Exercise 3.6 — A lexicon entry for the economic frame (3 points)
#
# - Write `economic_paragraph(paragraph)`: it returns `True` when the paragraph has the economic
#   frame (money, prices, costs, jobs, trade, the economy) and `False` otherwise, by looking for
#   words or stems you choose.
# - Write it for news in general, not for this article: the grade calls it on paragraphs from
#   articles you have not seen, and compares with how people coded them.
# - `check` runs four example paragraphs; then measure your rule on the 28 coded paragraphs below.
#
# <details><summary>Hint</summary>
#
# Look back at the worked example above. Then think of Dutch compounds (*energiekosten*), of
# plurals and verb forms, and of words that only begin like a stem.
#
# </details>

# %% answer 3.6
def economic_paragraph(paragraph):
    """True when the paragraph has the economic frame: money, prices, costs, jobs, trade or the economy."""
    return ...  # your code here
### BEGIN SOLUTION
def economic_paragraph(paragraph: str) -> bool:
    whole_words = {"euro", "euro's", "geld", "baan", "banen", "loon", "lonen", "rente", "winst", "export",
                   "import"}
    stems = ("econom", "financ", "kost", "prijs", "prijz", "miljoen", "miljard", "inflatie", "handel",
             "sanctie", "boycot", "goederen", "hypothe", "krediet", "bank", "betal", "begroting", "belasting",
             "subsidie", "omzet", "koopkracht", "markt", "aanvoer")
    words = [w.strip(".,;:!?()\"'“”„‘’") for w in paragraph.lower().split()]
    return any(w in whole_words or any(stem in w for stem in stems) for w in words)
### END SOLUTION

# %% check 3.6
check("3.6", economic_paragraph)

# %% tests 3.6
"""Exercise 3.6: economic_paragraph on paragraphs of other articles, against human coding (share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("3.6", economic_paragraph, [
    Case('a paragraph about money, prices, jobs or trade', ('De aankoop kostte 4 miljoen euro, waarvan de helft werd betaald door de Vereniging Rembrandt. Volgens kunstcriticus Hans den Hartog Jager van NRC is het „een slimme en terechte aankoop”.',), True),
    Case('a paragraph about money, prices, jobs or trade', ('De inflatie is in juli gedaald naar 4,7 procent. Dat blijkt uit voorlopige cijfers van het Centraal Bureau voor de Statistiek (CBS).',), True),
    Case('a paragraph about money, prices, jobs or trade', ('Bij de koekjesfabriek van Van Doorn in Zaandam verdwijnen 140 banen. Het bedrijf verplaatst een deel van de productie naar Polen, meldt directeur Willem Rijpkema in een brief aan het personeel.',), True),
    Case('a paragraph about money, prices, jobs or trade', ('„Huishoudens met een hoge hypotheek zijn kwetsbaar als de rente verder stijgt”, zegt DNB-directeur Olaf Sleijpen. „Wij vragen banken daar rekening mee te houden.”',), True),
    Case('an economic word inside a compound', ('"Het is een pijnlijke beslissing", zei Rijpkema donderdag tegen deze krant. "Maar de energiekosten zijn hier twee keer zo hoog als in Polen."',), True),
    Case('an economic word inside a compound', ('Haagse bronnen zeggen dat het kabinet zich zorgen maakt over de voedselprijzen in Afrika. Minister Hoekstra van Buitenlandse Zaken noemde het besluit "cynisch en gevaarlijk".',), True),
    Case('a paragraph with no economic content', ('Lukkien zelf was na de wedstrijd kritisch op zijn ploeg. "We waren in de tweede helft gewoon niet goed genoeg", zei hij voor de camera van ESPN. "Dat moet ik mezelf ook aanrekenen."',), False),
    Case('a paragraph with no economic content', ('‘De situatie is in de Randstad het ernstigst’, zegt inspecteur-generaal Alida Oppers. ‘Vooral kinderen die thuis minder hulp krijgen, lopen achterstand op.’',), False),
    Case('a paragraph with no economic content', ('Gedeputeerde Tijs de Bree zegt begrip te hebben voor de zorgen. "Maar we moeten de natuur herstellen. Daar ontkomen we niet aan", zei de gedeputeerde tegen RTV Oost.',), False),
    Case('a word that only looks like an economic word', ('"Dit is een historische dag voor Europa", zei Eurocommissaris Ylva Johansson na de stemming. "We hebben eindelijk gemeenschappelijke regels."',), False),
    Case('a word that only looks like an economic word', ('Diplomaten in Brussel zeggen dat Hongarije en Polen de uitvoering zullen proberen te vertragen. De Hongaarse premier Viktor Orbán schreef op X dat het pact "de dood van Europa" betekent.',), False),
])
### END HIDDEN TESTS

# %% [markdown]
# Now validate your entry as a researcher would: its precision and recall against the human
# coding of all 28 paragraphs, next to the course lexicon's. The disputed paragraphs count with
# our code; look at them separately before you blame your rule.

# %%
coded["rule"] = [economic_paragraph(text) for text in coded["text"]]
print(f"your rule:      precision {score_precision(coded['rule'], coded['answer']):.2f}, "
      f"recall {score_recall(coded['rule'], coded['answer']):.2f}")
print(f"course lexicon: precision {score_precision(coded['lexicon'], coded['answer']):.2f}, "
      f"recall {score_recall(coded['lexicon'], coded['answer']):.2f}")

# %% [markdown]
# The paragraphs where your rule and the coders part ways are the ones to read:

# %%
coded.loc[coded["rule"] != (coded["answer"] == 1), ["article", "paragraph", "answer", "disputed", "rule", "text"]]

# %% [markdown]
# A word list finds words; it does not know who speaks or what the whole article does with them.
# The lexicon's frame profile, the share of paragraphs with at least one marker of each frame,
# next to our reference coding:

# %%
profiles = compare_profiles(article)
profiles

# %%
plot_frame_profiles(profiles)

# %% [markdown]
# The two measure different things. The coder answers questions about the *whole* article ("does
# the story mention financial losses?"): one sentence is enough for a yes. The lexicon counts
# *words*, paragraph by paragraph: a frame that sits in a few paragraphs, like the economic
# frame, scores low however clearly it is there. The lexicon also cannot tell who speaks:
# *kwaadaardig* counts as a morality marker, though it is Zhao's charge and the article itself
# draws no moral lesson; and *vriendschap* counts as human interest, though it is the friendship
# of two heads of state. Both still point to the same dominant frame:

# %%
print("reference coding:", dominant_frame(profiles["reference"]), "| lexicon:", dominant_frame(profiles["lexicon"]))

# %% [markdown]
# Burscher et al. (2014) went further than a word list: they trained a computer on Dutch
# newspaper articles that people had coded with indicator questions like these, for four generic
# frames: conflict, economic consequences, human interest and morality (not responsibility).
# Words weighted by TF·IDF (how often a word occurs in an article, weighed against how many
# articles use it) worked best of the text representations they tried. They compared two ways of
# setting up the task, predicting each frame directly or through its indicator questions, and
# their main finding is that the computer can learn to code frames but that how well it does
# depends on how the task is set up. Read their article with two questions in mind: what did the
# computer learn *from*, and what would it need to detect a frame in an article unlike the ones
# it was trained on?

# %% [markdown]
# ## 7. The Entman worksheet
#
# ### Exercise 3.7 — The Entman worksheet (3 points)
#
# The article reports two sides, and it has a voice of its own. Fill in the table: how does each
# side, *as the article reports it*, define the problem, name its cause, judge it and say what
# should be done, and what does the newspaper itself add (background and analysis that no source
# is said to give)? Put in a side's column only what the article says that side says; point to a
# paragraph or a quotation in every cell; write "not in the article" where it says nothing. Your
# teacher grades the answer cell by hand.

# %% [markdown] prose 3.7 points=3
# | framing function | the US, as reported | China, as reported | the newspaper |
# |:--|:--|:--|:--|
# | problem definition | YOUR ANSWER HERE | YOUR ANSWER HERE | YOUR ANSWER HERE |
# | causal interpretation | | | |
# | moral evaluation | | | |
# | treatment recommendation | | | |
# ### BEGIN SOLUTION
# | function | the US, as reported | China, as reported | the newspaper |
# |---|---|---|---|
# | problem definition | Possible Chinese support for Russia: Sullivan warns "We zullen dat niet toestaan" (¶2); Chinese fake news about Ukrainian biological and chemical warfare plans (¶13) | The US spreads disinformation about the Ukraine issue, "met China als doelwit" (¶12) | Russia's "achterdeur" to China must stay shut for the boycott to work (¶3); Russia needs China for goods, technology and finance (¶5); China keeps to the middle (¶6–¶7) |
# | causal interpretation | Russia has asked China for military support, as media report on anonymous American sources (¶1); the Russian stories may be a pretext for Russian attacks (¶13) | The American side, which spreads the claims (¶12) | The US leaks "oncontroleerbare informatie" to raise the pressure, as before the invasion (¶10, no basis given); ties sealed at the Winter Games (¶4) |
# | moral evaluation | Chinese support would not be allowed (¶2); spreading the Russian story is "nepnieuws" (¶13) | The American claims are "kwaadaardig" (¶12); China stresses security and non-intervention without criticising Russia (¶7) | China's denial is "in algemene en enigszins vage termen" (¶1) and not "glashard" (¶12); the media it relies on are "internationaal gerespecteerd" (¶1) |
# | treatment recommendation | Warn China "direct en achter de schermen" (¶2) | Restraint on both sides, and Chinese mediation between Russia and Ukraine (¶9) | Not in the article (it predicts that China will not burn its fingers, ¶9) |
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 3.7 (teacher only, 3 points).**
#
# - 1 point: the two sides' columns hold only what the article says each side says (the US:
#   the warning, the reported request, the fake-news charge, the feared pretext; China: the
#   disinformation charge, "kwaadaardig", restraint and mediation). A student who writes that
#   China *denies* the request loses no point, but note that ¶12 says China did not flatly deny
#   it.
# - 1 point: the newspaper's column holds its own voice and nothing a source is said to say: the
#   background of ¶3–¶5 (back door, boycott, Russia's needs, the friendship of ¶4), the
#   analysis of ¶10 (leaks as a tactic, with no basis given), its judgements (*vage termen*,
#   *glashard*, *internationaal gerespecteerde media*). Background or analysis placed in a
#   side's column (¶4 or ¶10 as the US view) costs this point.
# - 1 point: each cell points to the text (a paragraph or a quotation); nothing is invented.

# %% [markdown]
# ## Key points
#
# - To frame is to select and make salient, to promote a problem definition, a cause, a moral
#   evaluation and a remedy (Entman 1993).
# - The generic-frame questions of Semetko & Valkenburg (2000) turn framing into yes/no coding;
#   a frame's score is the mean of its items. Code first, with a reason for every code, then
#   compare; some items allow two readings.
# - Frames are carried by words: markers of a frame, loaded words, metaphors, hedges, sourcing
#   words and quotation marks; and by the newspaper's own voice, in its analysis and in what it
#   takes for granted.
# - Cohen's kappa is the agreement beyond chance, computed from a 2×2 table; Krippendorff's
#   alpha extends it to more coders (≥ .800 reliable, ≥ .667 tentative). Both are meant for one
#   variable over many units.
# - A word list is validated against people: its precision (is what it finds right?) and recall
#   (does it find everything?) on units coded by hand, ideally from texts it was not written for.
#
# ## Discussion
#
# 1. The article quotes Zhao's "kwaadaardig" and reports the American "nepnieuws". Does quoting
#    a loaded word frame the story, or only report the frame of a speaker?
# 2. Which item of the codebook was hardest to code, and how would you rewrite its question?
# 3. Your economic rule and the course lexicon disagree on some paragraphs. Who is wrong there:
#    the rule, or the coder?
# 4. Burscher et al. (2014) taught a computer to code frames from human codings. Whose frames
#    does such a computer learn, and what stays in the background of an article that no word
#    list can see (the war's victims, for one)?
#
# **Reading.** R. M. Entman (1993), *Framing: toward clarification of a fractured paradigm*,
# Journal of Communication 43(4). H. A. Semetko & P. M. Valkenburg (2000), *Framing European
# politics: a content analysis of press and television news*, Journal of Communication 50(2).
# K. Krippendorff (2004), *Content analysis: an introduction to its methodology*, 2nd ed., Sage.
# B. Burscher, D. Odijk, R. Vliegenthart, M. de Rijke & C. H. de Vreese (2014), *Teaching the
# computer to code frames in news: comparing two supervised machine learning approaches to frame
# analysis*, Communication Methods and Measures 8(3).
