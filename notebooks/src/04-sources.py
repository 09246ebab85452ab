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
# 4. *write* an attribution rule of your own and test it on sentences from other articles;
# 5. *separate* the newspaper's own voice (analysis, presupposition) from what its sources say;
# 6. *trace* a claim to its basis with SIFT, reading laterally in a pack of other coverage.
#
# **Time:** about 90 minutes.

# %% [markdown]
# ## Setup
#
# One cell loads the article and the source finders of the course library.

# %%
from course import (ARTICLES_DIR, Case, assert_answer, build_source_network, check, find_attributions,
                    find_quotations, find_sources, find_voices, format_lateral, grade_answer, grade_function,
                    list_silent_actors, load_article, load_claims, load_lateral, plot_source_network, plot_voices,
                    search_lateral)

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
# ‘ijzersterke vriendschap’ (¶4) can be read two ways, and both are defensible.
#
# - **A partial quote.** Xi and Poetin *beklonken* (sealed) their friendship, so the sentence makes
#   them its implied speakers, and this paper puts partial quotes in single quotation marks
#   (¶2 ‘direct en achter de schermen’, ¶11 ‘de verdeling van de wereld …’). Read so, the phrase
#   renders their own words at the Winter Games.
# - **A scare quote.** The journalist puts a glowing phrase in quotation marks to keep a distance
#   from it.
#
# No verb of saying goes with it, so the table gives it no speaker and marks it
# `unattributed-partial`: the tool leaves the choice to you. Section 8 shows how to find out what
# the two leaders did say.

# %% [markdown]
# ### Exercise 4.1 — Whose words are quoted? (1 point)
#
# - Select the direct quotations of the article.
# - Store their speakers in `answer_4_1` as a list of `str`.
#
# <details><summary>Hint</summary>
#
# Which column of the quotations table says how a quotation is used, and which says who speaks?
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
# - Find the quotation to which the tool gives no speaker.
# - Store the number of its paragraph in `answer_4_2` as an `int`.
#
# <details><summary>Hint</summary>
#
# Look down the `speaker` column of the quotations table for the row that has none.
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
# - Count the sources that the tool marks as not named (the sources table's count, not your own).
# - Store the count in `answer_4_3` as an `int`.
#
# <details><summary>Hint</summary>
#
# One column of the sources table says whether the text names the source.
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
# A careful count by hand can differ from the tool's and still be right. In ¶13 *de VS* speak
# twice (*Ook de VS beschuldigen China*, *De VS vrezen*) without a named person, office or
# document: the tool counts a country as a named source, a reader may count it as one more
# unnamed source. Say which count you use, and why.

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
# own words. Xi Jinping and Vladimir Poetin are named only in paragraph 4, as the implied speakers
# of ‘ijzersterke vriendschap’ (section 1): no verb of saying, so the tool lists them as silent.

# %%
sources.loc[sources["side"] == "Rusland", ["source", "direct", "partial", "indirect", "paragraphs"]]

# %% [markdown]
# ### Exercise 4.4 — The American voice (1 point)
#
# - Give the tool's count of all statements (direct, partial and indirect) of the American side,
#   from the voices table.
# - Store the count in `answer_4_4` as an `int`.
#
# <details><summary>Hint</summary>
#
# The side of the United States is written `VS`, as in the article.
#
# </details>
#
# Counted by hand, 5 to 7 American statements can be defended: 5 if Sullivan's partial quote is
# part of his warning rather than a statement of its own, 7 if *de Amerikaanse beschuldiging* of
# ¶12 counts as one more. The exercise asks for the tool's count, so that everyone compares the
# same number.

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
# The `type` column of the sources table; the anonymous source is the row the text does not name.
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
# ## 6. Write the rules yourself
#
# The finders above are rules, and you can write one. Sources that speak without quotation marks
# are most often introduced by *volgens*: *Volgens de politie gaat het om …*, *die zou volgens
# ingewijden te laag zijn*. The hard part is not finding *volgens* but knowing where the speaker
# ends. A rule that works on this article's sentences only is worth little, so your functions
# are graded on sentences from *other* articles (police, court, health and local news), which
# you do not see.
#
# **The speaker rule.** Read the words after *volgens* one by one and keep them in the speaker
# phrase while the rules allow:
#
# 1. a quotation mark or an opening parenthesis ends the phrase (the word is not kept);
# 2. an article (*de*, *het*, *een*) may open it;
# 3. a word with a capital is kept (a name: *Rusland*, *Els de Boer*, *Kremlin-woordvoerder*);
# 4. a lower-case word right before a capitalised word is kept when it is a name particle (*van*,
#    *de*, *der*, *den*, *ter*) or when the phrase has no capitalised word yet (a role word before
#    the name: *econoom Mathijs Bouman*);
# 5. while the phrase has no capitalised word, one lower-case word is kept and the phrase ends
#    (a description or pronoun: *de politie*, *ingewijden*, *hem*);
# 6. any other word ends the phrase, and so does a word that ends in `, . : ; ! ?` (kept without
#    the mark).
#
# The function returns the phrase as one string, or `None` when the sentence has no *volgens*.

# %% [markdown]
# ### Exercise 4.7 — A rule for *volgens X* (3 points)
#
# - Complete `volgens_speaker(sentence)` in the answer cell: replace each `...` with your code.
#   The cell gives the loop; you write the three conditions of rules 3–5 (`is_name`,
#   `joins_name`, `is_description`), each an expression that is `True` or `False`.
# - Run the check cell: it tries your function on four example sentences and says which kind of
#   case fails. The grade runs it on held-back sentences of the same kinds, from other articles:
#   each case passed earns its share of the 3 points.
#
# <details><summary>Hint</summary>
#
# Rule 4 needs the word *after* the current one (`following`); rules 4 and 5 need to know whether
# the phrase already holds a capitalised word (`has_capital`). Both are computed for you.
#
# </details>

# %% answer 4.7
def volgens_speaker(sentence):
    """The source named after 'volgens' in a sentence, or None when the sentence has no 'volgens'."""
    words = sentence.split()
    lower = [w.lower() for w in words]
    if "volgens" not in lower:
        return None
    rest = words[lower.index("volgens") + 1:]
    phrase = []
    for i, word in enumerate(rest):
        following = rest[i + 1] if i + 1 < len(rest) else ""
        has_capital = any(w[0].isupper() for w in phrase)
        if word[0] in "\"'“”„‘’«(":
            break                                  # rule 1: a quotation or a parenthesis ends the phrase
        if not phrase and word.lower() in ("de", "het", "een"):
            phrase.append(word)                    # rule 2: an article may open it
            continue
        is_name = ...                              # rule 3: True for a word with a capital
        joins_name = ...                           # rule 4: a particle, or a role word, before a capitalised word
        is_description = ...                       # rule 5: True while the phrase has no capitalised word
        if Ellipsis in (is_name, joins_name, is_description):
            return ...                             # not written yet: fill in the three rules above
        if is_name:
            phrase.append(word)
        elif joins_name:
            phrase.append(word)
        elif is_description:
            phrase.append(word)                    # one lower-case word, then stop
            break
        else:
            break                                  # rule 6: any other word ends the phrase
        if word[-1] in ",.:;!?":
            break                                  # rule 6: punctuation ends it too
    return " ".join(phrase).rstrip(",.:;!?") or None
### BEGIN SOLUTION
def volgens_speaker(sentence):
    """The source named after 'volgens' in a sentence, or None when the sentence has no 'volgens'."""
    words = sentence.split()
    lower = [w.lower() for w in words]
    if "volgens" not in lower:
        return None
    rest = words[lower.index("volgens") + 1:]
    phrase = []
    for i, word in enumerate(rest):
        following = rest[i + 1] if i + 1 < len(rest) else ""
        has_capital = any(w[0].isupper() for w in phrase)
        if word[0] in "\"'“”„‘’«(":
            break
        if not phrase and word.lower() in ("de", "het", "een"):
            phrase.append(word)
            continue
        is_name = word[0].isupper()
        joins_name = following[:1].isupper() and (word in ("van", "de", "der", "den", "ter") or not has_capital)
        is_description = not has_capital
        if is_name:
            phrase.append(word)
        elif joins_name:
            phrase.append(word)
        elif is_description:
            phrase.append(word)
            break
        else:
            break
        if word[-1] in ",.:;!?":
            break
    return " ".join(phrase).rstrip(",.:;!?") or None
### END SOLUTION

# %% check 4.7
check("4.7", volgens_speaker)

# %% tests 4.7
"""Exercise 4.7: volgens_speaker on held-back sentences from other articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("4.7", volgens_speaker, [
    Case("a name after volgens", ("Volgens het RIVM daalt de vaccinatiegraad al jaren.",), "het RIVM"),
    Case("a name after volgens", ("Volgens de Landelijke Huisartsen Vereniging (LHV) is de druk op de huisartsenposten in het weekend hoog.",), "de Landelijke Huisartsen Vereniging"),
    Case("a role word before the name", ("Volgens econoom Mathijs Bouman is de waarschuwing terecht, maar ook een beetje laat.",), "econoom Mathijs Bouman"),
    Case("a role word before the name", ("Volgens Kremlin-woordvoerder Dmitri Peskov zijn de afspraken \"in feite beëindigd\".",), "Kremlin-woordvoerder Dmitri Peskov"),
    Case("a role word before the name", ("Volgens bestuursvoorzitter Els de Boer is de fusie nodig om genoeg personeel te houden.",), "bestuursvoorzitter Els de Boer"),
    Case("a description without a name", ("Volgens de verkeersdienst stond er op het hoogtepunt 25 kilometer file.",), "de verkeersdienst"),
    Case("a description without a name", ("Volgens ingewijden gaat het om een conflict in het criminele milieu.",), "ingewijden"),
    Case("a description without a name", ("Volgens hem had de minister maanden geleden moeten ingrijpen.",), "hem"),
    Case("volgens in the middle of the sentence", ("Het pact zet volgens Amnesty \"de deur open voor detentie van kinderen\".",), "Amnesty"),
    Case("volgens in the middle of the sentence", ("Een eerste raming komt uit op 45 miljoen euro, maar die zou volgens ingewijden te laag zijn.",), "ingewijden"),
    Case("no volgens in the sentence", ("Tegen de NOS zei de Turkse president Recep Tayyip Erdogan dat hij nog steeds hoopt op een oplossing.",), None),
    Case("no volgens in the sentence", ("„De markt trekt aan”, aldus voorzitter Onno Hoes.",), None),
])
### END HIDDEN TESTS

# %% [markdown]
# Try your rule on this article: every sentence with *volgens*, and what your function makes of it.

# %%
[(s.paragraph, volgens_speaker(s.text)) for s in article.sentences if "volgens" in s.text.lower()]

# %% [markdown]
# ### Exercise 4.8 — A rule for *"…", aldus X* (3 points)
#
# The second pattern puts the speaker after the quotation: *„De markt trekt aan”, aldus
# voorzitter Onno Hoes.* or *"We zijn niet bang", schreef hij.*
#
# - Write `quote_speaker(sentence)`: find a closing quotation mark (`" ' ” ’ »`) with a comma
#   right after it (`”,`) or right before it (`,”`), followed by *aldus* or a verb of saying
#   (*zei*, *zegt*, *zeggen*, *zeiden*, *schreef*, *schrijft*); return the speaker phrase after the
#   verb, read with the speaker rule of 4.7.
# - Return `None` when the sentence has no such quotation.
# - This time the cell gives only the signature: you may call a helper of your own, or reuse the
#   loop of 4.7.
#
# <details><summary>Hint</summary>
#
# Split the task in two: where does the quotation end and the verb follow (look at each word and
# the one after it), and where does the speaker end (the rule you wrote in 4.7)?
#
# </details>

# %% answer 4.8
def quote_speaker(sentence):
    """The speaker after a quotation ("…", aldus X / "…", zei X / "…," zegt ze), or None when there is none."""
    return ...  # your code here
### BEGIN SOLUTION
def quote_speaker(sentence):
    """The speaker after a quotation ("…", aldus X / "…", zei X / "…," zegt ze), or None when there is none."""
    closers = ("\"", "'", "”", "’", "»")
    verbs = ("aldus", "zei", "zegt", "zeggen", "zeiden", "schreef", "schrijft")
    words = sentence.split()
    for i in range(len(words) - 1):
        word = words[i]
        closes = word.endswith(tuple(c + "," for c in closers)) or (word.endswith(closers) and word[:-1].endswith(","))
        if not closes or words[i + 1].lower() not in verbs:
            continue
        rest = words[i + 2:]
        phrase = []
        for k, w in enumerate(rest):
            following = rest[k + 1] if k + 1 < len(rest) else ""
            has_capital = any(p[0].isupper() for p in phrase)
            if w[0] in "\"'“”„‘’«(":
                break
            if not phrase and w.lower() in ("de", "het", "een"):
                phrase.append(w)
                continue
            if w[0].isupper():
                phrase.append(w)
            elif following[:1].isupper() and (w in ("van", "de", "der", "den", "ter") or not has_capital):
                phrase.append(w)
            elif not has_capital:
                phrase.append(w)
                break
            else:
                break
            if w[-1] in ",.:;!?":
                break
        return " ".join(phrase).rstrip(",.:;!?") or None
    return None
### END SOLUTION

# %% check 4.8
check("4.8", quote_speaker)

# %% tests 4.8
"""Exercise 4.8: quote_speaker on held-back sentences from other articles (partial credit: the share of cases passed)."""
### BEGIN HIDDEN TESTS
grade_function("4.8", quote_speaker, [
    Case("the speaker after aldus or a verb", ("„De markt trekt aan”, aldus voorzitter Onno Hoes.",), "voorzitter Onno Hoes"),
    Case("the speaker after aldus or a verb", ("„De lonen stijgen nu hard, en bedrijven rekenen dat door in hun prijzen”, aldus Mujagic.",), "Mujagic"),
    Case("the speaker after aldus or a verb", ("‘Dat smeltwater wordt elk jaar minder’, aldus Jansen.",), "Jansen"),
    Case("the speaker after aldus or a verb", ("\"Geen verblijf is groot genoeg voor zulke dieren\", aldus een woordvoerder.",), "een woordvoerder"),
    Case("more words after the speaker", ("\"Niemand heeft ons iets gevraagd\", zegt buurtbewoner Ahmed Benali, die al twintig jaar aan het plein woont.",), "buurtbewoner Ahmed Benali"),
    Case("more words after the speaker", ("\"We gaan door\", zei minister Hoekstra dinsdag in Brussel.",), "minister Hoekstra"),
    Case("the speaker after aldus or a verb", ("\"We zijn niet bang\", schreef hij.",), "hij"),
    Case("the speaker after aldus or a verb", ("\"De markt reageert altijd eerst met paniek\", zegt De Vries.",), "De Vries"),
    Case("the comma inside the quotation marks", ("\"Het is te vroeg,\" zei de woordvoerster.",), "de woordvoerster"),
    Case("the comma inside the quotation marks", ("„Wij zijn er klaar voor,” aldus de brandweercommandant.",), "de brandweercommandant"),
    Case("no speaker after the quotation", ("Minister Hoekstra van Buitenlandse Zaken noemde het besluit \"cynisch en gevaarlijk\".",), None),
    Case("no speaker after the quotation", ("Fractievoorzitter Peter de Groot: \"Dit is een ‘prestigeproject’ dat de stad niet kan betalen.\"",), None),
])
### END HIDDEN TESTS

# %% [markdown]
# Compare with the engine. Your two rules cover two of its attribution patterns; it also
# reads *X zei dat …*, *X: "…"*, *zo meldden X en Y*, pronouns that point back, and role words it
# looks up in a list. Where do your functions and the sources table disagree on this article?

# %%
[(s.paragraph, quote_speaker(s.text)) for s in article.sentences if quote_speaker(s.text)]

# %% [markdown]
# ## 7. The newspaper's own voice
#
# Not every claim in the article has a source. The journalist also speaks: in analysis (¶3, ¶8,
# ¶10), in evaluations of the sources (*internationaal gerespecteerde media*, ¶1: the paper vouches
# for the outlets it relies on), and in **presuppositions**, what a sentence takes for granted
# without saying it. *Zonder het Russische verzoek glashard te ontkennen* (¶12) still assumes a
# request when you deny the whole sentence: the definite *het verzoek* presupposes that there is
# one. No finder marks these: you read them.

# %% [markdown]
# ### Exercise 4.9 — Taken for granted (1 point)
#
# Which of these phrases take for granted that Russia asked China for help, or that China
# already supports Russia?
#
# 1. ¶1 *Rusland heeft China gevraagd om militaire steun, zo meldden … media*
# 2. ¶10 *of er daadwerkelijk door Rusland om militaire steun is verzocht of niet*
# 3. ¶11 *Als China inderdaad Rusland blijft steunen*
# 4. ¶12 *zonder het Russische verzoek glashard te ontkennen*
# 5. ¶2 *Hij bevestigde ze niet, maar waarschuwde de Chinezen wel.*
# 6. ¶12 *China heeft de Amerikaanse beschuldiging direct van de hand gewezen*
#
# Store the numbers of the phrases in `answer_4_9` as a list of `int`, e.g. `[1, 2]`.
#
# <details><summary>Hint</summary>
#
# A presupposition survives when you put the sentence in doubt. Which phrases would be odd if
# there had never been a request, or any support?
#
# </details>

# %% answer 4.9
answer_4_9 = ...  # your answer here
### BEGIN SOLUTION
answer_4_9 = [3, 4]
### END SOLUTION

# %% check 4.9
check("4.9", answer_4_9)

# %% tests 4.9
"""Exercise 4.9: the phrases that presuppose the request or China's support."""
### BEGIN HIDDEN TESTS
assert_answer("4.9", answer_4_9)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.10 — Who vouches for it? (2 points)
#
# For each phrase, is it said by a **source** the article names or describes (with a name,
# *volgens*, a verb of saying or quotation marks), or by the **newspaper** itself?
#
# 1. ¶1 *internationaal gerespecteerde media als de Financial Times en The Washington Post*
# 2. ¶2 *“We zullen dat niet toestaan”*
# 3. ¶3 *Voor de VS is het belangrijk dat de Russische achterdeur naar China gesloten blijft*
# 4. ¶10 *De VS volgen met het lekken naar de media … hetzelfde recept als in de periode voor de
#    Russische inval*
# 5. ¶11 *dan kan dit vergaande gevolgen hebben*
# 6. ¶13 *Volgens Rusland bestaan die plannen*
#
# Store six labels, in this order, in `answer_4_10` as a list of `str`, each `"source"` or
# `"newspaper"`.
#
# <details><summary>Hint</summary>
#
# Read the whole sentence of each phrase, and the quotations and attributions tables for its
# paragraph.
#
# </details>

# %% answer 4.10
answer_4_10 = ...  # your answer here
### BEGIN SOLUTION
answer_4_10 = ["newspaper", "source", "newspaper", "newspaper", "source", "source"]
### END SOLUTION

# %% check 4.10
check("4.10", answer_4_10)

# %% tests 4.10
"""Exercise 4.10: source or newspaper, for six phrases in order."""
### BEGIN HIDDEN TESTS
assert_answer("4.10", answer_4_10)
### END HIDDEN TESTS

# %% [markdown]
# ## 8. Tracing claims
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
# Here is what the table says can be checked for the article's first claim, and for the
# newspaper's own analysis in ¶10, the most important claim of the article that no source makes.

# %%
claims = load_claims(article).set_index("claim")
print(claims.loc["request", "check"])
print(claims.loc["us_strategy", ["made_by", "basis"]].tolist())

# %% [markdown]
# ### Reading laterally, offline
#
# A lateral reader opens new tabs. This notebook cannot go online, so we did the searching for
# you and wrote down what we found: a **pack** of dated facts from other coverage and from the
# official transcripts of the briefings the article draws on (the White House press briefing and
# the Chinese foreign ministry's press conference of 14 March 2022, the statements on the Rome
# meeting of Sullivan and Yang Jiechi). Every row names its source: outlet, title, date and web
# address, so you can open it when you are online. The facts are in English, in our words.
#
# `search_lateral(query)` searches the pack like a search box: it returns the rows that match
# most of your words first, as a table. `format_lateral(rows)` prints them to read, with their
# sources; `load_lateral()` gives the whole pack. What kinds of source does it hold?

# %%
load_lateral()["kind"].value_counts()

# %% [markdown]
# A first search: what do other sources say about the meeting in Rome (¶3)?

# %%
print(format_lateral(search_lateral("Rome meeting Yang"), limit=4))

# %% [markdown]
# Section 1 left ‘ijzersterke vriendschap’ (¶4) open. What did Xi and Poetin say at the Winter
# Games? The pack has their joint statement of 4 February, and how another Dutch paper quoted it.

# %%
print(format_lateral(search_lateral("friendship limits"), limit=2))

# %% [markdown]
# **Investigate the source** starts with the article itself: who published it? The course's seed
# file gives only its text and month. The pack's row about the article says which outlet it is
# and how we established that; it also says what we could *not* establish (the exact day is our
# inference from the text).

# %% [markdown]
# ### Exercise 4.11 — Read laterally (2 points)
#
# Search the pack (`search_lateral`) to answer three questions:
#
# 1. Which outlet published the article?
# 2. Which party to the war denied the request in public on Monday 14 March, though the article
#    does not say so? Write the country as the article does (or in English).
# 3. On which date did the Financial Times and The Washington Post first report the request?
#    Write it as `YYYY-MM-DD`.
#
# Store the three answers, in this order, in `answer_4_11` as a list of `str`. Each right answer
# earns a third of the points.
#
# <details><summary>Hint</summary>
#
# Type two or three words you expect in the fact: a name, an action, a kind of source. Read the
# rows that come back, not only the first.
#
# </details>

# %% answer 4.11
answer_4_11 = ...  # your answer here
### BEGIN SOLUTION
answer_4_11 = ["Trouw", "Rusland", "2022-03-13"]
### END SOLUTION

# %% check 4.11
check("4.11", answer_4_11)

# %% tests 4.11
"""Exercise 4.11: three answers found in the lateral-reading pack (partial credit per answer)."""
### BEGIN HIDDEN TESTS
grade_answer("4.11", answer_4_11)
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4.12 — A SIFT worksheet (3 points)
#
# - Choose one claim from the claims table (not `request`).
# - Walk it through the four SIFT steps, one or two sentences per step, in English or Dutch.
# - Read laterally in the pack: run at least two searches with `search_lateral` (write down what
#   you typed) and cite the rows you use by their id (`L07`). Say what the pack could not tell
#   you, and where you would search next when online.
# - End with one sentence: how far can a reader trust the claim, and why?
#
# Your teacher grades the answer cell by hand.

# %%
# your searches here, e.g. print(format_lateral(search_lateral("Sullivan CNN")))

# %% [markdown] prose 4.12 points=3
# YOUR ANSWER HERE
# ### BEGIN SOLUTION
# Claim `warning` (paragraph 2): Sullivan says the US will not allow Chinese support for Russia.
# **Stop:** a short, strong quote from one side, in a conflict where each side accuses the other;
# I should not take its framing for granted. **Investigate:** Sullivan is Biden's national
# security adviser, so he speaks for the US government, and the article is Trouw's (L21).
# **Find better coverage:** `search_lateral("Sullivan CNN")` gives L06 and L07: he spoke on Sunday
# on CNN's State of the Union, and AP also reports the words "will not allow that". **Trace:** AP
# puts the words in a warning against helping Russia evade the sanctions (L07), and on CNN he spoke
# of any country that makes up Russia's losses (L06); the article narrows them to "Chinese steun
# aan Rusland". `search_lateral("Psaki briefing")`
# (L12) shows that on Monday the White House would not confirm any Chinese aid. The pack does not
# hold the CNN transcript itself: online I would look for it on CNN's site. The quote is real and
# on the record, so a reader can trust that Sullivan said it; what it was about is slightly
# narrowed in the article, and it says nothing about whether Russia asked.
# ### END SOLUTION

# %% [markdown] tags=teacher
# **Rubric for 4.12 (teacher only, 3 points).**
#
# - 1 point: all four SIFT steps are applied to one claim from the table, in order, and the claim
#   and its source are stated correctly (who makes it, on what basis).
# - 1 point: lateral reading: at least two searches of the pack, written down, with the rows cited
#   by id, and one place to search online for what the pack lacks.
# - 1 point: a reasoned conclusion that separates what can be checked (that someone said it) from
#   what cannot (whether it is true), and notes anonymous or one-sided sourcing where relevant.
# - No points for restating the article; a conclusion of "true" or "false" without reasons loses
#   the third point.

# %% [markdown]
# ## 9. Other articles
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
# - A rule is only as good as the sentences it was tested on: test attribution rules on other
#   articles, and read where they stop too early or too late.
# - The newspaper speaks too: in analysis (¶10), in how it describes its sources (¶1) and in what
#   it takes for granted (¶11, ¶12). These claims have no source to trace.
# - SIFT and lateral reading check a claim from outside the article; CRAAP checks the page itself.
#   Lateral reading here showed a voice the article leaves out: Russia's denial (L11).
#
# ## Discussion
#
# 1. The US and China each accuse the other of spreading disinformation. How does the article
#    balance the two accusations? Whose accusation is quoted, whose is reported?
# 2. Why might US officials stay anonymous here? What does the article say about the US strategy of
#    leaking to the media (paragraph 10)?
# 3. Which voices would you add to the article, and why?
# 4. Our rules found the speakers of these short articles. Which sentences would fool them, and
#    which would fool your `volgens_speaker`?
# 5. Trouw calls the Financial Times and The Washington Post *internationaal gerespecteerde
#    media*. What does that phrase do for the anonymous sources behind them?
