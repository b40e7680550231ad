"""Doors for the tools people already use: an OpenAI-compatible chat API (``/v1/``) and an MCP server.

Both act as the holder of an aiplus API token and reach only what that person may read; the logic they share
lives in ``services``.
"""
