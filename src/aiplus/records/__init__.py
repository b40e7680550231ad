"""Records management: retention schedules, disposal with approval and legal holds."""
