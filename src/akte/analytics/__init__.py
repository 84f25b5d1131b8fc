"""Analytics: the office's figures from one set of SQL, on pseudonymised snapshots.

Plain Python. A snapshot is a folder of Parquet tables (`schema.TABLES`) and a manifest; the
figures (`reports.yaml`) are SQL written once in DuckDB's dialect and transpiled to Spark SQL
with sqlglot; every published cell carries its count of distinct persons and goes through
disclosure control (`disclosure`). Analytics never reads the live database: only a snapshot.
"""
