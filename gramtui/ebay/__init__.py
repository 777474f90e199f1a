"""The eBay Browse client: OAuth application token, item search with paging, typed errors, and
a daily call budget of its own."""
