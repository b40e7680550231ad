"""Intake channels that bring documents in: email inboxes (IMAP), watched folders and public forms."""
