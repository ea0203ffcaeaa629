"""The embedded store: DuckDB by default, Parquet/CSV/JSONL export of any table."""

from detente.store.database import TABLES, Store

__all__ = ["TABLES", "Store"]
