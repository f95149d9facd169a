"""Processing provider ``mednum``: one algorithm per user job."""
