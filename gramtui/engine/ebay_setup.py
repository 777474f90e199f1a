"""The eBay client a session uses: base URL from GRAMTUI_EBAY_URL or `[ebay] url`, credentials
from the environment or the 0600 file (read when first needed, so a bad file never stops the
app from opening), and the daily budget counted in the database."""

from __future__ import annotations

import os
from pathlib import Path

from gramtui.ebay.budget import CallBudget
from gramtui.ebay.client import EbayClient
from gramtui.ebay.credentials import FILE_NAME, EbayCredentials, read_credentials
from gramtui.engine.clock import Clock
from gramtui.settings.config import Config
from gramtui.settings.paths import Paths
from gramtui.store.deals import BudgetLedger


def credentials_path(paths: Paths) -> Path:
    """Where the eBay keys are kept (mode 0600) in the data directory."""
    return paths.data_dir / FILE_NAME


def make_ebay_client(config: Config, paths: Paths, clock: Clock) -> EbayClient:
    url = os.environ.get("GRAMTUI_EBAY_URL") or config.ebay.url
    where = credentials_path(paths)

    def credentials() -> EbayCredentials | None:
        return read_credentials(where)

    return EbayClient(
        credentials,
        url,
        marketplace=config.ebay.marketplace,
        budget=CallBudget(BudgetLedger(), config.ebay.daily_budget, clock),
        deadline=config.ebay.deadline_seconds,
        credentials_where=str(where),
    )


def ebay_configured(paths: Paths) -> bool:
    """Whether credentials are there (without reading a secret into memory for nothing)."""
    if os.environ.get("EBAY_CLIENT_ID") and os.environ.get("EBAY_CLIENT_SECRET"):
        return True
    return credentials_path(paths).exists()
