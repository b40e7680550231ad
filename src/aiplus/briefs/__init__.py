"""Market briefs from press releases."""
