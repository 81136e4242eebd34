// Calls to the lab's JSON API. Every failure becomes an ApiError carrying the
// server's detail {message, field, position, text, code, params}, so the page can
// show it next to the control the user touched, in the page's language.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail.message || `request failed (${status})`);
    this.status = status;
    this.field = detail.field || null;
    this.position = detail.position ?? null;
    this.text = detail.text ?? null;
    this.code = detail.code || null;
    this.params = detail.params || {};
  }
}

function detailOf(body, status) {
  if (body && typeof body.detail === "object" && body.detail) return body.detail;
  if (body && typeof body.detail === "string") return { message: body.detail };
  return { message: `request failed (${status})` };
}

export async function api(path, body, { signal } = {}) {
  const init = body === undefined
    ? { method: "GET", signal }
    : { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body), signal };
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, { message: "offline" });
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, detailOf(data, response.status));
  return data;
}

// POST a request whose answer is a server-sent event stream; call onEvent(name, data)
// for each event until the stream ends or `signal` aborts it.
export async function stream(path, body, onEvent, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal,
    });
  } catch (err) {
    if (err.name === "AbortError") return;
    throw new ApiError(0, { message: "offline" });
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, detailOf(data, response.status));
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let name = "message";
        const lines = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) lines.push(line.slice(5).trim());
        }
        if (lines.length) onEvent(name, JSON.parse(lines.join("\n")));
      }
    }
  } catch (err) {
    if (err.name !== "AbortError") throw err;
  }
}
