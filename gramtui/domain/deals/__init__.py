"""Deals: eBay listings matched to Discogs releases, valued against their worth, alerted once."""
