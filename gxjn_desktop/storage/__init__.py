"""Storage: the only package that imports SQLAlchemy. Rows here, plain domain values outside."""
