"""The faces users see: CLI, REST API, dashboard and briefs; thin shells over the library."""
