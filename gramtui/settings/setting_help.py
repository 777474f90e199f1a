"""What each setting does, in a sentence, for the settings screen (the config file's own comments
say the same). A setting without a sentence here is shown with its range and default."""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "automation": "Automation",
    "sync": "Sync schedule",
    "sales": "Sales ladder",
    "wants": "Want lists",
    "printer": "Receipt printer",
    "deals": "Deals",
    "ebay": "eBay",
    "telegram": "Telegram alerts",
    "backup": "Backups",
    "rules": "Rules",
    "widths": "Record widths",
    "ui": "Appearance",
    "discogs": "Discogs connection",
    "queue": "Queue and retries",
}

# Settings read once at start-up: a change is saved now and used from the next start.
AT_NEXT_START: frozenset[str] = frozenset({"discogs", "queue", "ebay"})

# Never shown on screen, only whether they are set.
SECRETS: frozenset[tuple[str, str]] = frozenset({("telegram", "bot_token")})

HELP: dict[tuple[str, str], str] = {
    ("automation", "moves"): "On: records the rules classify elsewhere move between your Discogs "
    "folders by themselves (at most rules.max_moves_per_day a day). Off: moves wait for you.",
    ("automation", "printing"): "On: the slips of new moves print after each sync. Off: you "
    "print them from the moves list.",
    ("automation", "sales"): "On: due price changes may be sent to Discogs (after each sync, a in "
    "the Sales pane, `gramtui sales apply`). Off: the ladder only plans.",
    ("automation", "wants"): "On: your want lists decide the Discogs wantlist (wants added and "
    "removed). Off: nothing changes on Discogs; the Wants pane says what it would do.",
    ("sync", "quick_on_start"): "Read what is new on Discogs each time gramtui starts.",
    ("sync", "full_every_days"): "A full sync (which also notices what was removed) this often.",
    ("sync", "market_max_age_days"): "Market figures older than this are fetched again before "
    "the sales ladder acts on them.",
    ("sync", "max_removal_percent"): "A full sync that would remove more than this share of a "
    "category asks you first.",
    ("sales", "dry_run"): "Plan and log price changes, never send one.",
    ("sales", "currency"): "The currency of your listings and of every amount below.",
    ("sales", "floor"): "Never price a listing below this (empty: a share of its first price).",
    ("sales", "allow_raise"): "Let the ladder raise a price when the market rose.",
    ("sales", "hold_days"): "Days a new price holds before the next step.",
    ("wants", "cap"): "At most this many wants live on Discogs at once.",
    ("printer", "kind"): "network, usb, file or none (Enter opens the printer form).",
    ("printer", "width"): "Characters per slip line: 32 (58 mm paper), 42 or 48 (80 mm).",
    ("printer", "neighbours"): "Records named on each side of a move on its slip.",
    ("deals", "interval_minutes"): "Each saved search at most this often.",
    ("deals", "alert_band"): "Alert for deals in this band or better: high, good, or off.",
    ("deals", "auctions"): "Also watch auctions (otherwise Buy It Now only).",
    ("deals", "desktop_notify"): "A desktop notification for each new deal, by OSC 9 or OSC "
    "777 if your terminal shows them: off, osc9 or osc777.",
    ("ebay", "daily_budget"): "eBay calls a day, never exceeded.",
    ("ebay", "marketplace"): "The eBay site searched, e.g. EBAY_US, EBAY_GB, EBAY_DE.",
    ("telegram", "bot_token"): "Your bot's token from @BotFather (empty: no Telegram alerts).",
    ("telegram", "chat_id"): "The chat the bot writes to.",
    ("backup", "keep"): "How many backups of the database to keep.",
    ("backup", "daily"): "Back the database up once a day when gramtui starts.",
    ("rules", "max_moves_per_day"): "At most this many records moved a day.",
    ("ui", "theme"): "The colour theme (also from the command palette, Ctrl+P).",
    ("discogs", "headroom"): "Requests of each minute kept free for what you ask for at once.",
}
