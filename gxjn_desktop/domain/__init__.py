"""The pure domain core: units, meters, records, reference data, consumption and indicators.

Nothing here imports Qt or SQLAlchemy (checked by import-linter). All arithmetic is ``decimal``.
"""
