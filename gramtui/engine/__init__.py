"""The queue, its task handlers, and the services that combine store, domain and Discogs."""
