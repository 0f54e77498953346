"""Speakers on our own articles in six layouts (tests/articles/speakers/): who can say things, and who not."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.model import Analysis, Quote
from purportedly.reading import read_text
from tests.conftest import FIXTURES, rules_speaker

ARTICLES = FIXTURES / "speakers"


@pytest.fixture(scope="module")
def analysed(nlp):
    cache: dict[str, Analysis] = {}

    def run(name: str) -> Analysis:
        if name not in cache:
            text = (ARTICLES / name).read_text(encoding="utf-8")
            cache[name] = analyze_article(read_text(text, document=name), nlp)
        return cache[name]

    return run


def quotes_of(result: Analysis, words: str) -> list[Quote]:
    found = [q for q in result.quotes if q.text == words]
    assert found, [q.text for q in result.quotes]
    return found


def speaker(result: Analysis, words: str) -> str | None:
    (quote,) = quotes_of(result, words)
    return rules_speaker(quote)  # these layouts test the rules; the decision: test_speaker_model.py


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt")))
def test_offsets_stay_valid(analysed, name):
    result = analysed(name)
    text = result.article.text
    assert result.quotes, name
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_mention is not None:
            mention = quote.speaker_mention
            assert text[mention.start : mention.end] == mention.text


# ---------------------------------------------------------------- US paper: Ms./Sgt., "the man says"
def test_the_man_keeps_the_man_who_spoke_not_the_outlet_or_the_addressee(analysed):
    result = analysed("us_paper_honorifics.txt")
    # "The Ledger could not verify …" and "the corporal's brother asks …" come between the quotes
    for words in (
        "They keep the dead on the list so the money keeps coming,",
        "Nobody checks.",
        "Tell Dad I'm in the kitchen unit,",
        "Tell him I'm cooking.",
    ):
        assert speaker(result, words) == "the man"


def test_a_scare_quote_after_a_cue_participle_is_said_by_its_noun(analysed):
    # "captures a Russian corporal complaining about 'ghost rosters'" (tagger reads corporal as JJ)
    assert speaker(analysed("us_paper_honorifics.txt"), "ghost rosters") == "a Russian corporal"


def test_what_a_unit_observed_is_quoted_from_the_spokeswoman(analysed):
    assert speaker(analysed("us_paper_honorifics.txt"), "almost every night") == "Maryna Koval"


def test_an_honorific_the_sentence_splitter_breaks_on_still_attributes(analysed):
    # '"…," Sgt. Demchuk said.' — the splitter ends a sentence after "Sgt."
    assert speaker(analysed("us_paper_honorifics.txt"), "They send them like cattle,").endswith("Demchuk")


# ---------------------------------------------------------------- radio transcript: CAPS labels
def test_caps_labels_are_named_as_the_text_spells_them(analysed):
    result = analysed("radio_transcript_caps.txt")
    turns = {q.speaker for q in result.quotes if q.kind == "turn"}
    assert turns == {"Helen Marsh", "Oksana Hrebeniuk", "Taras Lytvyn"}


def test_a_quote_inside_a_turn_is_said_by_the_person_the_turn_describes(analysed):
    result = analysed("radio_transcript_caps.txt")
    (quote,) = quotes_of(result, "I would know his shoulders anywhere.")
    assert rules_speaker(quote).startswith("the mother") and quote.nested_in is not None


def test_words_a_sign_reads_have_no_speaker(analysed):
    # "The agency says it reads '…'": the sign speaks, not the presenter or the reporter
    assert speaker(analysed("radio_transcript_caps.txt"), "Do not shoot, we are leaving,") is None


# ---------------------------------------------------------------- Telegram digest: posts
def test_a_post_speaks_for_whoever_posted_it(analysed):
    result = analysed("telegram_digest.txt")
    assert speaker(result, "some equipment") == "the same channel"  # "A post, since deleted, said"
    assert speaker(result, "Major Ignat Sorokin of the river flotilla.") == "Zhuravli Rechi"  # "a post by"
    assert (
        speaker(
            result,
            "Another staged tape from Kyiv. The accent is wrong and the river is wrong. Do not share it.",
        )
        == "the pro-war blogger"
    )


# ---------------------------------------------------------------- press release quoted whole
def test_a_press_release_quoted_whole_speaks_for_the_service(analysed):
    result = analysed("press_release.txt")
    (release,) = [q for q in result.quotes if q.text.startswith("The State Border Guard Service informs:")]
    assert release.speaker == "The State Border Guard Service"
    assert speaker(result, "nobody counts the burned trucks any more.").startswith("a serviceman")


def test_naming_and_estimating_verbs_quote_their_subject(analysed):
    result = analysed("press_release.txt")
    assert speaker(result, "a cheap provocation") == "Alla Merkulova"  # "She called the recording '…'"
    assert speaker(result, "about thirty.") == "Yurii Bondarenko"  # "put the number … at '…'"


# ---------------------------------------------------------------- long read: scare quotes, notes
def test_a_note_speaks_for_the_service_that_posted_it(analysed):
    result = analysed("longread_scare.txt")
    assert speaker(result, "near the Kupiansk crossing") == "Ukraine's Security Service"


def test_a_scare_quote_no_cue_governs_has_no_speaker(analysed):
    # "at least two families had persuaded themselves that the 'Vovka' in the call …"
    assert speaker(analysed("longread_scare.txt"), "Vovka") is None


def test_a_pull_quote_after_someone_who_declined_to_speak_keeps_its_speaker(analysed):
    result = analysed("longread_scare.txt")
    pulled = quotes_of(result, "Every family here wants it to be their boy. That is the cruel part.")
    said = quotes_of(result, "Every family here wants it to be their boy. That is the cruel part,")
    assert [q.speaker for q in said + pulled] == ["Nadezhda Gorina", "Nadezhda Gorina"]


def test_a_reply_someone_received_is_not_theirs_and_not_a_speaker(analysed):
    # "received one reply, which stated that her son was '…'": the ministry wrote it, unnamed here
    assert speaker(analysed("longread_scare.txt"), "not on the lists of the dead.") is None


# ---------------------------------------------------------------- wire: pleading
def test_a_cue_right_before_an_embedded_quote_wins_over_the_parse(analysed):
    result = analysed("wire_pleading.txt")
    assert speaker(result, "somebody send us shells") == "a Russian artillery sergeant"
    assert speaker(result, "We fire six rounds a day and they fire sixty,") == "a Russian artillery sergeant"


def test_a_colon_after_who_posted_or_put_it_names_the_speaker(analysed):
    result = analysed("telegram_digest.txt")
    (caption,) = [q for q in result.quotes if q.text.startswith("Two barges, one drunk commander")]
    assert rules_speaker(caption) == "Dnipro Svitanok"  # "posted the audio with the following caption, …:"
    assert caption.speaker_mention is not None and "Dnipro Svitanok" in caption.speaker_mention.text
    (last,) = [q for q in result.quotes if q.text.startswith("Four minutes of talking")]
    assert rules_speaker(last) == "one subscriber"  # "as one subscriber under the … post put it:"


def test_the_author_found_for_a_post_becomes_the_speaker_mention(analysed):
    result = analysed("telegram_digest.txt")
    (quote,) = quotes_of(result, "Major Ignat Sorokin of the river flotilla.")
    assert quote.speaker_mention.text == "Zhuravli Rechi"


def test_it_after_an_organisation_is_the_organisation_not_a_place_ner_calls_a_person(analysed):
    found = speaker(analysed("press_release.txt"), "fluid.")
    assert found is not None and ("group" in found or "Frontline Atlas" in found)


# ---------------------------------------------------------------- regional: statements, titles
def test_a_statement_speaks_for_whoever_it_is_according_to_or_signed_by(analysed):
    result = analysed("regional_statement.txt")
    # "According to the regional governor, …. '…,' the statement added."
    assert speaker(result, "We counted forty explosions before four in the morning,") == "Oleh Syniehub"
    # "A letter from the front, signed by the battalion's commander, Colonel …, said …"
    assert speaker(result, "never received the promised drones.") == "Arkadiy Fomin"


def test_a_quote_after_an_office_that_did_not_respond_is_not_the_offices(analysed):
    result = analysed("regional_statement.txt")
    assert speaker(result, "Nobody has told us when the water will come back.") is None


def test_honorifics_resolve_to_the_full_name(analysed):
    result = analysed("regional_statement.txt")
    assert speaker(result, "People are exhausted,") == "Iryna Babenko"  # "Ms. Babenko said"
    assert speaker(result, "We have generators for a week,") == "Serhiy Lozovyi"  # "Dr. Lozovyi said"
    assert speaker(result, "After that, we pray.") == "Serhiy Lozovyi"


# ---------------------------------------------------------------- robustness on a plain Doc
@pytest.mark.parametrize(
    "text",
    [
        "",
        'A post said: "',
        "It reads: «Слава",
        "PRESENTER: 🙂\nGUEST: \"unbalanced 'quotes\n",
        'Her voice says "x". His post read: "y" The note, signed by, said "z"',
        'as one put it: ""',
    ],
)
def test_speakers_never_raise_on_a_plain_doc(nlp, text):
    doc = nlp(text)  # no doc._.article: everything is body
    for quote in doc._.quotes + doc._.indirect_quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_mention is not None:
            assert text[quote.speaker_mention.start : quote.speaker_mention.end] == quote.speaker_mention.text


# ---------------------------------------------------------------- transcript with a HOST label
def test_a_host_label_is_the_presenter_the_intro_names(analysed):
    result = analysed("host_transcript.txt")
    turns = [(q.text, q.speaker) for q in result.quotes if q.kind == "turn"]
    assert {speaker for _, speaker in turns} == {"Helen Marsh", "Ihor Tkachenko"}


def test_quotes_inside_a_turn_belong_to_the_people_the_turn_describes(analysed):
    result = analysed("host_transcript.txt")
    assert speaker(result, "I was born in this house and I will die in it.") == "a woman"
    assert speaker(result, "Get in the car!") == "Her neighbour"
    assert speaker(result, "We are not leaving without her,") == "Ihor Tkachenko's partner"


def test_a_role_label_with_no_name_in_the_intro_stays_a_role():
    from purportedly.nlp.speakers.turn_hosts import TurnHosts

    hosts = TurnHosts()
    assert hosts.name_for("ANCHOR:", "Dana Kraus, the anchor, opened the show.") == "Dana Kraus"
    assert hosts.name_for("PRESENTER:", "Presenter: Ruth Abernethy\n\nThis is an edited transcript") == (
        "Ruth Abernethy"
    )
    assert hosts.name_for("HOST:", "An edited transcript of the second segment.") is None


# ---------------------------------------------------------------- video digest: voices and captions
def test_a_voice_belonging_to_someone_is_theirs(analysed):
    result = analysed("video_digest.txt")
    words = "You will go in the first wave, and I do not want to hear about your knees."
    assert speaker(result, words) == "a Russian captain"


def test_a_caption_of_a_video_names_no_speaker(analysed):
    assert speaker(analysed("video_digest.txt"), "This is how they prepare the meat.") is None


def test_a_message_posted_on_a_channel_speaks_for_the_channel(analysed):
    found = speaker(analysed("video_digest.txt"), "Every deserter will be found.")
    assert found == "the channel of the 36th Rifle Brigade"


def test_heard_telling_and_a_user_replying_keep_their_speakers(analysed):
    result = analysed("video_digest.txt")
    assert speaker(result, "Stand up straight when I talk to you.") == "the officer"
    assert speaker(result, "And where is the captain himself during the assault?") == "One Telegram user"


def test_the_one_told_is_never_the_speaker(analysed):
    result = analysed("wire_pleading.txt")
    assert speaker(result, "Mama, don't cry,") == "a Russian artillery sergeant"  # "he tells her"
    assert speaker(result, "I will be back by autumn.") == "a Russian artillery sergeant"


def test_a_statement_after_according_to_a_named_body_keeps_the_whole_name(analysed):
    # "General" is a rank in the titles lexicon, but "the General Staff" is no person
    found = speaker(analysed("wire_pleading.txt"), "The enemy keeps attacking in small groups,")
    assert found == "the General Staff"


# ---------------------------------------------------------------- live TV transcript
def test_live_transcript_roles_signs_and_the_people_a_turn_describes(analysed):
    result = analysed("live_transcript.txt")
    turns = {q.speaker for q in result.quotes if q.kind == "turn"}
    assert turns == {"the anchor", "the reporter"}  # the intro names neither
    assert speaker(result, "We are giving up.") is None  # "The sign … says"
    assert speaker(result, "Don't shoot!") == "The soldier"
    assert speaker(result, "We have no weapons.") == "The soldier"  # "Then he said", not "two men"


def test_a_statement_that_reads_is_the_releasing_service(analysed):
    result = analysed("live_transcript.txt")
    assert speaker(result, "The occupiers are lying to their own mothers,") == "The SBU"
    assert speaker(result, "Our servicemen do not surrender,") == "The Defence Ministry"


# ---------------------------------------------------------------- brief: cue-less quotes after a sentence
def test_a_cueless_quote_follows_the_sentence_just_before_it(analysed):
    result = analysed("regional_brief.txt")
    assert speaker(
        result, "He was sent to the assault group after two weeks of training and without a helmet."
    ) == ("the SBU")
    assert (
        speaker(result, "The conversation took place near Avdiivka.") == "The Main Intelligence Directorate"
    )
    # "His sister, Olga, spoke to the local paper.": not the directorate of the paragraph before
    assert speaker(result, "He writes every day, but he never says where he is.") in ("Olga", "His sister")


def test_a_cueless_quote_after_someone_declined_to_comment_borrows_no_one(analysed):
    result = analysed("regional_brief.txt")
    assert speaker(result, "We are still waiting for the documents from the front.") is None
