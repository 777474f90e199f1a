"""Validation against the collection: fields, folders, names, and moves that never settle."""

from __future__ import annotations

from gramtui.domain.rules import Diagnostic, RuleContext, RuleSet, check, parse_rules, validate

CTX = RuleContext(
    folders={
        "Incoming",
        "Shelf",
        "Sell",
        "12 Inch Cleaning Pile",
        "7 Inch Cleaning Pile",
        "Clean Pile",
    },
    fields={"Cleaned", "Media Condition"},
)

SEED = """\
[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch

[classification]
is_uncleaned -> to_be_cleaned

[movement]
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
to_be_cleaned && 7 Inch -> 7 Inch Cleaning Pile
"""


def parsed(text: str) -> RuleSet:
    result = parse_rules(text)
    assert result.rules is not None, [str(d) for d in result.diagnostics]
    return result.rules


def errors(text: str, ctx: RuleContext = CTX) -> list[Diagnostic]:
    return [d for d in validate(parsed(text), ctx) if d.severity == "error"]


def test_the_seed_is_valid_and_check_returns_it() -> None:
    result = check(SEED, CTX)
    assert result.diagnostics == []
    assert result.rules == parsed(SEED)


def test_unknown_custom_field_with_a_suggestion() -> None:
    found = errors("[classification]\ncleaned unset -> a\nMedia Condtion = x -> b\n")
    assert [(d.line, d.column) for d in found] == [(2, 1), (3, 1)]
    assert "unknown custom field 'cleaned'; did you mean 'Cleaned'?" in found[0].message
    assert "did you mean 'Media Condition'?" in found[1].message


def test_quoted_custom_field_position_points_at_the_field() -> None:
    found = errors('[classification]\nrating > 1 && field "Grade" = "A" -> a\n')
    assert [(d.line, d.column) for d in found] == [(2, 15)]


def test_builtin_predicate_needs_its_custom_field() -> None:
    found = errors(SEED, RuleContext(CTX.folders, set()))
    assert len(found) == 1 and (found[0].line, found[0].column) == (6, 1)
    assert "is_uncleaned tests the custom field 'Cleaned'" in found[0].message


def test_movement_classification_that_no_rule_produces() -> None:
    text = SEED.replace("to_be_cleaned && 7 Inch", "to_be_clened && 7 Inch")
    found = errors(text)
    assert [(d.line, d.column) for d in found] == [(10, 1), (10, 1)]
    assert "no classification rule produces 'to_be_clened'" in found[0].message
    assert "did you mean 'to_be_cleaned'?" in found[0].message
    assert "names no classification" in found[1].message


def test_movement_rule_without_a_classification() -> None:
    found = errors(SEED + "12 Inch -> Shelf\n")
    assert [(d.line, d.message[:40]) for d in found] == [
        (11, "this movement rule names no classificati")
    ]


def test_missing_destination_folder_offers_to_create_it() -> None:
    text = SEED.replace("7 Inch Cleaning Pile", "Seven Pile")
    found = errors(text)
    assert len(found) == 1
    assert (found[0].line, found[0].column) == (10, 28)
    assert found[0].create_folder == "Seven Pile"
    assert check(text, CTX).rules is None


def test_destination_differing_only_in_case_is_not_offered_for_creation() -> None:
    found = errors(SEED.replace("-> 12 Inch Cleaning Pile", "-> 12 inch cleaning pile"))
    assert len(found) == 1 and found[0].create_folder is None
    assert "did you mean '12 Inch Cleaning Pile'?" in found[0].message


def test_unknown_format_class() -> None:
    found = errors(SEED.replace("to_be_cleaned && 7 Inch", "to_be_cleaned && 10 Inch"))
    assert len(found) == 1 and found[0].line == 10
    assert (
        "no classification rule produces '10 Inch' and it is not a format class" in found[0].message
    )
    found = errors('[classification]\nformat = "Ten Inch" -> a\n')
    assert [(d.line, d.column) for d in found] == [(2, 1)]
    assert (
        "unknown format class 'Ten Inch'; format lines make: 12 Inch, 7 Inch, CD, File"
        in found[0].message
    )


def test_classification_used_outside_movement() -> None:
    found = errors(SEED + "[classification]\nto_be_cleaned && rating > 3 -> b\n")
    assert any("classifications can be tested only in [movement] rules" in d.message for d in found)


def test_define_order_duplicates_and_clashes() -> None:
    text = (
        "define a = b\ndefine b = rating > 1\ndefine b = rating > 2\n"
        "define 12_Inch = rating > 3\n[classification]\na -> x\n"
    )
    found = errors(text)
    messages = [(d.line, d.message.split(";")[0]) for d in found]
    assert (1, "'b' is defined on line 2, not above this line") in messages
    assert (3, "'b' is already defined on line 2") in messages
    assert (4, "'12_Inch' is also a classification or format class") in messages


def test_classification_named_like_a_format_class() -> None:
    found = errors("[classification]\nrating > 1 -> 7_inch\n")
    assert "has the same name as a format class" in found[0].message
    found = errors("[classification]\nrating > 1 -> is_oversized\n")  # a built-in define
    assert [(d.line, d.column) for d in found] == [(2, 1)]


def test_folder_comparison_with_an_unknown_folder_is_a_warning() -> None:
    diagnostics = validate(parsed('[classification]\nfolder = "Inbx" -> a\n'), CTX)
    assert [d.severity for d in diagnostics] == ["warning"]
    assert check('[classification]\nfolder = "Inbx" -> a\n', CTX).rules is not None


def test_format_lines_cannot_test_the_format_class() -> None:
    found = errors('[formats]\nformat = "CD" -> Disc\n')
    assert "cannot test it" in found[0].message


PING_PONG = """\
[classification]
folder = "Shelf" -> to_sell
folder = "Sell" -> to_keep
[movement]
to_sell -> Sell
to_keep -> Shelf
"""


def test_rules_that_move_records_back_and_forth() -> None:
    found = errors(PING_PONG)
    assert len(found) == 1
    assert (found[0].line, found[0].column) == (6, 12)
    assert (
        "would move a record back and forth: 'Sell' -> 'Shelf' (line 6) -> 'Sell' (line 5)"
        in found[0].message
    )
    assert check(PING_PONG, CTX).rules is None


def test_back_and_forth_through_a_define_and_negation() -> None:
    text = """\
define in_pile = folder = "Clean Pile"
[classification]
!in_pile && is_uncleaned -> to_be_cleaned
in_pile -> cleaning
[movement]
to_be_cleaned -> Clean Pile
cleaning && is_uncleaned -> Incoming
"""
    found = errors(text)
    assert len(found) == 1 and "back and forth" in found[0].message


def test_one_way_moves_out_of_a_folder_are_fine() -> None:
    for text in (
        '[classification]\nfolder = "Incoming" -> new\n[movement]\nnew -> Shelf\n',
        '[classification]\nfolder != "Clean Pile" && is_uncleaned -> to_be_cleaned\n'
        "[movement]\nto_be_cleaned -> Clean Pile\n",
        # a 12" record is never a 7 Inch, so it never leaves the pile again
        '[classification]\nfolder = "12 Inch Cleaning Pile" -> done\nis_uncleaned -> to_be_cleaned\n'
        "[movement]\nto_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile\ndone && 7 Inch -> Shelf\n",
    ):
        assert errors(text) == [], text


def test_validate_does_not_change_the_rule_set() -> None:
    rules = parsed(PING_PONG)
    before = repr(rules)
    validate(rules, CTX)
    assert repr(rules) == before
