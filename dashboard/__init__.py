"""The dashboard: data access, components, exports and /api routes of the Dash app."""
