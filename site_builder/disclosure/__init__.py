"""Disclosure control (PRODUCT.md §8, domain-rules §5.4): the one gate between the private
counts and everything published. `rows` protects one distribution row, `audit` the tables that
cover the same people (periods, office and units, earlier builds), `survey` the SKM results."""
from site_builder.disclosure.rows import (
    KURVA_COLUMNS,
    ONE_CATEGORY,
    SMALL_CELLS,
    SMALL_GROUP,
    kurva_determined,
    protect_counts,
    protect_distribution,
)
from site_builder.disclosure.survey import FEW_RESPONDENTS, PROTECTS_OTHER, protect_survey

__all__ = [
    "FEW_RESPONDENTS", "KURVA_COLUMNS", "ONE_CATEGORY", "PROTECTS_OTHER", "SMALL_CELLS",
    "SMALL_GROUP", "kurva_determined", "protect_counts", "protect_distribution", "protect_survey",
]
