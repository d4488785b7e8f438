from redaction.normalise import normalise


def test_spoken_phone_becomes_digits_and_maps_back_to_whole_words() -> None:
    text = "my number is oh seven seven one five, nine double three four five six."
    n = normalise(text)
    assert "07715 933456" in n.text
    i = n.text.index("07715")
    start, end = n.to_original(i, i + len("07715 933456"))
    assert text[start:end] == "oh seven seven one five, nine double three four five six"


def test_spelled_postcode_ni_and_years() -> None:
    assert normalise("L S six, two A B").text == "LS6 2AB"
    assert normalise("Q Q one two three four five six C").text == "QQ123456C"
    assert normalise("the third of March nineteen forty seven").text == "the 3rd of March 1947"
    assert normalise("two thousand and five").text == "2005"
    assert normalise("one hundred and twelve Main Road").text == "112 Main Road"


def test_letter_o_among_letters_and_zero_among_digits() -> None:
    assert normalise("O L eight one A A").text == "OL81AA"
    assert normalise("D T five seven, M R O").text == "DT57 MRO"
    assert normalise("double oh seven").text == "007"


def test_ordinary_text_is_left_alone() -> None:
    text = "Oh, I see. A nurse comes at 10 on Tuesdays."
    assert normalise(text).text == text
