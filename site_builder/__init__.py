"""Compute results by the regulations and publish the portal (pages + open data)."""
