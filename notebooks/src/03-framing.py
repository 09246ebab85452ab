# %% [markdown]
# # 03 · Detecting framing
#
# Two newspapers can report the same facts and still tell different stories: one writes about a
# conflict between great powers, the other about money. That choice of emphasis is *framing*. In
# this lesson you code the article by hand with a research codebook, look for the words that
# carry each frame, and test how far a computer gets with a word list.
#
# **Learning goals.** After this notebook you can
#
# 1. *define* framing with Entman's four framing functions;
# 2. *code* an article with the generic-frame questions of Semetko & Valkenburg (2000);
# 3. *find* the words that carry a frame: frame markers, loaded words, metaphors, hedges and
#    scare quotes;
# 4. *measure* agreement between coders with Cohen's kappa and Krippendorff's alpha;
# 5. *judge* what a computer can and cannot detect of a frame.
#
# **Time:** about 90 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads everything this lesson uses from the course library.

# %%
from course import (assert_answer, check, compare_profiles, describe_alpha, dominant_frame, find_frame_markers,
                    find_hedges, find_loaded_words, find_metaphors, find_quotes, frame_profile, list_text_items,
                    load_article, load_class_coding, load_codebook, load_reference_coding, plot_frame_heatmap,
                    plot_frame_profiles, reference_profiles, score_alpha, score_kappa, show_frames,
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
# We coded the article ourselves, item by item, with a one-line justification. Read the
# justifications: a coding is only as good as the reasons behind it.

# %%
reference = load_reference_coding()
reference

# %% [markdown]
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
# ### Exercise 3.1 — Code five items (2 points)
#
# Code these five items for the whole article yourself, *before* you compare with the table
# above: read the question in `codebook`, then the article.
#
# - C1, C2, H4, M2 and E1, in that order.
# - Store your answers in `answer_3_1` as a list of five `int`: 1 for yes, 0 for no.
#
# <details><summary>Hint</summary>
#
# Answer only what the text says. "Does one party reproach another?" is yes only when the
# article reports a reproach.
#
# </details>

# %% answer 3.1
answer_3_1 = ...  # your answer here
### BEGIN SOLUTION
coded = reference.set_index("item")["answer"]
answer_3_1 = [int(coded[i]) for i in ["C1", "C2", "H4", "M2", "E1"]]
### END SOLUTION

# %% check 3.1
check("3.1", answer_3_1)

# %% tests 3.1
"""Exercise 3.1: five yes/no answers, in the order of the items asked."""
### BEGIN HIDDEN TESTS
assert_answer("3.1", answer_3_1)
### END HIDDEN TESTS

# %% [markdown]
# Now code the whole article. Replace each `None` below by 1 or 0; an item you leave at `None`
# is not counted. We use your coding again in section 5.

# %%
my_coding = {item: None for item in items}
# for example: my_coding["C1"] = 1
frame_profile(my_coding)

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
# ### Exercise 3.2 — Where is the conflict? (1 point)
#
# - In which paragraph does the lexicon find the most conflict markers?
# - Store its number in `answer_3_2` as an `int`.
#
# <details><summary>Hint</summary>
#
# `counts["conflict"]` is one column of the table; `.idxmax()` gives the row label of its
# largest value.
#
# </details>

# %% answer 3.2
answer_3_2 = ...  # your answer here
### BEGIN SOLUTION
answer_3_2 = int(counts["conflict"].idxmax())
### END SOLUTION

# %% check 3.2
check("3.2", answer_3_2)

# %% tests 3.2
"""Exercise 3.2: the number of the paragraph with the most conflict markers."""
### BEGIN HIDDEN TESTS
assert_answer("3.2", answer_3_2)
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Word choice
#
# Frames also live in *how* things are said. Four kinds of word choice to look for:
#
# - **loaded words** judge while they name: *kwaadaardig*, *nepnieuws*, *desinformatie*;
# - **metaphors** make a situation look like something else: a *back door*, *burning one's fingers*;
# - **hedges** mark a claim as uncertain or as someone's view: *zou*, *kan*, *volgens*, *meent*;
# - **quotation marks** either give someone's words (a direct quote) or keep a phrase at a
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
# *glashard*, and in the quotation marks around *ijzersterke vriendschap*.

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
# support is a report by media based on anonymous sources, not a fact the paper confirms.

# %% [markdown]
# ### Exercise 3.3 — The hedges of paragraph 8 (1 point)
#
# - Which hedges does `find_hedges` find in paragraph 8, on the economic damage?
# - Store the words as they are written (the `text` column) in `answer_3_3` as a list of `str`;
#   order does not matter.

# %% answer 3.3
answer_3_3 = ...  # your answer here
### BEGIN SOLUTION
answer_3_3 = hedges.loc[hedges["paragraph"] == 8, "text"].tolist()
### END SOLUTION

# %% check 3.3
check("3.3", answer_3_3)

# %% tests 3.3
"""Exercise 3.3: the hedges of paragraph 8, as written."""
### BEGIN HIDDEN TESTS
assert_answer("3.3", answer_3_3)
### END HIDDEN TESTS

# %% [markdown]
# Quotation marks next. `find_quotes` calls a quotation *direct* when it is a full sentence with
# a speech word nearby (*zei*), *partial* when a fragment is attributed (*volgens hem*,
# *waarschuwt*), and a *scare quote* when a fragment stands in quotation marks with no speaker.

# %%
quotes = find_quotes(article)
quotes[["paragraph", "text", "kind"]]

# %%
show_word_choice(article, quotes, paragraphs=[2, 4, 11, 12])

# %% [markdown]
# The phrase ‘ijzersterke vriendschap’ in paragraph 4 has no speaker: the quotation marks tell
# the reader that these are someone else's words, but not whose, and keep the glowing phrase at
# a distance. Compare Sullivan's “We zullen dat niet toestaan”, a full sentence given to a named
# speaker with *zei*.

# %% [markdown]
# ## 5. Do coders agree?
#
# A coding is useful only when another coder, with the same codebook, would code the same.
# **Cohen's kappa** compares two coders and corrects for the agreement they would reach by
# chance: 1 is perfect, 0 no better than chance. Your coding against ours (it is `nan` until you
# have coded at least one item in section 2):

# %%
score_kappa(my_coding, reference)

# %% [markdown]
# Six students coded the same article. **This class is invented**: we made the codings up for
# this lesson, to show what real disagreement looks like.

# %%
class_coding = load_class_coding()
class_coding

# %% [markdown]
# ### Exercise 3.4 — Kappa of two coders (1 point)
#
# - Compute Cohen's kappa between coder C and coder D of the sample class.
# - Round it to two decimals and store it in `answer_3_4` as a `float`.
#
# <details><summary>Hint</summary>
#
# `class_coding.loc["C"]` is one coder's row; `score_kappa` takes two of them.
#
# </details>

# %% answer 3.4
answer_3_4 = ...  # your answer here
### BEGIN SOLUTION
answer_3_4 = round(score_kappa(class_coding.loc["C"], class_coding.loc["D"]), 2)
### END SOLUTION

# %% check 3.4
check("3.4", answer_3_4)

# %% tests 3.4
"""Exercise 3.4: Cohen's kappa of coders C and D, two decimals."""
### BEGIN HIDDEN TESTS
assert_answer("3.4", answer_3_4)
### END HIDDEN TESTS

# %% [markdown]
# Count how often C and D give the same answer, and compare with your kappa:

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
# When agreement is too low, the fix is not a better formula: it is a clearer codebook (what
# counts as a "solution"? does a quoted loaded word count for H2?), coder training with worked
# examples, and a new test on fresh articles.

# %% [markdown]
# ## 6. The computer versus the coder
#
# The lexicon gives its own profile: for each frame, the share of paragraphs with at least one
# marker. Next to our reference coding (and yours):

# %%
profiles = compare_profiles(article, student=my_coding)
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
# of two heads of state.
#
# Burscher et al. (2014) went further: they trained a computer on Dutch newspaper articles coded
# by people with these same questions, and found that it can learn to answer them, best from
# plain word counts (a "bag of words"). Read
# their article with two questions in mind: what did the computer learn *from*, and what would it
# need to detect a frame in an article unlike the ones it was trained on?

# %% [markdown]
# ### Exercise 3.5 — The dominant frame (1 point)
#
# - Which frame scores highest in our reference coding?
# - Store its label, as in the `frame` column of `codebook`, in `answer_3_5` as a `str`.

# %% answer 3.5
answer_3_5 = ...  # your answer here
### BEGIN SOLUTION
answer_3_5 = dominant_frame(frame_profile(reference))
### END SOLUTION

# %% check 3.5
check("3.5", answer_3_5)

# %% tests 3.5
"""Exercise 3.5: the label of the frame with the highest reference score."""
### BEGIN HIDDEN TESTS
assert_answer("3.5", answer_3_5)
### END HIDDEN TESTS

# %% [markdown]
# Does the lexicon point to the same frame as the coders?

# %%
print("reference coding:", dominant_frame(profiles["reference"]), "| lexicon:", dominant_frame(profiles["lexicon"]))

# %% [markdown]
# ### Exercise 3.6 — Why that frame? (2 points)
#
# In three to five sentences: which paragraphs and which words make this frame dominant? Name at
# least two paragraphs and quote at least two Dutch words or phrases. Then say one thing the
# frame leaves in the background. Your teacher grades the answer cell by hand.

# %% [markdown] prose 3.6 points=2
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# The conflict frame dominates: the article is built around accusations between the US and
# China. In paragraph 2 Sullivan "waarschuwde" the Chinese ("We zullen dat niet toestaan"); in
# paragraph 12 China rejects the "beschuldiging" and Zhao speaks of "desinformatie" and calls it
# "kwaadaardig"; in paragraph 13 the US accuses China of "nepnieuws"; and in paragraph 11 Hass
# warns of "twee blokken die tegenover elkaar staan". The war itself, and the people in Ukraine
# who suffer it, stay in the background: the article is about great powers, not about victims.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 3.6 (teacher only, 2 points).**
#
# - 1 point: names the conflict frame and at least two paragraphs with words from them that are
#   really there (e.g. ¶2 *waarschuwde*, ¶10 *dreigementen*, ¶11 *twee blokken*, ¶12
#   *beschuldiging*, *desinformatie*, ¶13 *beschuldigen*, *nepnieuws*).
# - 1 point: one thing in the background, supported by the text (the victims of the war; the
#   economy, which gets one paragraph; whether Russia really asked, which stays unverified).
# - No point for a quotation that is not in the article.

# %% [markdown]
# ### Exercise 3.7 — The Entman worksheet (3 points)
#
# The article gives two perspectives on the same events. Fill in the table: how does each side,
# *as the article reports it*, define the problem, name its cause, judge it and say what should
# be done? Use only what is in the article; write "not in the article" where it says nothing.
# Your teacher grades the answer cell by hand.

# %% [markdown] prose 3.7 points=3
# | framing function | the US, as reported | China, as reported |
# |:--|:--|:--|
# | problem definition | YOUR ANSWER HERE | YOUR ANSWER HERE |
# | causal interpretation | | |
# | moral evaluation | | |
# | treatment recommendation | | |
# ### BEGIN SOLUTION
# | function | US perspective | Chinese perspective |
# |---|---|---|
# | problem definition | China may support Russia's war, militarily or economically, and so open a "Russische achterdeur" around the western boycott (¶2, ¶3) | The US spreads disinformation about the Ukraine issue, with China as its target (¶12) |
# | causal interpretation | Russia has reportedly asked China for military support (¶1); China has ties with Russia, sealed as an "ijzersterke vriendschap" (¶4) | The American accusation, leaked to the media (¶10, ¶12) |
# | moral evaluation | Supporting Russia is not acceptable: "We zullen dat niet toestaan" (¶2); the US accuses China of spreading fake news (¶13) | The US claims are "kwaadaardig" (¶12); China stresses security and non-intervention without criticising Russia (¶7) |
# | treatment recommendation | Keep the back door to China shut so the boycott works; warn China directly and behind the scenes (¶2, ¶3) | Restraint on both sides and Chinese mediation between Russia and Ukraine (¶9) |
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 3.7 (teacher only, 3 points).**
#
# - 1 point: the US column is true to the article (the feared Chinese support, the reported
#   request, the warning, the boycott).
# - 1 point: the Chinese column is true to the article (disinformation charge, "kwaadaardig",
#   restraint and mediation). A student who writes that China *denies* the request loses no
#   point, but note that ¶12 says China did not flatly deny it.
# - 1 point: each cell points to the text (a paragraph or a quotation); nothing is invented, and
#   the two perspectives are kept apart from the journalist's own view.

# %% [markdown]
# ## Key points
#
# - To frame is to select and make salient, to promote a problem definition, a cause, a moral
#   evaluation and a remedy (Entman 1993).
# - The generic-frame questions of Semetko & Valkenburg (2000) turn framing into yes/no coding;
#   a frame's score is the mean of its items.
# - Frames are carried by words: markers of a frame, loaded words, metaphors, hedges, and the
#   choice between a quotation and a scare quote.
# - A coding counts only when coders agree beyond chance: Cohen's kappa for two coders,
#   Krippendorff's alpha for more (≥ .800 reliable, ≥ .667 tentative).
# - A word list finds the words; it does not know who speaks or what the whole article does
#   with them.
#
# ## Discussion
#
# 1. The article quotes Zhao's "kwaadaardig" and reports the American "nepnieuws". Does quoting
#    a loaded word frame the story, or only report the frame of a speaker?
# 2. Which item of the codebook was hardest to code, and how would you rewrite its question?
# 3. Burscher et al. (2014) taught a computer to code frames from human codings. Whose frames
#    does such a computer learn?
#
# **Reading.** R. M. Entman (1993), *Framing: toward clarification of a fractured paradigm*,
# Journal of Communication 43(4). H. A. Semetko & P. M. Valkenburg (2000), *Framing European
# politics: a content analysis of press and television news*, Journal of Communication 50(2).
# B. Burscher, D. Odijk, R. Vliegenthart, M. de Rijke & C. H. de Vreese (2014), *Teaching the
# computer to code frames in news*, Communication Methods and Measures 8(3).
