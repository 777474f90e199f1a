"""Evaluating rules on sample records: the seed's examples, fields, ages, counts, dry runs."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from gramtui.domain.records import Artist, Format, Label, Record, Release
from gramtui.domain.rules import (
    Change,
    RecordFacts,
    RuleSet,
    classify,
    classify_many,
    compile_rules,
    count_matches,
    dry_run,
    explain,
    format_tokens,
    parse_rules,
)

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)

SEED = """\
# the examples from the design notes
[formats]
contains 12 || contains LP -> 12 Inch
contains 7 -> 7 Inch
contains CD -> CD
contains File -> File

[classification]
is_uncleaned -> to_be_cleaned

[movement]
to_be_cleaned && 12 Inch -> 12 Inch Cleaning Pile
to_be_cleaned && 7 Inch -> 7 Inch Cleaning Pile
"""

LP = (Format("Vinyl", 1, ("LP", "Album", '12"')),)
SINGLE = (Format("Vinyl", 1, ('7"', "45 RPM", "Single")),)
CD = (Format("CD", 1, ("Album",)),)
FILE = (Format("File", 1, ("MP3", "Album")),)
BOX = (Format("Box Set", 1, ()), Format("CD", 4, ("Album",)))
TWELVE_INCH_SINGLE = (Format("Vinyl", 1, ('12"', "33 ⅓ RPM", "Maxi-Single")),)
SEVENTEEN = (Format("Vinyl", 1, ('17"',)),)


def record(
    formats: tuple[Format, ...] = LP,
    instance_id: int = 1,
    cleaned: str | None = None,
    added: datetime | None = None,
    **extra: object,
) -> Record:
    fields = {} if cleaned is None else {"Cleaned": cleaned}
    fields.update(extra.pop("fields", {}))  # type: ignore[arg-type]
    release = Release(
        id=100 + instance_id,
        title=str(extra.pop("title", "Abbey Road")),
        artists=(Artist("The Beatles"),),
        labels=(Label("Apple", "PCS 7088"),),
        formats=formats,
        year=extra.pop("year", 1969),  # type: ignore[arg-type]
    )
    return Record(
        instance_id=instance_id,
        release=release,
        folder_id=1,
        date_added=added,
        fields=fields,
        **extra,
    )  # type: ignore[arg-type]


def rules(text: str) -> RuleSet:
    parsed = parse_rules(text)
    assert parsed.diagnostics == [], [str(d) for d in parsed.diagnostics]
    assert parsed.rules is not None
    return parsed.rules


INCOMING = RecordFacts("Incoming")


@pytest.mark.parametrize(
    ("formats", "expected"),
    [
        (LP, "12 Inch"),
        (SINGLE, "7 Inch"),
        (CD, "CD"),
        (FILE, "File"),
        (BOX, "CD"),
        (TWELVE_INCH_SINGLE, "12 Inch"),
        (SEVENTEEN, None),
        ((), None),
    ],
)
def test_seed_formats_pick_the_first_matching_line(
    formats: tuple[Format, ...], expected: str | None
) -> None:
    result = classify(rules(SEED), record(formats), INCOMING, NOW)
    assert result.format_class == expected


@pytest.mark.parametrize(
    ("formats", "cleaned", "label", "destination"),
    [
        (LP, "No", "to_be_cleaned", "12 Inch Cleaning Pile"),
        (LP, None, "to_be_cleaned", "12 Inch Cleaning Pile"),
        (LP, "Yes", None, None),
        (SINGLE, "No", "to_be_cleaned", "7 Inch Cleaning Pile"),
        (SINGLE, "Yes", None, None),
        (CD, "No", "to_be_cleaned", None),  # classified, but no movement rule for CDs
        (FILE, None, "to_be_cleaned", None),
    ],
)
def test_seed_classification_and_movement(
    formats: tuple[Format, ...], cleaned: str | None, label: str | None, destination: str | None
) -> None:
    result = classify(rules(SEED), record(formats, cleaned=cleaned), INCOMING, NOW)
    assert (result.label, result.destination) == (label, destination)
    assert result.rule_line == (9 if label else None)


def test_cleaned_unset_rule_distinguishes_unset_from_no() -> None:
    text = "[classification]\nCleaned unset -> never_cleaned\nCleaned = No -> dirty\n"
    ruleset = rules(text)
    labels = [
        classify(ruleset, record(cleaned=c), INCOMING, NOW).label
        for c in (None, "", "  ", "No", "no", "Yes")
    ]
    assert labels == ["never_cleaned", "never_cleaned", "never_cleaned", "dirty", "dirty", None]


def test_box_set_is_found_by_its_name_and_user_lines_come_before_builtins() -> None:
    ruleset = rules("[formats]\ncontains Box Set -> Box\n")
    assert classify(ruleset, record(BOX), INCOMING, NOW).format_class == "Box"
    assert classify(ruleset, record(LP), INCOMING, NOW).format_class == "12 Inch"


def test_format_tokens_are_whole_names_and_descriptions_with_inch_marks_removed() -> None:
    tokens = format_tokens(record(SINGLE).release)
    assert tokens == {"vinyl", '7"', "7", "45 rpm", "single"}
    assert format_tokens(record(SEVENTEEN).release) == {"vinyl", '17"', "17"}
    ruleset = rules('[formats]\ncontains "7\\"" -> Seven\ncontains 45 RPM -> Speed\n')
    assert classify(ruleset, record(SINGLE), INCOMING, NOW).format_class == "Seven"


def test_movement_accepts_underscored_format_names() -> None:
    text = SEED.replace("to_be_cleaned && 12 Inch", "to_be_cleaned && 12_Inch")
    result = classify(rules(text), record(LP, cleaned="No"), INCOMING, NOW)
    assert result.destination == "12 Inch Cleaning Pile"


def test_first_matching_classification_wins() -> None:
    text = "[classification]\nrating >= 4 -> keeper\nrating >= 2 -> maybe\n"
    ruleset = rules(text)
    assert classify(ruleset, record(rating=5), INCOMING, NOW).label == "keeper"
    assert classify(ruleset, record(rating=3), INCOMING, NOW).label == "maybe"
    assert classify(ruleset, record(rating=0), INCOMING, NOW).label is None


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ('folder = "incoming"', True),
        ('folder != "Incoming"', False),
        ('format = "12 Inch"', True),
        ("format = 12_inch", True),
        ("formats contains LP", True),
        ("size = regular", True),
        ("size = oversized", False),
        ("rating = 3", True),
        ("rating > 3", False),
        ("rating is set", True),
        ("year < 1970", True),
        ("year >= 1970", False),
        ('artist contains "beatles"', True),
        ('title = "Abbey Road"', True),
        ('label = "apple"', True),
        ('catno contains "7088"', True),
        ('listing status = "For Sale"', True),
        ("listing status is unset", False),
        ("copies > 1", True),
        ("copies = 2", True),
        ('field "Media Condition" = "Mint (M)"', True),
        ('Media Condition contains "mint"', True),
        ("Plays > 9", True),  # numeric comparison of a text field: 10 > 9
        ('Plays > "9"', True),
        ("Arrived older than 1y", True),
        ("Arrived newer than 1y", False),
        ("Notes is unset", True),
        ("added older than 2y", True),
        ("date added newer than 3w", False),
        ("!(rating = 3) || copies = 2", True),
        ("rating = 3 && (copies = 1 || year = 1969)", True),
    ],
)
def test_conditions_on_every_kind_of_field(condition: str, expected: bool) -> None:
    ruleset = rules(f"[classification]\n{condition} -> yes\n")
    subject = record(
        LP,
        rating=3,
        added=NOW - timedelta(days=800),
        fields={"Media Condition": "Mint (M)", "Plays": "10", "Arrived": "2024-01-02"},
    )
    facts = RecordFacts("Incoming", listing_status="For Sale", copies=2)
    assert (classify(ruleset, subject, facts, NOW).label == "yes") is expected


def test_unset_values_never_compare_but_are_not_equal() -> None:
    ruleset = rules("[classification]\nyear < 3000 -> old\nyear != 1969 -> other\n")
    result = classify(ruleset, record(year=None), INCOMING, NOW)
    assert result.label == "other"


def test_ages_count_back_from_the_now_passed_in() -> None:
    ruleset = rules("[classification]\nadded older than 2y -> old\nadded newer than 3w -> new\n")
    added = datetime(2024, 4, 15, tzinfo=UTC)
    subject = record(added=added)
    assert classify(ruleset, subject, INCOMING, datetime(2026, 5, 1, tzinfo=UTC)).label == "old"
    assert classify(ruleset, subject, INCOMING, datetime(2026, 4, 1, tzinfo=UTC)).label is None
    assert classify(ruleset, subject, INCOMING, datetime(2024, 5, 1, tzinfo=UTC)).label == "new"
    assert classify(ruleset, record(added=None), INCOMING, NOW).label is None


def test_month_ages_are_calendar_months() -> None:
    ruleset = rules("[classification]\nadded older than 1m -> old\n")
    now = datetime(2026, 3, 31, tzinfo=UTC)
    just_before = record(added=datetime(2026, 2, 27, 23, tzinfo=UTC))
    on_the_edge = record(added=datetime(2026, 2, 28, tzinfo=UTC))
    assert classify(ruleset, just_before, INCOMING, now).label == "old"
    assert classify(ruleset, on_the_edge, INCOMING, now).label is None


def test_defines_and_builtin_predicates() -> None:
    text = (
        "define loved = rating >= 4\ndefine keep = loved && !is_oversized\n"
        "[classification]\nkeep -> keeper\n"
    )
    ruleset = rules(text)
    assert classify(ruleset, record(rating=5), INCOMING, NOW).label == "keeper"
    assert classify(ruleset, record(rating=5, size="oversized"), INCOMING, NOW).label is None


def test_user_define_replaces_the_builtin_one() -> None:
    text = 'define is_uncleaned = Cleaned = "dirty"\n[classification]\nis_uncleaned -> clean_me\n'
    ruleset = rules(text)
    assert classify(ruleset, record(cleaned="No"), INCOMING, NOW).label is None
    assert classify(ruleset, record(cleaned="dirty"), INCOMING, NOW).label == "clean_me"


def test_movement_can_use_record_fields_and_negated_classifications() -> None:
    text = SEED + "oversized_ok && size = oversized -> Boxes\n!to_be_cleaned && 12 Inch -> LPs\n"
    text = text.replace(
        "[classification]\n", "[classification]\nsize = oversized -> oversized_ok\n"
    )
    ruleset = rules(text)
    assert classify(ruleset, record(LP, size="oversized"), INCOMING, NOW).destination == "Boxes"
    assert classify(ruleset, record(LP, cleaned="Yes"), INCOMING, NOW).destination == "LPs"


def test_classify_many_matches_single_classification_and_does_not_mutate() -> None:
    ruleset = rules(SEED)
    items = [
        (record(f, instance_id=i, cleaned=c), RecordFacts("Incoming"))
        for i, (f, c) in enumerate([(LP, "No"), (SINGLE, None), (CD, "Yes"), (FILE, "No")])
    ]
    before = copy.deepcopy(items)
    rules_before = copy.deepcopy(ruleset)
    many = classify_many(ruleset, items, NOW)
    assert list(many) == [0, 1, 2, 3]
    for rec, facts in items:
        assert many[rec.instance_id] == classify(ruleset, rec, facts, NOW)
    assert items == before and [r.fields for r, _ in items] == [r.fields for r, _ in before]
    assert ruleset == rules_before


def test_count_matches_counts_the_deciding_line_per_section() -> None:
    ruleset = rules(SEED)
    items = [
        (record(f, instance_id=i, cleaned=c), RecordFacts("Incoming"))
        for i, (f, c) in enumerate([(LP, "No"), (LP, "Yes"), (SINGLE, None), (CD, "No")])
    ]
    counts = count_matches(ruleset, items, NOW)
    assert counts == {3: 2, 4: 1, 5: 1, 6: 0, 9: 3, 12: 1, 13: 1}


def test_count_matches_counts_define_lines() -> None:
    ruleset = rules("define loved = rating >= 4\n[classification]\nloved -> keeper\n")
    items = [(record(instance_id=i, rating=i), INCOMING) for i in range(6)]
    assert count_matches(ruleset, items, NOW) == {1: 2, 3: 2}


def test_dry_run_reports_changes_against_previous_classifications() -> None:
    ruleset = rules(SEED)
    items = [
        (record(LP, instance_id=1, cleaned="No"), RecordFacts("Incoming")),
        (record(LP, instance_id=2, cleaned="No"), RecordFacts("12 Inch Cleaning Pile")),
        (record(LP, instance_id=3, cleaned="Yes"), RecordFacts("Incoming")),
        (record(CD, instance_id=4, cleaned="No"), RecordFacts("Incoming")),
        (record(SINGLE, instance_id=5, cleaned="Yes"), RecordFacts("7 Inch Cleaning Pile")),
    ]
    previous = {1: None, 2: None, 3: None, 5: "to_be_cleaned"}
    changes = dry_run(ruleset, items, NOW, previous)
    assert changes == [
        Change(1, None, "to_be_cleaned", "Incoming", "12 Inch Cleaning Pile", 9, 12),
        Change(2, None, "to_be_cleaned", "12 Inch Cleaning Pile", None, 9, 12),
        Change(4, None, "to_be_cleaned", "Incoming", None, 9, None),
        Change(5, "to_be_cleaned", None, "7 Inch Cleaning Pile", None, None, None),
    ]
    settled = {c.instance_id: c.new_class for c in changes} | {3: None}
    assert dry_run(ruleset, items, NOW, settled) == []


def test_explain_names_the_deciding_lines_and_actual_values() -> None:
    text = SEED.replace(
        "is_uncleaned -> to_be_cleaned",
        "Cleaned unset -> never_cleaned\nis_uncleaned -> to_be_cleaned",
    )
    ruleset = rules(text)
    lines = explain(ruleset, record(LP, cleaned="No"), INCOMING, NOW)
    joined = "\n".join(lines)
    assert (
        "format: line 3 `contains 12 || contains LP -> 12 Inch` matched: contains 12 is true"
        in joined
    )
    assert (
        "classification: line 9 `Cleaned is unset -> never_cleaned` failed: "
        'Cleaned is unset is false (Cleaned: "No")'
    ) in lines
    assert (
        "classification: line 10 `is_uncleaned -> to_be_cleaned` matched: is_uncleaned is "
        'true because Cleaned != "Yes" is true (Cleaned: "No")'
    ) in lines
    assert "classification: to_be_cleaned by line 10" in lines
    assert 'destination: "12 Inch Cleaning Pile" by line 13 (now in "Incoming")' in lines


def test_explain_agrees_with_classify_on_every_sample() -> None:
    ruleset = rules(SEED + "to_be_cleaned -> Elsewhere\n")
    compiled = compile_rules(ruleset, NOW)
    for formats in (LP, SINGLE, CD, FILE, BOX, SEVENTEEN):
        for cleaned in (None, "No", "Yes"):
            rec = record(formats, cleaned=cleaned)
            result = compiled.classify(rec, INCOMING)
            lines = explain(ruleset, rec, INCOMING, NOW)
            label_line = next(x for x in lines if x.startswith("classification: ") and "`" not in x)
            assert label_line.split(" ")[1] == (result.label or "none")
            if result.destination:
                assert any(x.startswith(f'destination: "{result.destination}"') for x in lines)


def test_explain_shows_why_a_failing_and_fails() -> None:
    ruleset = rules("[classification]\nrating >= 4 && added older than 2y -> treasure\n")
    lines = explain(ruleset, record(rating=5, added=NOW - timedelta(days=10)), INCOMING, NOW)
    assert any("failed: added older than 2y is false (added: 2026-04-21)" in x for x in lines)


def test_explain_says_there_is_no_classification_in_words() -> None:
    # Issue 13 item 6: a record no classification rule matched read "(classification: None)".
    lines = explain(rules(SEED), record(LP, cleaned="Yes"), INCOMING, NOW)
    joined = "\n".join(lines)
    assert "classification: None" not in joined
    assert "(classification: none: no classification rule matched)" in joined
