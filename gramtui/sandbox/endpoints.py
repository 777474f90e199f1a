"""One function per Discogs endpoint the sandbox serves; each turns a call into a reply."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gramtui.sandbox import market, render
from gramtui.sandbox.config import SandboxConfig
from gramtui.sandbox.errors import (
    ForbiddenError,
    InvalidError,
    NotFoundError,
    UnauthorizedError,
)
from gramtui.sandbox.lying_pages import lying_page
from gramtui.sandbox.state import (
    COLLECTION_SORTS,
    INVENTORY_SORTS,
    MSG_NO_FOLDER,
    MSG_NOT_FOUND,
    MSG_PERMISSION,
    SandboxState,
)
from gramtui.sandbox.wire import SandboxReply, SandboxRequest, empty_reply, json_reply, paginate

MSG_AUTHENTICATE = "You must authenticate to access this resource."
MSG_OWNER_ONLY = (
    "You are not allowed to view this resource. Please authenticate as the owner "
    "to view this content."
)


@dataclass
class Call:
    request: SandboxRequest
    state: SandboxState
    config: SandboxConfig
    base: str
    auth: str  # "valid", "invalid" (a token that is not ours) or "none"
    params: dict[str, str]

    def id(self, name: str) -> int:
        return int(self.params[name])

    @property
    def user(self) -> str:
        return self.state.username

    def require_owner(self, reading: bool = False) -> None:
        """Owner-only: a wrong token is 401; no token is 403 for reads (as recorded), 401 for
        writes; another user's account is not found."""
        if self.auth == "invalid" or (self.auth == "none" and not reading):
            raise UnauthorizedError(MSG_AUTHENTICATE)
        if self.auth == "none":
            raise ForbiddenError(MSG_OWNER_ONLY)
        self.require_user()

    def require_user(self) -> None:
        if self.params.get("u", self.user).casefold() != self.user.casefold():
            raise NotFoundError(MSG_NOT_FOUND)

    def paged(
        self, key: str, items: list[Any], render_one: Callable[[Any], dict[str, Any]]
    ) -> SandboxReply:
        if self.config.pagination_lie:
            page = lying_page(self.config.pagination_lie, self.request, self.base, len(items))
        else:
            page = paginate(self.request, self.base, len(items))
        body = {
            "pagination": page.pagination,
            key: [render_one(x) for x in items[page.start : page.end]],
        }
        return json_reply(200, body, {"link": page.link} if page.link else None)


def _as_int(value: object, message: str) -> int:
    if isinstance(value, bool):
        raise InvalidError(message)
    try:
        return int(str(value))
    except ValueError:
        raise InvalidError(message) from None


# ----- identity -------------------------------------------------------------------------------


def identity(c: Call) -> SandboxReply:
    if c.auth != "valid":
        raise UnauthorizedError(MSG_AUTHENTICATE)
    return json_reply(
        200,
        {
            "id": c.state.user_id,
            "username": c.user,
            "resource_url": f"{c.base}/users/{c.user}",
            "consumer_name": c.config.consumer_name,
        },
    )


# ----- collection -----------------------------------------------------------------------------


def folders(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    with c.state.lock:
        counts = c.state.folder_counts()
        items = [
            render.folder_json(
                f, c.state.folder_count(f.id) if f.id == 0 else counts.get(f.id, 0), c.base, c.user
            )
            for f in c.state.folder_list()
        ]
    return json_reply(200, {"folders": items})


def create_folder(c: Call) -> SandboxReply:
    c.require_owner()
    folder = c.state.create_folder(c.request.form().get("name", ""))
    return json_reply(201, render.folder_json(folder, 0, c.base, c.user))


def folder(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    with c.state.lock:
        f = c.state.folder(c.id("f"))
        return json_reply(200, render.folder_json(f, c.state.folder_count(f.id), c.base, c.user))


def rename_folder(c: Call) -> SandboxReply:
    c.require_owner()
    with c.state.lock:
        f = c.state.rename_folder(c.id("f"), c.request.form().get("name", ""))
        return json_reply(200, render.folder_json(f, c.state.folder_count(f.id), c.base, c.user))


def delete_folder(c: Call) -> SandboxReply:
    c.require_owner()
    c.state.delete_folder(c.id("f"))
    return empty_reply()


def fields(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    specs = sorted(c.state.fields.values(), key=lambda f: f.position)
    return json_reply(200, {"fields": [render.field_json(f) for f in specs]})


def folder_releases(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    sort = c.request.param("sort", "label")
    sort = sort if sort in COLLECTION_SORTS else "label"
    order = "desc" if c.request.param("sort_order") == "desc" else "asc"
    with c.state.lock:
        items = c.state.instances_in(c.id("f"), sort, order)
        return c.paged("releases", items, lambda i: render.collection_item(i, c.state, c.base))


def add_to_folder(c: Call) -> SandboxReply:
    c.require_owner()
    with c.state.lock:
        folder_id = c.id("f")
        if folder_id != 0:
            c.state.folder(folder_id)
        inst = c.state.add_instance(c.id("r"), folder_id)
        return json_reply(201, render.added_item(inst, c.state, c.base, c.user))


def _path_instance(c: Call) -> int:
    """The instance named by the path; the folder in the path only has to exist."""
    folder_id = c.id("f")
    if folder_id != 0 and folder_id not in c.state.folders:
        raise NotFoundError(MSG_NO_FOLDER)
    return c.state.instance(c.id("i"), c.id("r")).instance_id


def edit_instance(c: Call) -> SandboxReply:
    c.require_owner()
    form = c.request.form()
    with c.state.lock:
        instance_id = _path_instance(c)
        rating = folder_id = None
        if "rating" in form:
            rating = _as_int(form["rating"], "Invalid rating: must be an integer from 0 to 5.")
            if not 0 <= rating <= 5:
                raise InvalidError("Invalid rating: must be an integer from 0 to 5.")
        if "folder_id" in form:
            folder_id = _as_int(form["folder_id"], "Invalid folder_id: folder does not exist.")
            if folder_id == 0 or folder_id not in c.state.folders:
                raise InvalidError("Invalid folder_id: folder does not exist.")
        if rating is not None:
            c.state.set_rating(instance_id, rating)
        if folder_id is not None:
            c.state.move_instance(instance_id, folder_id)
    return empty_reply()


def delete_instance(c: Call) -> SandboxReply:
    c.require_owner()
    with c.state.lock:
        c.state.delete_instance(_path_instance(c))
    return empty_reply()


def edit_field(c: Call) -> SandboxReply:
    c.require_owner()
    value = c.request.form().get("value", "")
    with c.state.lock:
        c.state.set_field(_path_instance(c), c.id("field"), value if value is not None else "")
    return empty_reply()


def release_instances(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    with c.state.lock:
        items = c.state.instances_of_release(c.id("r"))
        return c.paged("releases", items, lambda i: render.collection_item(i, c.state, c.base))


def collection_value(c: Call) -> SandboxReply:
    """The collection's worth at low, median and high prices (the sum of suggestions at G, VG+
    and Mint), formatted as Discogs formats it ("$1,234.56")."""
    c.require_owner(reading=True)
    with c.state.lock:
        mints = [
            market.mint_value(i.release_id, c.state.market_seed) for i in c.state.instances.values()
        ]
    known = [m for m in mints if m is not None]
    low, mid, high = (sum(m * ratio for m in known) for ratio in (3 / 19, 13 / 19, 1.0))
    return json_reply(
        200, {"minimum": f"${low:,.2f}", "median": f"${mid:,.2f}", "maximum": f"${high:,.2f}"}
    )


# ----- marketplace ----------------------------------------------------------------------------


def inventory(c: Call) -> SandboxReply:
    if c.auth == "invalid":
        raise UnauthorizedError(MSG_AUTHENTICATE)
    c.require_user()
    owner = c.auth == "valid"
    status = c.request.param("status", "All") if owner else "For Sale"
    sort = c.request.param("sort", "listed")
    sort = sort if sort in INVENTORY_SORTS else "listed"
    order = "desc" if c.request.param("sort_order") == "desc" else "asc"
    with c.state.lock:
        items = c.state.listings_with(status or "All", sort, order)
        return c.paged("listings", items, lambda x: render.listing_json(x, c.state, c.base, owner))


def listing(c: Call) -> SandboxReply:
    if c.auth == "invalid":
        raise UnauthorizedError(MSG_AUTHENTICATE)
    with c.state.lock:
        x = c.state.listing(c.id("id"))
        return json_reply(200, render.listing_json(x, c.state, c.base, c.auth == "valid"))


def _owner_marketplace(c: Call) -> None:
    if c.auth != "valid":
        raise UnauthorizedError(MSG_AUTHENTICATE)


def edit_listing(c: Call) -> SandboxReply:
    _owner_marketplace(c)
    c.state.edit_listing(c.id("id"), c.request.form())
    return empty_reply()


def delete_listing(c: Call) -> SandboxReply:
    _owner_marketplace(c)
    c.state.delete_listing(c.id("id"))
    return empty_reply()


def create_listing(c: Call) -> SandboxReply:
    _owner_marketplace(c)
    form = c.request.form()
    for name in ("release_id", "condition", "price"):
        if form.get(name) in (None, ""):
            raise InvalidError(f"Missing required field: {name}.")
    release_id = _as_int(form.pop("release_id"), "Invalid release_id: release does not exist.")
    x = c.state.create_listing(
        release_id,
        form.pop("price"),
        str(form.pop("condition")),
        **{k: v for k, v in form.items() if k not in ("token", "posted")},
    )
    return json_reply(
        201, {"listing_id": x.id, "resource_url": f"{c.base}/marketplace/listings/{x.id}"}
    )


def price_suggestions(c: Call) -> SandboxReply:
    _owner_marketplace(c)
    if not c.config.seller_settings:
        raise ForbiddenError(MSG_PERMISSION)
    found = c.state.suggestions_for(c.id("r"))
    if c.config.bad_market:
        found = {
            grade: dict(
                zip(
                    ("value", "currency"),
                    market.spoiled(float(v["value"]), str(v["currency"]), c.config.bad_market),
                    strict=True,
                )
            )
            for grade, v in found.items()
        }
    return json_reply(200, found)


def market_stats(c: Call) -> SandboxReply:
    body = render.stats_json(c.state.stats_for(c.id("r")))
    lowest = body["lowest_price"]
    if c.config.bad_market and lowest is not None:
        value, currency = market.spoiled(
            float(lowest["value"]), lowest["currency"], c.config.bad_market
        )
        body["lowest_price"] = {"currency": currency, "value": value}
    return json_reply(200, body)


# ----- wantlist -------------------------------------------------------------------------------


def wants(c: Call) -> SandboxReply:
    c.require_owner(reading=True)
    with c.state.lock:
        items = c.state.wants_sorted()
        return c.paged("wants", items, lambda w: render.want_json(w, c.state, c.base, c.user))


def _want_changes(c: Call) -> tuple[str | None, int | None]:
    form = c.request.form()
    notes = form.get("notes")
    rating = None
    if "rating" in form:
        rating = _as_int(form["rating"], "Invalid rating: must be an integer from 0 to 5.")
    return (None if notes is None else str(notes)), rating


def add_want(c: Call) -> SandboxReply:
    c.require_owner()
    notes, rating = _want_changes(c)
    with c.state.lock:
        w = c.state.add_want(c.id("r"), notes, rating)
        return json_reply(201, render.want_json(w, c.state, c.base, c.user))


def edit_want(c: Call) -> SandboxReply:
    c.require_owner()
    notes, rating = _want_changes(c)
    with c.state.lock:
        w = c.state.edit_want(c.id("r"), notes, rating)
        return json_reply(200, render.want_json(w, c.state, c.base, c.user))


def remove_want(c: Call) -> SandboxReply:
    c.require_owner()
    c.state.remove_want(c.id("r"))
    return empty_reply()


# ----- database -------------------------------------------------------------------------------


def release(c: Call) -> SandboxReply:
    with c.state.lock:
        return json_reply(200, render.release_json(c.state.release(c.id("r")), c.state, c.base))


def master(c: Call) -> SandboxReply:
    with c.state.lock:
        return json_reply(200, render.master_json(c.state.master(c.id("m")), c.state, c.base))


VERSION_SORTS = ("released", "title", "format", "label", "catno", "country")


def master_versions(c: Call) -> SandboxReply:
    with c.state.lock:
        c.state.master(c.id("m"))
        rows = [render.version_json(r, c.state, c.base) for r in c.state.versions_of(c.id("m"))]
    for name in ("format", "label", "country", "released"):
        wanted = c.request.param(name)
        if wanted:
            rows = [
                v
                for v in rows
                if wanted.casefold() in str(v[name]).casefold()
                or (name == "format" and wanted in v["major_formats"])
            ]
    sort = c.request.param("sort", "released")
    sort = sort if sort in VERSION_SORTS else "released"
    rows.sort(
        key=lambda v: (str(v[sort]).casefold(), v["id"]),
        reverse=c.request.param("sort_order") == "desc",
    )
    return c.paged("versions", rows, lambda v: v)
