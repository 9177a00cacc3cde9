# Store room: SQLite results store (owned by the store work).
