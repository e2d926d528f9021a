"""Inventory data, the project model and the builders of inventory lines."""
