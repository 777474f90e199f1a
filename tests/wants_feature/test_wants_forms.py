"""What the add form accepts as a release or a master."""

from __future__ import annotations

import pytest

from gramtui.ui.screens.want_entry import parse_want_id


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("249504", (249504, None)),
        (" r249504 ", (249504, None)),
        ("m4242", (None, 4242)),
        ("M 4242", (None, 4242)),
        ("https://www.discogs.com/master/4242-John-Coltrane-A-Love-Supreme", (None, 4242)),
        ("https://www.discogs.com/release/249504-AC-DC-Let-There-Be-Rock", (249504, None)),
    ],
)
def test_ids_and_addresses(typed: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_want_id(typed) == expected


@pytest.mark.parametrize("typed", ["", "abc", "0", "m", "x123", "-5"])
def test_anything_else_says_what_to_type(typed: str) -> None:
    with pytest.raises(ValueError, match="Type a release id"):
        parse_want_id(typed)
