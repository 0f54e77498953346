"""Speaker rules that generalise beyond the seeds: genre labels, 'in X's words', voices, 'my father'."""

from __future__ import annotations

import pytest

from purportedly.analysis import analyze_article
from purportedly.reading import read_text
from tests.conftest import rules_speaker


@pytest.fixture(scope="module")
def speakers(nlp):
    def run(text: str) -> dict[str, str | None]:
        result = analyze_article(read_text(text, document="general.txt"), nlp)
        return {q.text: rules_speaker(q) for q in result.quotes}  # the rules' answer (issue 11)

    return run


@pytest.mark.parametrize("genre", ["Explainer", "Transcript", "Analysis", "Fact check", "Exclusive"])
def test_a_headline_genre_word_before_a_colon_is_not_a_speaker(speakers, genre):
    text = (
        f"{genre}: 'We were left with nothing at the crossing'\n\n"
        "The regional council published the letter on Friday without naming its author.\n"
    )
    assert speakers(text)["We were left with nothing at the crossing"] != genre


def test_a_labelled_headline_still_takes_its_label(speakers):
    text = "Sapper's mother: 'He wrote to us every single week'\n\nThe letters stopped in March.\n"
    assert speakers(text)["He wrote to us every single week"] == "Sapper's mother"


@pytest.mark.parametrize(
    "phrase, owner",
    [("in the ministry's words", "the ministry"), ("in the words of the governor", "the governor")],
)
def test_in_the_words_of_names_the_speaker(speakers, phrase, owner):
    text = (
        "The regional council met on Friday after the flood.\n\n"
        f'The report describes a night when, {phrase}, "the whole district was cut off."\n'
    )
    assert speakers(text)["the whole district was cut off."] == owner


def test_he_or_she_refers_to_the_person_not_to_a_voice(speakers):
    text = (
        "Oksana Petrenko, a nurse from Chernihiv, believes the caller was her brother.\n\n"
        "A woman's voice, which Ms Petrenko later told us was her own, can be heard answering: "
        '"Come home then."\n\n'
        "Speaking to us on Wednesday, she said she had recognised the number at once.\n\n"
        "'He never calls in the daytime,' she said.\n"
    )
    found = speakers(text)
    assert found["Come home then."] == "A woman's voice"
    assert found["He never calls in the daytime,"] == "Oksana Petrenko"


def test_my_father_inside_a_quote_is_the_quoted_speakers_father(speakers):
    text = (
        "Halyna Bondar keeps an old radio in her kitchen. Her father, Mykola Bondar, repaired radios "
        "for forty years.\n\n"
        "\"My father always told us, 'A radio never lies, only the people who speak into it.' "
        'I believe that now," Ms Bondar said.\n'
    )
    found = speakers(text)
    assert found["A radio never lies, only the people who speak into it."] == "Mykola Bondar"
    assert found[next(t for t in found if t.startswith("My father always"))] == "Halyna Bondar"


def test_my_relative_never_named_becomes_the_speakers_relative(speakers):
    text = (
        "\"My uncle used to say, 'The border is only a line on a map.' He was a customs officer,\" "
        "said Roman Tkachuk, a farmer from Izmail.\n"
    )
    found = speakers(text)
    assert found["The border is only a line on a map."] == "Roman Tkachuk's uncle"


def test_a_profile_paragraph_gives_the_speaker_of_the_quote_after_it(speakers):
    text = (
        "Flood returns to the valley\n\n"
        "The river rose again on Monday night, the third flood in a decade.\n\n"
        "Olha Marchenko, the miller's widow, has rebuilt her kitchen twice. She lives in Uzhhorod now "
        "and came back to see what was left.\n\n"
        "\"My grandmother used to say, 'The river always comes back for what it gave.' She said it "
        "every spring.\n\n"
        '"So now I know what she meant. Everything."\n\n'
        "Her grandmother, Kateryna Marchenko, ran the mill until 1971.\n"
    )
    found = speakers(text)
    outer = next(t for t in found if t.startswith("My grandmother"))
    assert found[outer] == "Olha Marchenko"
    assert found["So now I know what she meant. Everything."] == "Olha Marchenko"
    assert found["The river always comes back for what it gave."] == "Kateryna Marchenko"


def test_a_quote_paragraph_after_a_scene_without_a_person_has_no_speaker(speakers):
    text = (
        "The river rose again on Monday night. The water reached the church steps by dawn.\n\n"
        '"I have never seen it this high, and my family has lived here for a century."\n'
    )
    assert speakers(text)[next(iter(speakers(text)))] is None


@pytest.mark.parametrize("role", ["a helpline coordinator", "a shelter director", "a hospital manager"])
def test_headline_role_after_a_colon_is_the_speaker_not_the_people_described(speakers, role):
    text = f'"Most of them call after midnight": {role} on what frightened recruits say\n\nCalls rose.\n'
    assert speakers(text)["Most of them call after midnight"] == role


def test_headline_description_after_a_colon_or_dash(speakers):
    text = (
        '"They hang up when an officer walks in": a helpline volunteer on the calls from the trenches\n\n'
        "The helpline took 40 calls on Monday.\n"
    )
    assert speakers(text)["They hang up when an officer walks in"] == "a helpline volunteer"
    dash = "'The dam will hold' - regional governor\n\nThe reservoir is full.\n"
    assert speakers(dash)["The dam will hold"] == "regional governor"


@pytest.mark.parametrize(
    "headline",
    [
        "Army video: 'Keep moving, do not stop for the wounded'",
        "'Keep moving, do not stop for the wounded' - a sapper's letter home",
    ],
)
def test_a_recording_or_letter_is_not_its_speaker(speakers, headline):
    text = f"{headline}\n\nThe clip was posted on Sunday.\n"
    assert speakers(text)["Keep moving, do not stop for the wounded"] is None


def test_a_following_sentence_that_points_back_attributes_the_quote(speakers):
    text = (
        "The funeral was held on Sunday.\n\n"
        '"Nobody from the district came." Vasyl Hrytsenko, the mayor, said this after the funeral.\n'
    )
    assert speakers(text)["Nobody from the district came."] == "Vasyl Hrytsenko"


def test_a_following_sentence_that_says_something_else_does_not(speakers):
    text = (
        "The funeral was held on Sunday.\n\n"
        '"Nobody from the district came." The council later voted to close that road.\n'
    )
    assert speakers(text)["Nobody from the district came."] is None


def test_a_turn_label_is_never_the_name_called_inside_the_turn(speakers):
    text = (
        "SOLDIER: Lena? Lena, it's me. Can you hear me?\n"
        "WIFE: I hear you. Where are you?\n"
        "SOLDIER: I can't say. Don't sign anything they give you.\n"
    )
    found = speakers(text)
    assert found["Lena? Lena, it's me. Can you hear me?"] == "the soldier"
    assert found["I hear you. Where are you?"] == "the wife"


def test_it_said_names_the_organisation_before_it(speakers):
    text = 'The agency says the clip is real.\n\n"The bridge is gone," it said in a statement.\n'
    assert speakers(text)["The bridge is gone,"] == "The agency"


def test_the_service_takes_the_full_name_given_earlier(speakers):
    text = (
        "The Border Service published the recording on Tuesday.\n\n"
        '"The bridge is gone, and so are the trucks," the service said in its caption.\n'
    )
    assert speakers(text)["The bridge is gone, and so are the trucks,"] == "The Border Service"


def test_it_with_no_organisation_before_stays_unnamed(speakers):
    text = 'The flood reached the church steps.\n\n"Nobody came to help," it said.\n'
    assert speakers(text)["Nobody came to help,"] is None


def test_a_name_never_ends_in_a_preposition_ner_swallowed(nlp):
    from purportedly.nlp.speakers.mention_clusters import _name_words

    doc = nlp.make_doc("Posted by Ostap V. in Intercepts")
    assert _name_words(doc[2:5]) == ["Ostap", "V."]
    assert _name_words(nlp.make_doc("Ludwig van Beethoven")[:]) == ["Ludwig", "van", "Beethoven"]


def test_the_name_before_a_long_apposition_and_relative_clause_speaks(speakers):
    text = (
        "The church was hit twice in April.\n\n"
        '"We rang the bell anyway," Father Ivan Sereda, the parish priest, who has served in the village '
        "for almost twenty-two years and baptised most of its children, said on Sunday.\n\n"
        '"We rang it for the dead," Nadia Oliinyk, who buried her son there, told us, and the choir '
        "leader, who had sung at every funeral in the village for almost thirty years, said nothing.\n"
    )
    found = speakers(text)
    assert found["We rang the bell anyway,"] == "Ivan Sereda"
    assert found["We rang it for the dead,"] == "Nadia Oliinyk"


def test_interviewee_named_in_the_intro_even_when_ner_misses_the_name(speakers):
    text = (
        "Interview: the volunteer who answers the surrender line\n\n"
        "Mariana Dovzhenko runs a volunteer helpline in Dnipro. She spoke to us by phone. "
        "Interview by Petro Savchenko.\n\n"
        "Q: Do people attack you online?\n\n"
        "A: All the time. A pro-Kremlin commentator posted my address and wrote that I was "
        '"a traitor to all Slavs." I still answer every call.\n\n'
        "Q: Does it frighten you?\n\n"
        "A: Less than it used to.\n"
    )
    found = speakers(text)
    assert found["Less than it used to."] == "Mariana Dovzhenko"
    assert found["Does it frighten you?"] == "Petro Savchenko"
    assert found["a traitor to all Slavs."] == "A pro-Kremlin commentator"


def test_he_said_inside_a_sisters_quote_is_the_brother_named_earlier(speakers):
    text = (
        "Yana Koval, 31, says the soldier heard on the recording is her younger brother, Denys Koval, "
        "who joined a volunteer battalion in March.\n\n"
        "The Border Service released the recording on Friday. A man's voice asks for money. A woman's "
        "voice, which Ms Koval told us was her own, can be heard replying: 'I have nothing left to send.'\n\n"
        "Speaking to us yesterday, she insisted the voice in the recording was her brother's.\n\n"
        "'The last time he rang before that, he said, \"Don't tell Mum where I am,\" so I didn't,' "
        "she said.\n"
    )
    found = speakers(text)
    assert found["Don't tell Mum where I am,"] == "Denys Koval"
    assert found["I have nothing left to send."] == "A woman's voice"


def test_a_transcript_headline_takes_the_speaker_of_the_turn_it_quotes(speakers):
    text = (
        "Transcript: 'Keep the money for the children' - a sapper's call to his wife\n\n"
        "The Border Service released the call on Monday.\n\n"
        "SAPPER: They paid us today. I will send it tomorrow.\n"
        "WIFE: Keep the money for the children. We are fine.\n"
        "SAPPER: I can't talk long.\n"
        "WIFE: Then call again on Sunday.\n"
    )
    found = speakers(text)
    assert found["They paid us today. I will send it tomorrow."] == "the sapper"
    assert found["Keep the money for the children. We are fine."] == "his wife"
    assert found["Keep the money for the children"] == "his wife"


@pytest.mark.parametrize("noun", ["pensioner", "eyewitness", "paramedic", "detainee"])
def test_more_person_nouns_join_the_name_they_were_introduced_with(speakers, noun):
    text = (
        f"Halyna Moroz, a {noun} from Kupiansk, spent the night in a basement.\n\n"
        f'"We heard every shell," the {noun} said.\n'
    )
    assert speakers(text)["We heard every shell,"] == "Halyna Moroz"


def test_a_name_after_the_place_of_a_description_names_the_description(speakers):
    # the parser reads "Halyna Moroz" as a conjunct of the town, not an apposition to the pensioner
    text = (
        "A pensioner from Kupiansk, Halyna Moroz, 71, spent the night in a basement.\n\n"
        '"We heard every shell," the pensioner said.\n'
    )
    assert speakers(text)["We heard every shell,"] == "Halyna Moroz"


def test_the_man_is_the_latest_man_who_spoke_not_the_first(speakers):
    text = (
        "The SBU released two recordings on Monday.\n\n"
        'In the first, a man says: "We have not eaten for three days." '
        'The man adds: "Nobody comes for us."\n\n'
        'In the second recording, a second man says: "We lost half the company." '
        'Later the man says: "They will send us again tomorrow."\n'
    )
    found = speakers(text)
    assert found["Nobody comes for us."] == "a man"
    assert found["They will send us again tomorrow."] == "a second man"


@pytest.mark.parametrize("verb", ["cited", "quoted"])
def test_the_one_cited_as_saying_is_the_speaker_not_the_one_citing(speakers, verb):
    text = (
        "Border post overrun, intercept suggests\n\n"
        f"Northland's intelligence agency {verb} the sergeant as saying: \u201cThe whole platoon is gone.\n\n"
        "\u201cThere is nobody left to send.\u201d\n"
    )
    found = speakers(text)
    assert found["The whole platoon is gone."] == "the sergeant"
    assert found["There is nobody left to send."] == "the sergeant"


def test_he_added_goes_to_the_agent_who_spoke_not_a_person_reported_killed(speakers):
    text = (
        "Ambush recording released\n\n"
        "A day after the governor said a border guard was killed in a firefight, "
        "a suspected foreign agent said on the recording that his team had \u201chit the convoy\u201d.\n\n"
        "\u201cWe stopped two trucks on the bridge,\u201d he added.\n"
    )
    found = speakers(text)
    assert found["We stopped two trucks on the bridge,"] == "a suspected foreign agent"
