"""The poll cycle: the one place where the edges (fetch, store) meet the pure core (extract, match, incidents)."""
