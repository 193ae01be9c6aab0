"""The office's documents: the 进展情况通报 (bulletin) and the 催报/退回 messages (reminders)."""
