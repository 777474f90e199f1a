"""Issue 13 item 6: "1 entries", "1 records" — counts agree with their noun."""

from gramtui.domain.words import count


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert count(1, "record") == "1 record"
    assert count(0, "record") == "0 records"
    assert count(2, "entry", "entries") == "2 entries"
    assert count(1, "entry", "entries") == "1 entry"
