"""Calculation on inventory lines: unit impacts, results, checks."""
