"""The MCP server, driven by the official SDK's own streamable HTTP client: a token lists, searches and asks
the collections its user may read, and nothing else; a wrong token gets nowhere."""

import asyncio
import json

import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.streamable_http import create_mcp_http_client, streamable_http_client

pytestmark = pytest.mark.django_db(transaction=True)


async def _session_calls(url: str, key: str, calls, language: str = "en"):
    headers = {"Authorization": f"Bearer {key}", "Accept-Language": language}
    async with (
        create_mcp_http_client(headers=headers) as http_client,
        streamable_http_client(url, http_client=http_client) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        results = []
        for name, arguments in calls:
            results.append(await session.call_tool(name, arguments))
        tools = await session.list_tools()
        return results, sorted(tool.name for tool in tools.tools)


def _call(url, key, calls, language="en"):
    return asyncio.run(_session_calls(url, key, calls, language))


def _data(result) -> object:
    """A tool's structured result (the SDK wraps a list as {"result": [...]})."""
    data = result.structured_content
    return data["result"] if isinstance(data, dict) and set(data) == {"result"} else data


def test_tools_list_search_and_ask_the_collections_a_token_may_read(mcp_server, token_for, guidance, amy):
    (listed, found, answer), tools = _call(
        mcp_server,
        token_for(amy),
        [
            ("list_collections", {}),
            ("search", {"query": "dog licence renewal fee", "collection": "guidance"}),
            ("ask", {"question": "How much is the dog licence renewal fee?"}),
        ],
    )
    assert tools == ["ask", "ask_bot", "list_bots", "list_collections", "search"]
    assert [c["slug"] for c in _data(listed)] == ["guidance"]
    assert _data(found)[0]["source_id"] == "dog-en.txt"
    answer = _data(answer)
    assert answer["answered"] and "HK$80" in answer["answer"]
    assert answer["citations"][0]["source_id"] == "dog-en.txt"


def test_another_departments_private_collection_is_out_of_reach(
    mcp_server, token_for, guidance, pier_notes, amy
):
    (listed, named, searched, asked), _tools = _call(
        mcp_server,
        token_for(amy),
        [
            ("list_collections", {}),
            ("search", {"query": "pier relocation budget", "collection": "pier-notes"}),
            ("search", {"query": "pier relocation budget"}),
            ("ask", {"question": "What is the pier relocation budget?"}),
        ],
    )
    assert "pier-notes" not in [c["slug"] for c in _data(listed)]
    assert named.is_error and "Not found" in named.content[0].text
    assert all(p["collection"] != "pier-notes" for p in _data(searched))
    assert not _data(asked)["answered"] and "38" not in _data(asked)["answer"]


def test_the_owning_department_reaches_its_private_collection(mcp_server, token_for, pier_notes, bob):
    (found,), _tools = _call(
        mcp_server,
        token_for(bob),
        [("search", {"query": "pier relocation budget", "collection": "pier-notes"})],
    )
    assert _data(found)[0]["collection"] == "pier-notes"


def test_errors_are_in_the_callers_language(mcp_server, token_for, guidance, amy):
    (named,), _tools = _call(
        mcp_server, token_for(amy), [("search", {"query": "狗", "collection": "nowhere"})], language="zh-hant"
    )
    assert named.is_error and "找不到" in named.content[0].text


def test_a_wrong_or_missing_token_is_refused_before_any_tool(mcp_server, guidance):
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    for extra in ({}, {"Authorization": "Bearer aip_not-a-token"}):
        response = httpx2.post(mcp_server, content=json.dumps(body), headers={**headers, **extra})
        assert response.status_code == 401
    with pytest.raises(Exception):  # noqa: B017 - the SDK surfaces the 401 as its own error type
        _call(mcp_server, "aip_not-a-token", [("list_collections", {})])


def test_a_revoked_token_stops_working_at_once(mcp_server, token_for, guidance, amy):
    from aiplus.core.models import ApiToken

    key = token_for(amy)
    _call(mcp_server, key, [("list_collections", {})])
    ApiToken.objects.filter(user=amy).update(revoked=True)
    with pytest.raises(Exception):  # noqa: B017
        _call(mcp_server, key, [("list_collections", {})])


def test_the_rest_apis_rate_limit_applies(mcp_server, token_for, guidance, amy, settings):
    settings.AIPLUS_API_RATE_PER_USER = "2/min"
    results, _tools = _call(mcp_server, token_for(amy), [("list_collections", {})] * 3)
    assert [r.is_error for r in results] == [False, False, True]
    assert "Too many requests" in results[2].content[0].text


def test_a_host_name_the_site_does_not_serve_is_refused(mcp_server, token_for, guidance, amy):
    """DNS rebinding: a page on another site that resolves its name to this server gets nowhere."""
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {
        "Accept": "application/json, text/event-stream",
        "Content-Type": "application/json",
        "Authorization": f"Bearer {token_for(amy)}",
    }
    response = httpx2.post(mcp_server, content=json.dumps(body), headers={**headers, "Host": "evil.example"})
    assert response.status_code == 421


def test_an_address_guessing_tokens_is_held_back_before_the_token_is_checked(
    mcp_server, token_for, amy, settings
):
    """Every request counts against its address, as in the REST API: once past the allowance even a right
    token waits, told so with 429 and Retry-After in the caller's language."""
    settings.AIPLUS_API_RATE_PER_ADDRESS = "3/min"
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    for guess in range(3):
        wrong = {"Authorization": f"Bearer aip_guess-{guess}"}
        assert (
            httpx2.post(mcp_server, content=json.dumps(body), headers={**headers, **wrong}).status_code == 401
        )
    right = {"Authorization": f"Bearer {token_for(amy)}", "Accept-Language": "zh-hant"}
    held = httpx2.post(mcp_server, content=json.dumps(body), headers={**headers, **right})
    assert held.status_code == 429 and int(held.headers["Retry-After"]) >= 1
    assert "請" in held.json()["error_description"]


def test_a_public_bot_is_listed_and_asked_and_its_exchanges_kept(
    mcp_server, token_for, bob, hotline, paused_bot
):
    """Any token may ask an active bot, which answers from its own collections only and keeps the exchange for
    its review queue; a paused bot is not listed and cannot be asked."""
    from aiplus.bots.models import BotExchange

    (listed, answered, paused), tools = _call(
        mcp_server,
        token_for(bob),
        [
            ("list_bots", {}),
            ("ask_bot", {"bot": "hotline", "question": "Where can I get my dog licensed?"}),
            ("ask_bot", {"bot": "draft-bot", "question": "Where can I get my dog licensed?"}),
        ],
    )
    assert {"ask_bot", "list_bots"} <= set(tools)
    assert [b["slug"] for b in _data(listed)] == ["hotline"]
    answer = _data(answered)
    assert answer["answered"] and "HK$80" in answer["answer"] and answer["engine"] == "faq"
    assert paused.is_error and "Not found" in paused.content[0].text
    kept = BotExchange.objects.get(bot=hotline)
    assert kept.question == "Where can I get my dog licensed?" and kept.answered
