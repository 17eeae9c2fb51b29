// Progressive enhancement only: every page works without this file.
// Buttons marked "danger" ask before they act.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && button.classList.contains("danger")) {
    if (!window.confirm(document.body.dataset.confirm)) event.preventDefault();
  }
});

// Drafts survive a reload: each composer keeps its text in localStorage until it is sent.
document.querySelectorAll("textarea[data-draft]").forEach((area) => {
  const key = "lovnad-draft-" + area.dataset.draft;
  if (!area.value) area.value = localStorage.getItem(key) || "";
  area.addEventListener("input", () => localStorage.setItem(key, area.value));
  area.form.addEventListener("submit", () => localStorage.removeItem(key));
});

// "{count} …" in the page's words: the body carries data-<name>-one and data-<name>-other.
function plural(count, name, holder = document.body) {
  const key = name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  const words = count === 1 ? holder.dataset[key + "One"] : holder.dataset[key + "Other"];
  return (words || "{count}").replace("{count}", String(count));
}

// One live connection per signed-in page, over /api/v1/live: each part of the page takes the events it
// needs (the conversation, the header's unread count). The page works without it.
const Live = (() => {
  const handlers = [], states = [];
  let lastEventID = null, retry = 1000;
  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const since = lastEventID === null ? "" : "?since=" + lastEventID;
    const socket = new WebSocket(scheme + location.host + "/api/v1/live" + since);
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") { lastEventID = frame.last_event_id; retry = 1000; states.forEach((s) => s(true)); return; }
      if (frame.type === "resync") { location.reload(); return; }
      if (typeof frame.id !== "number") return;
      lastEventID = Math.max(lastEventID || 0, frame.id);
      handlers.forEach((h) => h(frame));
    };
    socket.onclose = () => {
      states.forEach((s) => s(false));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    };
  }
  return {
    on(handler) { handlers.push(handler); },
    onState(state) { states.push(state); },
    start() {
      if (!handlers.length || !window.WebSocket) return;
      states.push((ready) => { document.documentElement.dataset.liveReady = String(ready); });
      connect();
    },
  };
})();

// The header's unread count follows new and read notifications.
(() => {
  const link = document.querySelector(".notifications-link");
  const count = link && link.querySelector(".count");
  if (!count) return;
  let unread = Number(count.textContent.trim()) || 0;
  const show = () => {
    count.hidden = unread <= 0;
    count.textContent = " " + unread;
    count.setAttribute("aria-label", (unread === 1 ? link.dataset.unreadOne : link.dataset.unreadOther).replace("{count}", String(unread)));
  };
  Live.on((event) => {
    const data = event.data || {};
    if (event.type === "notification.created") { unread += 1; show(); }
    if (event.type === "notification.read" && data.unread !== undefined) { unread = Number(data.unread); show(); }
  });
})();

// Live updates on channel and thread pages, over /api/v1/live. The page works without them.
(() => {
  const root = document.querySelector("[data-live-channel]");
  if (!root || !window.WebSocket) return;
  const channelID = root.dataset.liveChannel;
  const threadID = root.dataset.liveThread || null;
  const me = root.dataset.me;
  const canWrite = root.dataset.canWrite === "true";
  const en = document.documentElement.lang === "en";
  const csrf = (document.querySelector("input[name=csrf_token]") || {}).value || "";
  const list = () => document.querySelector(threadID ? "ol.messages.replies" : "ol.messages");
  const element = (id) => document.getElementById("m-" + id);

  const zone = root.dataset.timeZone || undefined;
  const locale = root.dataset.locale || (en ? "en-GB" : "nb-NO");
  const admin = root.dataset.admin === "true";
  const template = document.getElementById("message-template");
  const templateID = "00000000-0000-0000-0000-000000000000";
  const timeText = (iso) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(new Date(iso));
  const groupingSeconds = 5 * 60;

  function reactionForm(messageID, emoji, count, mine) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/messages/" + messageID + "/react";
    form.className = "inline";
    form.innerHTML = '<input type="hidden" name="csrf_token"><input type="hidden" name="emoji"><button type="submit" class="reaction"></button>';
    form.querySelector("[name=csrf_token]").value = csrf;
    form.querySelector("[name=emoji]").value = emoji;
    const button = form.querySelector("button");
    button.dataset.emoji = emoji;
    button.textContent = emoji + " " + count;
    button.classList.toggle("mine", mine);
    button.setAttribute("aria-pressed", mine ? "true" : "false");
    return form;
  }

  function setReaction(messageID, emoji, count, mine) {
    const li = element(messageID);
    const box = li && li.querySelector(".reactions");
    if (!box) return;
    const existing = [...box.querySelectorAll("button.reaction")].find((b) => b.dataset.emoji === emoji);
    if (count === 0) { if (existing) existing.form.remove(); }
    else {
      const form = reactionForm(messageID, emoji, count, mine === null && existing ? existing.classList.contains("mine") : !!mine);
      if (existing) existing.form.replaceWith(form); else box.appendChild(form);
    }
    box.hidden = !box.querySelector("button.reaction");
  }

  // A message follows the one before it as a group when the same author wrote it within five minutes.
  function regroup(li) {
    const before = li.previousElementSibling;
    const continued = !!before && before.classList.contains("message") && !before.classList.contains("deleted")
      && before.dataset.author === li.dataset.author && li.dataset.at - before.dataset.at < groupingSeconds;
    li.classList.toggle("continued", continued);
    li.querySelector(".meta .author")?.classList.toggle("visually-hidden", continued);
    const dot = li.querySelector(".meta .author + span");
    if (dot) dot.className = continued ? "visually-hidden" : "dot";
  }

  // The server's own markup for a message, filled in.
  function render(message) {
    const holder = document.createElement("div");
    holder.innerHTML = template.innerHTML.split(templateID).join(message.id);
    const li = holder.querySelector("li.message");
    li.dataset.author = message.author.id;
    li.dataset.at = Math.floor(new Date(message.created_at).getTime() / 1000);
    li.querySelector(".meta .author").textContent = message.author.name;
    const time = li.querySelector(".meta time");
    time.dateTime = message.created_at.replace(/\.\d+Z$/, "Z");
    time.textContent = timeText(message.created_at);
    li.querySelector(".body").innerHTML = message.html; // rendered by the server's safe Markdown renderer
    for (const r of message.reactions || []) setReactionIn(li, message.id, r);
    if (message.author.id !== me) li.querySelectorAll(".own").forEach((n) => n.remove());
    if (message.author.id !== me && !admin) li.querySelectorAll("form[action$='/delete']").forEach((n) => n.remove());
    return li;
  }

  function setReactionIn(li, messageID, r) {
    const box = li.querySelector(".reactions");
    box.appendChild(reactionForm(messageID, r.emoji, r.count, r.people.includes(me)));
    box.hidden = false;
  }

  // Older messages load as the reader scrolls up (the "older" link does the same without script).
  const scroller = document.querySelector(".conversation-scroll");
  let loading = false;
  async function loadOlder() {
    const link = scroller && scroller.querySelector(".older a");
    if (!link || loading) return;
    loading = true;
    try {
      const response = await fetch(link.href, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const items = [...page.querySelectorAll("ol.messages > li.message")].filter((li) => !element(li.dataset.messageId));
      const first = list().firstElementChild;
      for (const li of items) list().insertBefore(document.adoptNode(li), first);
      if (first) regroup(first);
      const older = page.querySelector(".conversation .older");
      if (older) link.closest(".older").replaceWith(document.adoptNode(older)); else link.closest(".older").remove();
    } finally { loading = false; }
  }
  if (scroller && !threadID) {
    scroller.addEventListener("scroll", () => {
      // In a reversed box the top is where scrollTop reaches its most negative.
      if (scroller.scrollHeight - scroller.clientHeight + scroller.scrollTop < 200) loadOlder();
    });
    // The page opens with the conversation's end and the composer in view (unless a link points into it).
    if (!location.hash) document.querySelector("form.composer, .conversation-scroll")?.scrollIntoView({ block: "end" });
    scroller.querySelector(".unread-divider")?.scrollIntoView({ block: "center" });
  }

  function handle(event) {
    const data = event.data || {};
    if (data.channel_id && data.channel_id !== channelID) return;
    switch (event.type) {
      case "message.created": {
        if (element(data.id)) return;
        const here = threadID ? data.thread_id === threadID : !data.thread_id;
        if (here) {
          document.querySelector(".empty")?.remove();
          const li = render(data);
          // A reader at the newest message stays there; one who has scrolled back keeps their place.
          const atNewest = !scroller || scroller.scrollTop > -40;
          list()?.appendChild(li);
          regroup(li);
          if (scroller && atNewest) scroller.scrollTop = 0;
        } else if (!threadID && data.thread_id) {
          const root = element(data.thread_id);
          if (!root) return;
          let link = root.querySelector(".replies a");
          if (!link) {
            // The first reply: the message gets its "n replies" line, as the server shows it.
            root.querySelector(".message-actions a.reply")?.remove();
            const p = document.createElement("p");
            p.className = "replies";
            link = document.createElement("a");
            link.href = "/threads/" + data.thread_id;
            link.dataset.count = "0";
            p.appendChild(link);
            root.insertBefore(p, root.querySelector(".message-actions"));
          }
          const count = (parseInt(link.dataset.count || "0", 10) || 0) + 1;
          link.dataset.count = count;
          link.textContent = plural(count, "replies");
        }
        break;
      }
      case "message.edited":
      case "message.deleted": {
        const li = element(data.id);
        if (!li) return;
        const body = li.querySelector(".body");
        if (event.type === "message.deleted") { li.classList.add("deleted"); if (body) body.textContent = document.body.dataset.messageDeleted; li.querySelector(".reactions")?.remove(); li.querySelector(".message-actions")?.remove(); }
        else if (body) body.innerHTML = data.html;
        break;
      }
      case "reaction.added":
      case "reaction.removed":
        setReaction(data.message_id, data.emoji, data.count, data.person_id === me ? event.type === "reaction.added" : null);
        break;
    }
  }

  // Reactions are toggled in place; the live event then updates every open page, this one too.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.action || !/\/messages\/[^/]+\/react$/.test(new URL(form.action).pathname)) return;
    event.preventDefault();
    // The button pressed names the emoji when the form offers several.
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form, event.submitter)), credentials: "same-origin", redirect: "manual" });
    form.closest("details")?.removeAttribute("open");
    form.querySelector("details[open]")?.removeAttribute("open");
  });

  Live.on(handle);
  Live.onState((ready) => { root.dataset.liveReady = String(ready); });
})();

// Unread and mention counts beside each channel one belongs to follow the stream: a new root message
// from someone else counts one up; the server's own counts (after a read, or a mention) replace them.
(() => {
  const items = new Map([...document.querySelectorAll(".channel-list li[data-channel-id]")].map((li) => [li.dataset.channelId, li]));
  if (!items.size) return;
  const me = document.body.dataset.me;
  const open = document.querySelector("[data-live-channel]")?.dataset.liveChannel;
  const asOf = new Map();  // the event the server's counts for a channel were taken at
  function set(li, kind, n) {
    const span = li.querySelector(".count." + kind);
    if (!span) return;
    span.hidden = n <= 0;
    span.textContent = " " + (kind === "mentions" ? "@" : "") + n;
    span.dataset.value = String(n);
    span.setAttribute("aria-label", (n === 1 ? span.dataset.one : span.dataset.other).replace("{count}", String(n)));
  }
  const value = (li, kind) => Number(li.querySelector(".count." + kind)?.dataset.value) || 0;
  Live.on((event) => {
    const data = event.data || {};
    if (event.type === "unread.changed") {
      const li = items.get(data.channel_id);
      if (!li) return;
      asOf.set(data.channel_id, event.id);
      set(li, "unread", data.channel_id === open ? 0 : data.unread);
      set(li, "mentions", data.channel_id === open ? 0 : data.mentions);
    }
    if (event.type === "message.created" && !data.thread_id && data.author && data.author.id !== me && data.channel_id !== open) {
      const li = items.get(data.channel_id);
      if (li && event.id > (asOf.get(data.channel_id) || 0)) set(li, "unread", value(li, "unread") + 1);
    }
  });
})();

// Suggestions under a text field: a list the arrow keys move through, Enter or Tab picks and Esc
// closes; the field points at the chosen one (aria-activedescendant) and a status line says how many
// there are. `term` finds what is being typed (or null), `load` fetches the matches for it, `parts`
// gives an option's visible text and `insert` what picking it puts in place of the term.
function suggest(field, { label, term, load, parts, insert }) {
  const list = document.createElement("ul");
  list.id = field.id + "-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", label);
  list.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  field.insertAdjacentElement("afterend", status);
  field.insertAdjacentElement("afterend", list);
  field.setAttribute("aria-autocomplete", "list");
  field.setAttribute("aria-controls", list.id);
  let items = [], options = [], chosen = -1, asked = 0, at = null;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    items = []; options = []; chosen = -1; at = null;
    field.removeAttribute("aria-activedescendant");
    status.textContent = "";
  }
  function choose(index) {
    chosen = index;
    options.forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (options[index]) { field.setAttribute("aria-activedescendant", options[index].id); options[index].scrollIntoView({ block: "nearest" }); }
  }
  function pick(index) {
    if (!items[index] || !at) return;
    const end = field.selectionStart;
    const text = insert(items[index]);
    field.value = field.value.slice(0, at.start) + text + field.value.slice(end);
    field.selectionStart = field.selectionEnd = at.start + text.length;
    field.dispatchEvent(new Event("input"));
    close();
    field.focus();
  }
  function show(found) {
    if (!found.length) { close(); return; }
    items = found;
    list.replaceChildren(...found.map((item, i) => {
      const li = document.createElement("li");
      li.id = list.id + "-" + i;
      li.setAttribute("role", "option");
      const [main, extra] = parts(item);
      const name = document.createElement("span");
      name.textContent = main;
      const more = document.createElement("span");
      more.className = "muted";
      more.textContent = " " + extra;
      li.append(name, more);
      li.addEventListener("mousedown", (event) => { event.preventDefault(); pick(i); });
      return li;
    }));
    options = [...list.children];
    list.hidden = false;
    choose(0);
    status.textContent = plural(found.length, "suggestions");
  }
  field.addEventListener("input", async () => {
    const typed = term(field.value.slice(0, field.selectionStart));
    if (!typed) { close(); return; }
    const mine = ++asked;
    const found = await load(typed.text);
    if (mine !== asked || !found) return;
    at = typed;
    show(found);
  });
  field.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); choose((chosen + 1) % options.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); choose((chosen - 1 + options.length) % options.length); }
    else if (event.key === "Enter" || event.key === "Tab") { event.preventDefault(); pick(chosen); }
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  field.addEventListener("blur", () => setTimeout(close, 150));
}

async function fetchItems(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  return response.ok ? (await response.json()).items : null;
}

// Typing "@" in a composer suggests the channel's members. Without script "@handle" is typed whole.
(() => {
  const channelID = document.querySelector("[data-live-channel]")?.dataset.liveChannel;
  const area = document.querySelector("form.composer textarea");
  if (!channelID || !area || !window.fetch) return;
  const words = document.body.dataset;
  suggest(area, {
    label: words.mentionLabel,
    term: (before) => {
      const match = /(^|[^\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{0,30})$/u.exec(before);
      return match ? { text: match[2], start: before.length - match[2].length - 1 } : null;
    },
    load: async (text) => {
      const people = await fetchItems("/api/v1/channels/" + channelID + "/members?limit=8&q=" + encodeURIComponent(text));
      const everyone = ["kanal"].filter((h) => h.startsWith(text.toLowerCase())).map((h) => ({ handle: h, name: words.mentionEveryone }));
      return people && people.filter((p) => p.id !== words.me).concat(everyone);
    },
    parts: (p) => [p.name, "@" + p.handle],
    insert: (p) => "@" + p.handle + " ",
  });
})();

// A person picker too large to list is a field for a name, an address or a handle; script suggests
// people from the directory as one types, and picking one puts their address in (after the last comma
// where the field takes several). Without script the server resolves what was typed.
(() => {
  if (!window.fetch) return;
  document.querySelectorAll("input[data-person-lookup]").forEach((field) => {
    const several = field.hasAttribute("data-multiple");
    suggest(field, {
      label: document.body.dataset.pickerSuggestions,
      term: (before) => {
        const start = several ? before.lastIndexOf(",") + 1 : 0;
        const text = before.slice(start).trim();
        return text.length >= 2 ? { text, start } : null;
      },
      load: (text) => fetchItems("/api/v1/people?limit=8&q=" + encodeURIComponent(text)),
      parts: (p) => [p.name, p.email],
      insert: (p) => (several && field.value.slice(0, field.selectionStart).includes(",") ? " " : "") + p.email + (several ? ", " : ""),
    });
  });
})();

// A person picker is a plain select; with script it gets a field above it that narrows it to the names
// containing what is typed (any case, with or without æøå's marks), keeping what is chosen in it.
(() => {
  const plain = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  document.querySelectorAll("select[data-picker]").forEach((select) => {
    const parts = [...select.children].map((node) => node.tagName === "OPTGROUP" ? { group: node, options: [...node.children] } : { option: node });
    const label = document.querySelector("label[for='" + select.id + "']");
    const field = document.createElement("input");
    field.type = "search";
    field.id = select.id + "-filter";
    field.className = "picker-filter";
    field.placeholder = document.body.dataset.pickerFilter;
    field.setAttribute("aria-label", document.body.dataset.pickerFilter + (label ? ": " + label.textContent.trim() : ""));
    field.setAttribute("aria-controls", select.id);
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    select.insertAdjacentElement("beforebegin", field);
    select.insertAdjacentElement("afterend", status);
    field.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); if (event.key === "ArrowDown") { event.preventDefault(); select.focus(); } });
    field.addEventListener("input", () => {
      const wanted = plain(field.value.trim());
      const keep = (o) => !wanted || o.selected || o.value === "" || plain(o.textContent).includes(wanted);
      let shown = 0;
      select.replaceChildren(...parts.flatMap((part) => {
        if (part.option) { if (!keep(part.option)) return []; if (part.option.value) shown++; return [part.option]; }
        const kept = part.options.filter(keep);
        shown += kept.length;
        part.group.replaceChildren(...kept);
        return kept.length ? [part.group] : [];
      }));
      // One match in a single choice is the choice.
      if (!select.multiple && wanted) {
        const matches = [...select.options].filter((o) => o.value);
        if (matches.length === 1) matches[0].selected = true;
      }
      status.textContent = wanted ? plural(shown, "matches") : "";
    });
  });
})();

// A page in parts (an engagement's) marks in its navigation the part being read.
(() => {
  const nav = document.querySelector(".section-nav");
  if (!nav || !("IntersectionObserver" in window)) return;
  const links = new Map([...nav.querySelectorAll("a[href^='#']")].map((a) => [a.getAttribute("href").slice(1), a]));
  const observer = new IntersectionObserver((entries) => {
    entries.filter((e) => e.isIntersecting).forEach((e) => {
      links.forEach((a, id) => a.setAttribute("aria-current", id === e.target.id ? "true" : "false"));
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  links.forEach((_, id) => { const section = document.getElementById(id); if (section) observer.observe(section); });
})();

// On a phone the main menu folds behind a "Meny" button; without script it is always shown.
(() => {
  const button = document.querySelector(".menu-toggle");
  const nav = document.getElementById("main-nav");
  if (!button || !nav) return;
  document.documentElement.classList.add("js-menu");
  button.hidden = false;
  button.addEventListener("click", () => {
    const open = nav.classList.toggle("open");
    button.setAttribute("aria-expanded", String(open));
  });
})();

// A field with a limit counts down while it is typed in ("120 tegn igjen"), in the words the page carries.
(() => {
  const words = document.body.dataset.charsLeft;
  if (!words) return;
  document.querySelectorAll("[data-limit]").forEach((field) => {
    const limit = Number(field.dataset.limit);
    const left = document.createElement("p");
    left.className = "chars-left";
    left.id = (field.id || field.name) + "-left";
    field.insertAdjacentElement("afterend", left);
    const update = () => {
      left.hidden = field.value.length === 0;
      left.textContent = words.replace("{count}", String(limit - field.value.length));
      const near = limit - field.value.length < Math.max(20, limit / 10);
      left.classList.toggle("near", near);
      // Read out only when the end is near, not at every key.
      left.setAttribute("aria-live", near ? "polite" : "off");
    };
    field.addEventListener("input", update);
    update();
  });
})();

// Last: every part has said what it listens for.
Live.start();

// While a question's title is typed, answered questions like it are shown (without script, after a refused post).
(() => {
  const section = document.querySelector("[data-similar]");
  const title = document.querySelector("form.question-form #title");
  if (!section || !title || !window.fetch) return;
  const list = section.querySelector("ul");
  let timer = null, asked = 0;
  title.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++asked;
      const text = title.value.trim();
      const found = text.length < 3 ? [] : await fetchItems(section.dataset.similar + "?title=" + encodeURIComponent(title.value));
      if (mine !== asked || !found) return;
      list.replaceChildren(...found.map((q) => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = q.url;
        a.textContent = q.title;
        li.append(a);
        return li;
      }));
      section.hidden = found.length === 0;
    }, 250);
  });
})();
