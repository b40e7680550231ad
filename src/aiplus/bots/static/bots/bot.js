// The public bot's panel, with no framework. Served by /bots/<slug>/widget.js inside
// "(function (config) { ... })(CONFIG)", so it runs the same on the bot's page (mode "page") and on another
// site as a button that opens the panel (mode "button"). Text is only ever set as text, never as HTML.
"use strict";
var L = config.labels;
var prefix = "aiplus-bot-" + config.slug;
var storageKey = prefix + "-conversation";

function newConversation() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  var id = "";
  for (var i = 0; i < 32; i++) id += Math.floor(Math.random() * 16).toString(16);
  return id;
}

function conversationId() {
  try {
    var kept = window.sessionStorage.getItem(storageKey);
    if (kept) return kept;
    var made = newConversation();
    window.sessionStorage.setItem(storageKey, made);
    return made;
  } catch (e) {
    if (!window.__aiplusConversation) window.__aiplusConversation = newConversation();
    return window.__aiplusConversation;
  }
}

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

var css = [
  ".aiplus-bot{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;border:1px solid #6b6b6b;",
  "border-radius:8px;display:flex;flex-direction:column;max-width:40rem}",
  ".aiplus-bot-floating{position:fixed;right:1rem;bottom:4.5rem;width:min(26rem,calc(100vw - 2rem));",
  "max-height:min(36rem,calc(100vh - 6rem));z-index:2147483000;box-shadow:0 4px 16px rgba(0,0,0,.25)}",
  ".aiplus-bot-launch{position:fixed;right:1rem;bottom:1rem;z-index:2147483000;font:600 16px system-ui,sans-serif;",
  "padding:.6rem 1rem;border-radius:2rem;border:2px solid #0b3d91;background:#0b3d91;color:#fff;cursor:pointer}",
  ".aiplus-bot button{font:inherit;cursor:pointer;border:1px solid #0b3d91;background:#fff;color:#0b3d91;",
  "border-radius:4px;padding:.25rem .6rem;margin:.15rem .3rem .15rem 0}",
  ".aiplus-bot button[aria-pressed=true]{background:#0b3d91;color:#fff}",
  ".aiplus-bot :focus-visible,.aiplus-bot-launch:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}",
  ".aiplus-bot-head{display:flex;justify-content:space-between;align-items:center;padding:.5rem .8rem;",
  "border-bottom:1px solid #ccc}",
  ".aiplus-bot-head h2{font-size:1.1rem;margin:0}",
  ".aiplus-bot-log{overflow-y:auto;padding:.6rem .8rem;flex:1;min-height:8rem}",
  ".aiplus-bot-turn{margin:0 0 .8rem}",
  ".aiplus-bot-who{font-weight:600;display:block;font-size:.85rem;color:#505050}",
  ".aiplus-bot-sources{font-size:.85rem;color:#505050;margin:.2rem 0}",
  ".aiplus-bot-form{display:flex;flex-direction:column;gap:.3rem;padding:.6rem .8rem;border-top:1px solid #ccc}",
  ".aiplus-bot-form textarea,.aiplus-bot-form input{font:inherit;padding:.3rem;border:1px solid #6b6b6b;border-radius:4px}",
  ".aiplus-bot[hidden]{display:none}",
  ".aiplus-bot-error{color:#a8071a}"
].join("");

function addStyle() {
  if (document.getElementById(prefix + "-style")) return;
  var style = el("style", { id: prefix + "-style" });
  style.textContent = css;
  document.head.appendChild(style);
}

function post(url, body) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "omit"
  }).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (!response.ok) {
        var message = (data && data.error && data.error.message) || L.failed;
        throw new Error(message);
      }
      return data;
    });
  });
}

function build(container, floating) {
  var panel = el("section", {
    class: "aiplus-bot" + (floating ? " aiplus-bot-floating" : ""),
    id: prefix + "-panel",
    "aria-labelledby": prefix + "-title",
    lang: config.language
  });
  var head = el("div", { class: "aiplus-bot-head" });
  head.appendChild(el("h2", { id: prefix + "-title" }, config.name));
  var closeButton = null;
  if (floating) {
    closeButton = el("button", { type: "button", class: "aiplus-bot-close" }, L.close);
    head.appendChild(closeButton);
  }
  panel.appendChild(head);

  var log = el("div", { class: "aiplus-bot-log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  panel.appendChild(log);
  var status = el("p", { class: "aiplus-bot-status", role: "status", "aria-live": "polite" });

  var form = el("form", { class: "aiplus-bot-form" });
  var inputId = prefix + "-question";
  form.appendChild(el("label", { for: inputId }, L.question));
  var input = el("textarea", { id: inputId, name: "question", rows: "2", maxlength: "1000", required: "required" });
  form.appendChild(input);
  var row = el("div");
  var askButton = el("button", { type: "submit" }, L.ask);
  var personButton = el("button", { type: "button", class: "aiplus-bot-person" }, L.person);
  row.appendChild(askButton);
  row.appendChild(personButton);
  form.appendChild(row);
  form.appendChild(status);
  panel.appendChild(form);
  container.appendChild(panel);

  function turn(who, text, lang) {
    var item = el("div", { class: "aiplus-bot-turn" });
    item.appendChild(el("span", { class: "aiplus-bot-who" }, who));
    var p = el("p", lang ? { lang: lang, class: "aiplus-bot-text" } : { class: "aiplus-bot-text" }, text);
    p.style.margin = "0";
    item.appendChild(p);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function speak(text, lang) {
    if (!("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    window.speechSynthesis.speak(utterance);
  }

  function answerTools(item, reply) {
    if (reply.citations && reply.citations.length) {
      var titles = reply.citations.map(function (c) { return c.title || c.source_id; });
      item.appendChild(el("p", { class: "aiplus-bot-sources" }, L.sources + ": " + titles.join("; ")));
    }
    var tools = el("div", { class: "aiplus-bot-tools" });
    if ("speechSynthesis" in window) {
      var read = el("button", { type: "button", class: "aiplus-bot-read" }, L.read_aloud);
      read.addEventListener("click", function () { speak(reply.answer, reply.speech_language); });
      tools.appendChild(read);
    }
    var up = el("button", { type: "button", "aria-pressed": "false", class: "aiplus-bot-up" }, L.helpful);
    var down = el("button", { type: "button", "aria-pressed": "false", class: "aiplus-bot-down" }, L.not_helpful);
    function rate(rating, pressed, other) {
      post(config.endpoints.feedback, { exchange: reply.exchange, rating: rating }).then(function () {
        pressed.setAttribute("aria-pressed", "true");
        other.setAttribute("aria-pressed", "false");
        status.textContent = L.thanks;
      }).catch(function (error) { status.textContent = error.message; });
    }
    up.addEventListener("click", function () { rate("up", up, down); });
    down.addEventListener("click", function () { rate("down", down, up); });
    tools.appendChild(up);
    tools.appendChild(down);
    if (reply.offer_person) {
      var person = el("button", { type: "button", class: "aiplus-bot-person" }, L.person);
      person.addEventListener("click", openHandoff);
      tools.appendChild(person);
    }
    item.appendChild(tools);
  }

  var handoffForm = null;
  function openHandoff() {
    if (handoffForm) { handoffForm.querySelector("input").focus(); return; }
    handoffForm = el("form", { class: "aiplus-bot-form aiplus-bot-handoff" });
    var contactId = prefix + "-contact", messageId = prefix + "-message";
    handoffForm.appendChild(el("label", { for: contactId }, L.contact));
    var contact = el("input", { id: contactId, type: "text", maxlength: "200", autocomplete: "email" });
    handoffForm.appendChild(contact);
    handoffForm.appendChild(el("label", { for: messageId }, L.message));
    var message = el("textarea", { id: messageId, rows: "2", maxlength: "2000" });
    handoffForm.appendChild(message);
    var send = el("button", { type: "submit" }, L.send);
    handoffForm.appendChild(send);
    handoffForm.addEventListener("submit", function (event) {
      event.preventDefault();
      send.disabled = true;
      post(config.endpoints.handoff, {
        conversation: conversationId(), contact: contact.value, message: message.value
      }).then(function (data) {
        turn(config.name, data.message);
        handoffForm.remove();
        handoffForm = null;
        input.focus();
      }).catch(function (error) {
        status.textContent = error.message;
        send.disabled = false;
      });
    });
    panel.insertBefore(handoffForm, form);
    contact.focus();
  }
  personButton.addEventListener("click", openHandoff);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question) { input.focus(); return; }
    turn(L.you, question);
    input.value = "";
    askButton.disabled = true;
    status.textContent = L.asking;
    post(config.endpoints.ask, { question: question, conversation: conversationId() }).then(function (reply) {
      status.textContent = "";
      var item = turn(config.name, reply.answer, reply.speech_language);
      item.classList.add(reply.answered ? "aiplus-bot-answered" : "aiplus-bot-declined");
      answerTools(item, reply);
    }).catch(function (error) {
      status.textContent = "";
      turn(config.name, error.message).classList.add("aiplus-bot-error");
    }).then(function () {
      askButton.disabled = false;
      input.focus();
    });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  turn(config.name, L.greeting);
  return { panel: panel, input: input, closeButton: closeButton };
}

function start() {
  addStyle();
  if (config.mode === "page") {
    var target = document.getElementById("aiplus-bot") || document.body;
    build(target, false);
    return;
  }
  var launch = el("button", {
    type: "button", class: "aiplus-bot-launch", "aria-expanded": "false", "aria-controls": prefix + "-panel",
    lang: config.language
  }, L.open);
  document.body.appendChild(launch);
  var parts = null;
  function close() {
    parts.panel.hidden = true;
    launch.setAttribute("aria-expanded", "false");
    launch.focus();
  }
  launch.addEventListener("click", function () {
    if (!parts) {
      parts = build(document.body, true);
      parts.closeButton.addEventListener("click", close);
      parts.panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
    } else if (!parts.panel.hidden) {
      close();
      return;
    }
    parts.panel.hidden = false;
    launch.setAttribute("aria-expanded", "true");
    parts.input.focus();
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
