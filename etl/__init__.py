"""ETL: a treaty-body report's text -> paragraphs, numeric claims and indicator tables."""
