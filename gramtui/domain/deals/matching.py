"""Matching a listing title to one Discogs release (or its master), recorded with how and how sure.

Tiers, most trusted first: a catalogue number found in the title, a barcode, then fuzzy artist +
title. A catalogue-number or barcode hit must still look like the record (artist or title agree),
and in every tier the format must agree (an LP listing never matches a CD release). Fuzzy scores
artist and title separately, word by word with rapidfuzz (typos pass, a missing word does not),
and refuses a listing whose leftover words carry a number the release lacks (another volume).
When two pressings of one master are equally likely, the master is the match; any other tie, or a
weak best, is no match: a wrong match costs the user money, a missed one only a deal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from gramtui.domain.deals import text
from gramtui.domain.deals.catalogue import Catalogue, CatalogueRelease

ACCEPT = 0.85  # artist and title each at least this well covered
TIE = 0.02  # candidates closer than this to the best are equally likely
EXTRA_WORD_PENALTY = 0.04  # per leftover word that is neither noise nor the record's
MAX_EXTRA_WORDS = 3
PREFILTER = 20  # candidates asked of the catalogue's text search


@dataclass(frozen=True, slots=True)
class Match:
    release_id: int | None
    master_id: int | None
    method: str  # catno | barcode | fuzzy | none
    confidence: float
    reason: str

    @property
    def matched(self) -> bool:
        return self.method != "none"


def no_match(reason: str) -> Match:
    return Match(None, None, "none", 0.0, reason)


@dataclass(frozen=True, slots=True)
class _Scored:
    release: CatalogueRelease
    artist: float
    title: float
    extra: int
    confidence: float


class Matcher:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def match(
        self,
        title: str,
        formats: Collection[str] = (),
        refused: Collection[int] = (),
    ) -> Match:
        """`formats`: the families the listing is known to be (from its eBay category) when its
        title says none; `refused`: release and master ids the user said it is not."""
        tokens = text.words(title)
        if not tokens:
            return no_match("the title has no words")
        if any(t in text.LOT_WORDS for t in tokens):
            return no_match("a lot of several records")
        said = text.listing_formats(tokens)
        if len(said) > 1:
            return no_match(f"the title names several formats ({', '.join(sorted(said))})")
        wanted = said or frozenset(formats)

        def allowed(r: CatalogueRelease) -> bool:
            if r.release_id in refused or (r.master_id is not None and r.master_id in refused):
                return False
            return _formats_agree(wanted, r.formats)

        catno_hits, catno_tokens = self._catno_hits(tokens)
        if catno_hits:
            found = self._decide(
                [r for r in catno_hits if allowed(r)], tokens, catno_tokens, "catno", verify=True
            )
            if found.matched:
                return found
        for token in tokens:
            if len(token) in (12, 13) and token.isdigit():
                hits = [r for r in self.catalogue.by_barcode(token) if allowed(r)]
                found = self._decide(hits, tokens, {token}, "barcode", verify=True)
                if found.matched:
                    return found
        query = [
            t
            for t in dict.fromkeys(tokens)
            if t not in text.NOISE
            and t not in text.STOPWORDS
            and t not in catno_tokens
            and not text.is_year(t)
        ]
        if not query:
            return no_match("nothing but noise words in the title")
        candidates = [r for r in self.catalogue.by_text(query, PREFILTER) if allowed(r)]
        return self._decide(candidates, tokens, catno_tokens, "fuzzy", verify=False)

    def _catno_hits(self, tokens: list[str]) -> tuple[list[CatalogueRelease], set[str]]:
        """Releases whose catno is one to four adjacent title words, and the words used."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for start in range(len(tokens)):
            key = ""
            for end in range(start, min(start + 4, len(tokens))):
                key += tokens[end]
                if len(key) > 24:
                    break
                if text.useful_catno(key):
                    spans.setdefault(key, []).append((start, end))
        hits: dict[int, CatalogueRelease] = {}
        used: set[str] = set()
        found = self.catalogue.by_catnos(list(spans)) if spans else {}  # one question, not 20
        for key in spans:  # in title order, as asked one by one before
            for start, end in spans[key] if key in found else ():
                used.update(tokens[start : end + 1])
            for r in found.get(key, ()):
                hits[r.release_id] = r
        return list(hits.values()), used

    def _decide(
        self,
        candidates: Sequence[CatalogueRelease],
        tokens: list[str],
        ignore: Collection[str],
        method: str,
        *,
        verify: bool,
    ) -> Match:
        if not candidates:
            return no_match(f"no {method} candidate of the right format")
        scored = [_score(r, tokens, ignore) for r in candidates]
        if verify:  # the number says which record; artist or title must agree it is this one
            good = [s for s in scored if max(s.artist, s.title) >= ACCEPT]
            bonus = 0.1
        else:
            good = [
                s
                for s in scored
                if min(s.artist, s.title) >= ACCEPT
                and s.extra <= MAX_EXTRA_WORDS
                and s.confidence >= ACCEPT - 0.1
            ]
            bonus = 0.0
        if not good:
            best = max(scored, key=lambda s: s.confidence)
            return no_match(
                f"weak {method}: best {best.release.artist} - {best.release.title} "
                f"(artist {best.artist:.2f}, title {best.title:.2f}, {best.extra} extra words)"
            )
        good.sort(key=lambda s: (-s.confidence, s.release.release_id))
        top = good[0]
        tied = [s for s in good if top.confidence - s.confidence < TIE]
        confidence = round(min(1.0, top.confidence + bonus), 3)
        why = f"artist {top.artist:.2f}, title {top.title:.2f}"
        if len(tied) == 1:
            r = top.release
            return Match(r.release_id, r.master_id, method, confidence, f"{method}: {why}")
        masters = {s.release.master_id for s in tied}
        if len(masters) == 1 and None not in masters:
            master = masters.pop()
            return Match(
                None,
                master,
                method,
                confidence,
                f"{method}: {len(tied)} pressings of master {master} equally likely; {why}",
            )
        return no_match(f"ambiguous {method}: {len(tied)} different records equally likely")


def _formats_agree(wanted: frozenset[str], formats: tuple[str, ...]) -> bool:
    if not wanted or not formats or text.ANY_FORMAT in formats:
        return True
    return bool(wanted.intersection(formats))


def _coverage(words: list[str], tokens: list[str], used: set[int]) -> float:
    """Share of `words` (weighted by length) found among `tokens`; typos allowed in long words,
    numbers exact. The indices of the tokens used are added to `used`."""
    if not words:
        return 0.0
    total = found = 0.0
    for w in words:
        total += len(w)
        if w.isdigit() or len(w) <= 3:
            if w in tokens:
                used.add(tokens.index(w))
                found += len(w)
            continue
        best = process.extractOne(w, tokens, scorer=fuzz.ratio, score_cutoff=80)
        if best is not None:
            used.add(best[2])
            found += len(w) * best[1] / 100
    return found / total


def _score(r: CatalogueRelease, tokens: list[str], ignore: Collection[str]) -> _Scored:
    used: set[int] = set()
    artist_words = text.artist_words(r.artist)  # cached: never mutate
    if artist_words in (["various"], ["various", "artists"]):
        artist_words = ["va"] if "va" in tokens else ["various"]  # "V/A" or "Various Artists"
    artist = _coverage(artist_words, tokens, used)
    title_words = text.title_words(r.title)
    title = _coverage(title_words, tokens, used)
    if any(w.isdigit() and w not in tokens for w in title_words):
        title = min(title, 0.5)  # "Vol. 1" is not "Vol. 2"
    label_words = text.label_words(r.labels)
    extra = 0
    clash = False
    used_words = {tokens[i] for i in used}  # a word said twice is explained twice
    for i, t in enumerate(tokens):
        if i in used or t in used_words or t in ignore or t in label_words or t in text.STOPWORDS:
            continue
        if t in text.NOISE or text.is_year(t) or len(t) == 1 and not t.isdigit():
            continue
        if t in text.ROMAN:
            clash = True  # "II": a volume the release is not
        elif t.isdigit() and len(t) <= 2:
            before = tokens[i - 1] if i else ""
            if before in text.VOLUME_WORDS or before in used_words:
                clash = True  # "Vol. 3", "Soul Searching 3": a volume the release is not
            # else a label's or catalogue number's ("BEGA 75", "75 Ark")
        elif any(c.isdigit() for c in t):
            continue  # a catalogue number of a pressing the catalogue does not know
        elif i + 1 < len(tokens) and tokens[i + 1].isdigit() and len(tokens[i + 1]) >= 3:
            continue  # its prefix: "CL 1355"
        else:
            extra += 1
    confidence = min(artist, title) - EXTRA_WORD_PENALTY * extra
    if extra and set(title_words) <= set(artist_words):
        clash = True  # the title hides in the artist's name: any other word is another record
    if clash:
        confidence = min(confidence, 0.5)
        title = min(title, 0.5)
    return _Scored(r, artist, title, extra, round(confidence, 3))
