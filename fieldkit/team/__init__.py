"""Team work: several coders on one study — merging their projects, combining codes, and
computing how far they agree (the maths itself lives in ``fieldkit.core.agreement``)."""
