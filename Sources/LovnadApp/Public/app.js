// Progressive enhancement only: every page works without this file.
// Buttons marked "danger" ask before they act.
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  if (button && button.classList.contains("danger")) {
    const question = document.documentElement.lang === "en" ? "Are you sure?" : "Er du sikker?";
    if (!window.confirm(question)) event.preventDefault();
  }
});

// Drafts survive a reload: each composer keeps its text in localStorage until it is sent.
document.querySelectorAll("textarea[data-draft]").forEach((area) => {
  const key = "lovnad-draft-" + area.dataset.draft;
  if (!area.value) area.value = localStorage.getItem(key) || "";
  area.addEventListener("input", () => localStorage.setItem(key, area.value));
  area.form.addEventListener("submit", () => localStorage.removeItem(key));
});

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
  let lastEventID = null;
  let retry = 1000;

  const list = () => document.querySelector(threadID ? "ol.messages.replies" : "ol.messages");
  const element = (id) => document.getElementById("m-" + id);

  function reactionForm(messageID, emoji, count, mine, quick) {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/messages/" + messageID + "/react";
    form.className = quick ? "inline quick" : "inline";
    form.innerHTML = '<input type="hidden" name="csrf_token"><input type="hidden" name="emoji"><button type="submit" class="reaction"></button>';
    form.querySelector("[name=csrf_token]").value = csrf;
    form.querySelector("[name=emoji]").value = emoji;
    const button = form.querySelector("button");
    button.dataset.emoji = emoji;
    if (quick) {
      button.classList.add("add");
      button.textContent = emoji;
      button.setAttribute("aria-label", (en ? "React with " : "Reager med ") + emoji);
      return form;
    }
    button.textContent = emoji + " " + count;
    button.classList.toggle("mine", mine);
    button.setAttribute("aria-pressed", mine ? "true" : "false");
    return form;
  }

  function setReaction(messageID, emoji, count, mine) {
    const li = element(messageID);
    if (!li) return;
    let box = li.querySelector(".reactions");
    if (!box) { box = document.createElement("div"); box.className = "reactions"; li.appendChild(box); }
    const existing = [...box.querySelectorAll("form:not(.quick) button.reaction")].find((b) => b.dataset.emoji === emoji);
    const quick = [...box.querySelectorAll("form.quick button")].find((b) => b.dataset.emoji === emoji);
    if (count === 0) { if (existing) existing.form.remove(); return; }
    const form = reactionForm(messageID, emoji, count, mine === null && existing ? existing.classList.contains("mine") : !!mine);
    if (existing) existing.form.replaceWith(form);
    else if (quick) quick.form.replaceWith(form);
    else box.insertBefore(form, box.querySelector("form.quick"));
  }

  function render(message) {
    const li = document.createElement("li");
    li.id = "m-" + message.id;
    li.className = "message";
    li.dataset.messageId = message.id;
    const meta = document.createElement("p");
    meta.className = "meta";
    const author = document.createElement("strong");
    author.textContent = message.author.name;
    const time = document.createElement("time");
    time.dateTime = message.created_at;
    time.textContent = new Date(message.created_at).toLocaleString(en ? "en-GB" : "nb-NO");
    meta.append(author, " · ", time);
    const body = document.createElement("div");
    body.className = "body";
    body.innerHTML = message.html; // rendered by the server's safe Markdown renderer
    li.append(meta, body);
    const box = document.createElement("div");
    box.className = "reactions";
    li.appendChild(box);
    for (const r of message.reactions || []) box.appendChild(reactionForm(message.id, r.emoji, r.count, r.people.includes(me)));
    if (canWrite) {
      for (const emoji of ["👍", "❤️"]) {
        if (!(message.reactions || []).some((r) => r.emoji === emoji)) box.appendChild(reactionForm(message.id, emoji, 0, false, true));
      }
    }
    if (!message.thread_id) {
      const replies = document.createElement("p");
      replies.className = "replies";
      const link = document.createElement("a");
      link.href = "/threads/" + message.id;
      link.textContent = en ? "Reply" : "Svar";
      replies.appendChild(link);
      li.appendChild(replies);
    }
    return li;
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
          list()?.appendChild(render(data));
        } else if (!threadID && data.thread_id) {
          const link = element(data.thread_id)?.querySelector(".replies a");
          if (link) {
            const count = (parseInt(link.dataset.count || "0", 10) || 0) + 1;
            link.dataset.count = count;
            link.textContent = count + (en ? " replies" : " svar");
          }
        }
        break;
      }
      case "message.edited":
      case "message.deleted": {
        const li = element(data.id);
        if (!li) return;
        const body = li.querySelector(".body");
        if (event.type === "message.deleted") { li.classList.add("deleted"); if (body) body.textContent = en ? "This message was deleted." : "Meldingen er slettet."; li.querySelector(".reactions")?.remove(); }
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
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", redirect: "manual" });
  });

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const since = lastEventID === null ? "" : "?since=" + lastEventID;
    const socket = new WebSocket(scheme + location.host + "/api/v1/live" + since);
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") { lastEventID = frame.last_event_id; retry = 1000; root.dataset.liveReady = "true"; return; }
      if (frame.type === "resync") { location.reload(); return; }
      if (typeof frame.id !== "number") return;
      lastEventID = Math.max(lastEventID || 0, frame.id);
      handle(frame);
    };
    socket.onclose = () => {
      root.dataset.liveReady = "false";
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    };
  }
  connect();
})();
