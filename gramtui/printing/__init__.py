"""Slips (pure text), the printer fallback, and printer connections through python-escpos."""
