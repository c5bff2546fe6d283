"""Resolution placeholder (replaced below in this session)."""
