// actlab.widgets.Lab: the lab's page, unchanged, inside an iframe of the notebook's output.
//
// The page's modules (model `_page`, see _page.py) become blob: URLs, dependencies first,
// each with its relative imports pointing at its dependencies' blob URLs. The iframe's
// `fetch` is the only thing replaced: the page's requests to /api/... go to the kernel as
// widget messages {kind: "api", id, method, path, body} and come back as {id, status, body},
// so the page's own api.js turns them into data or ApiErrors as it does over HTTP. The
// training stream is a session the kernel runs in chunks: {kind: "stream"} opens it, each
// {kind: "poll"} returns the next server-sent events as text, {kind: "close"} ends it.
// State: the page writes its state into its URL fragment (history.replaceState); the
// widget copies the page's state object into the model's `state` at that moment, and
// reloads the page from `state` when Python sets a different one.

const STREAM_PATH = "/api/train/stream";

function contentType(path) {
  if (path.endsWith(".json")) return "application/json";
  if (path.endsWith(".css")) return "text/css";
  if (path.endsWith(".svg")) return "image/svg+xml";
  return "text/plain";
}

function render({ model, el }) {
  const page = model.get("_page");
  const tag = Math.random().toString(36).slice(2);
  const pending = new Map();
  let seq = 0;
  let win = null; // the iframe's window, once the page started
  let lastSent = null; // the state this view last sent to the kernel (JSON)

  let frame = null;
  el.classList.add("actlab-lab-widget");

  function onMessage(msg) {
    if (!msg || typeof msg.id !== "string" || !pending.has(msg.id)) return;
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    resolve(msg);
  }
  model.on("msg:custom", onMessage);

  function ask(content) {
    return new Promise((resolve) => {
      const id = `${tag}-${++seq}`;
      pending.set(id, resolve);
      model.send({ ...content, id });
    });
  }

  // ------------------------------------------------------------------ fetch
  function makeFetch(w) {
    const abortError = () => new w.DOMException("The operation was aborted.", "AbortError");
    const answer = (body, status, type = "application/json") =>
      new w.Response(body, { status, headers: { "Content-Type": type } });

    async function stream(body, signal) {
      const opened = await ask({ kind: "stream", path: STREAM_PATH, body });
      if (opened.status !== 200) return answer(opened.body, opened.status);
      const sid = JSON.parse(opened.body).stream;
      const encoder = new w.TextEncoder();
      let closed = false;
      let control = null;
      const close = () => {
        if (closed) return;
        closed = true;
        model.send({ kind: "close", stream: sid });
      };
      if (signal) {
        signal.addEventListener("abort", () => {
          if (closed) return;
          close();
          control.error(abortError());
        }, { once: true });
      }
      const events = new w.ReadableStream({
        start(c) { control = c; },
        async pull(c) {
          if (closed) return;
          const res = await ask({ kind: "poll", stream: sid });
          if (closed) return;
          if (res.body) c.enqueue(encoder.encode(res.body));
          if (res.done) { closed = true; c.close(); return; }
          if (res.wait > 0) await new Promise((r) => setTimeout(r, res.wait * 1000));
        },
        cancel() { close(); },
      });
      return new w.Response(events, { status: 200, headers: { "Content-Type": "text/event-stream" } });
    }

    return async function fetch(input, init = {}) {
      const url = typeof input === "string" ? input : input.url;
      const path = url.replace(/^https?:\/\/[^/]+/, "").split("#")[0];
      const method = (init.method || "GET").toUpperCase();
      if (init.signal?.aborted) throw abortError();
      if (page.assets[path] !== undefined && method === "GET") {
        return answer(page.assets[path], 200, contentType(path));
      }
      if (path === STREAM_PATH && method === "POST") return stream(init.body ?? null, init.signal);
      if (path.startsWith("/api/")) {
        const res = await ask({ kind: "api", method, path, body: init.body ?? null });
        if (init.signal?.aborted) throw abortError();
        return answer(res.body, res.status);
      }
      const detail = { message: `${path} is not part of the lab in a notebook`, field: null };
      return answer(JSON.stringify({ detail }), 404);
    };
  }

  // ------------------------------------------------------------------ state
  function sendState() {
    const lab = win && win.actlab;
    if (!lab || !lab.state) return;
    const text = JSON.stringify(lab.state);
    if (text === lastSent) return;
    lastSent = text;
    model.set("state", JSON.parse(text));
    model.save_changes();
  }

  function sameAsPage(state) {
    if (!win || !win.actlab || !win.__actlabEncode) return false;
    return win.__actlabEncode(state) === win.__actlabEncode(win.actlab.state);
  }

  function onState() {
    const state = model.get("state");
    if (JSON.stringify(state) === lastSent || sameAsPage(state)) return;
    load(); // the page starts again from the new state, as when a link is opened
  }
  model.on("change:state", onState);

  // ------------------------------------------------------------------- boot
  function blobUrl(w, source) {
    return w.URL.createObjectURL(new w.Blob([source], { type: "text/javascript" }));
  }

  function start(frame) {
    const w = frame.contentWindow;
    win = w;
    lastSent = null;
    w.fetch = makeFetch(w);
    // The page writes "#…"; in an about:srcdoc document a relative URL resolves against the
    // notebook's address, which the iframe may not take: keep it on this document.
    const replace = w.history.replaceState.bind(w.history);
    w.history.replaceState = (data, unused, url) => {
      const here = typeof url === "string" && url.startsWith("#") ? w.location.href.split("#")[0] + url : url;
      replace(data, unused, here);
      w.queueMicrotask(sendState);
    };
    const pattern = new RegExp(page.pattern, "g");
    const urls = {};
    for (const name of page.order) {
      const { source, imports } = page.modules[name];
      const code = source.replace(pattern, (m, head, quote, spec) => `${head}${quote}${urls[imports[spec]]}${quote}`);
      urls[name] = blobUrl(w, code);
    }
    w.__actlabInitial = model.get("state");
    const boot = `import { encode } from "${urls["/static/js/state.js"]}";
const meta = await (await fetch("/api/settings")).json();
window.__actlabEncode = (state) => encode(state, meta.settings);
history.replaceState(null, "", "#" + window.__actlabEncode(window.__actlabInitial));
await import("${urls[page.entry]}");
`;
    const script = w.document.createElement("script");
    script.type = "module";
    script.src = blobUrl(w, boot);
    w.document.head.append(script);
    const body = w.document.body;
    const fit = () => { frame.style.height = `${Math.ceil(body.getBoundingClientRect().height) + 4}px`; };
    new w.ResizeObserver(fit).observe(body);
    fit();
  }

  // A new iframe each time: the page starts from `state`, as when a link is opened.
  function load() {
    win = null;
    const next = document.createElement("iframe");
    next.className = "actlab-lab";
    next.title = "actlab lab";
    next.allow = "clipboard-write";
    if (frame) next.style.height = frame.style.height;
    next.addEventListener("load", () => start(next), { once: true });
    next.srcdoc = page.html;
    if (frame) frame.replaceWith(next);
    else el.append(next);
    frame = next;
  }
  load();

  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:state", onState);
    pending.clear();
  };
}

export default { render };
