"""Pure logic: records, formats, rules, layout, moves, pricing, wants.

Nothing here imports textual, peewee or httpx, reads the clock or does I/O: time is a parameter.
"""
