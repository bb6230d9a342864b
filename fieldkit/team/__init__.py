"""Team work: several coders on one study — a project as a replica of the team's history on a
PostgreSQL server (``replica``, ``joining``, ``validation``), merging their projects, combining
codes, and computing how far they agree (the maths itself lives in ``fieldkit.core.agreement``)."""
