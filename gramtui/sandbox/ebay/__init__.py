"""An offline eBay Browse API beside the Discogs sandbox: the token and search endpoints with
eBay's shapes, paging, errors (401, 429, 5xx) and faults, seeded with listings for the sample
collection's wants and want lists. Served over loopback by `serve` like the Discogs one.

    ebay = EbaySandbox(seed_listings(state, extra_release_ids))
    with serve(ebay) as server:   # gramtui.sandbox.serve
        client = EbayClient(EbayCredentials(CLIENT_ID, CLIENT_SECRET), server.url)
"""

from gramtui.sandbox.ebay.listings import SandboxListing, seed_listings
from gramtui.sandbox.ebay.sandbox import CLIENT_ID, CLIENT_SECRET, EbaySandbox, EbaySandboxConfig

__all__ = [
    "CLIENT_ID",
    "CLIENT_SECRET",
    "EbaySandbox",
    "EbaySandboxConfig",
    "SandboxListing",
    "seed_listings",
]
