import { RESEARCH_PANEL_HTML } from '../research/research-panel.html';

/**
 * The chat page served at `GET /`: plain HTML and a few lines of browser JavaScript, no build
 * step. It lists the agent's tools (`GET /agent/tools`, the MCP ones marked), asks
 * `GET /agent/stream` over Server-Sent Events (EventSource) and shows the answer token by token,
 * each tool call as it starts and finishes, and the cost of each answer. With a PDF or text file
 * attached, the question and the file go to `POST /chat/file` (multipart) instead, and the answer
 * comes back whole. Below the chat, the background research agent (sample/research).
 */
export const CHAT_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nestjs-conduit sample</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.3rem; margin-bottom: .2rem; }
  #model, #tools { color: #5b6475; font-size: .85rem; margin-top: 0; }
  form { display: flex; gap: .5rem; margin: 1rem 0; }
  #attachment { flex: 0 1 13rem; font-size: .8rem; }
  input { flex: 1; padding: .55rem .7rem; border: 1px solid #c5cad6; border-radius: 6px; font: inherit; }
  button { padding: .55rem 1rem; border: 0; border-radius: 6px; background: #e0234e; color: #fff; font: inherit; cursor: pointer; }
  button:disabled { opacity: .5; cursor: default; }
  .turn { border-top: 1px solid #e6e8ee; padding: .8rem 0; }
  .question { font-weight: 600; }
  .tools { list-style: none; padding: 0; margin: .4rem 0; }
  .tool { font: 13px/1.4 ui-monospace, monospace; background: #f3f5f9; border-left: 3px solid #6b7cff; padding: .3rem .5rem; margin: .25rem 0; }
  .tool.failed { border-left-color: #e0234e; }
  .answer { white-space: pre-wrap; }
  .cost { color: #5b6475; font-size: .8rem; }
  .error { color: #b3123a; }
  .file { color: #5b6475; font-size: .8rem; }
</style>
</head>
<body>
<h1>nestjs-conduit sample</h1>
<p id="model" data-testid="model">&nbsp;</p>
<p id="tools" data-testid="tools">&nbsp;</p>
<p>Ask about the weather (<em>What is the weather in Paris?</em>), a sum (<em>What is 1234 * 5678?</em>),
an order (<em>Where is order 42?</em>) or a conversion (<em>Convert 10 km to miles</em>, answered by a
second MCP server over stdio): the agent calls a tool, then answers. Or attach a PDF (or a text
file) and ask about it.</p>
<form id="ask">
  <input id="question" data-testid="question" autocomplete="off" placeholder="Ask something" required>
  <input id="attachment" data-testid="attachment" type="file" accept=".pdf,application/pdf,.txt,text/plain" title="Attach a PDF or a text file">
  <button id="send" data-testid="send">Send</button>
</form>
<div id="turns"></div>
<script>
  const form = document.getElementById('ask');
  const input = document.getElementById('question');
  const send = document.getElementById('send');
  const turns = document.getElementById('turns');
  const attachment = document.getElementById('attachment');
  fetch('/info').then((res) => res.json()).then((info) => {
    document.getElementById('model').textContent = info.description;
  });
  fetch('/agent/tools').then((res) => res.json()).then((tools) => {
    document.getElementById('tools').textContent = 'Agent tools: ' + tools
      .map((tool) => tool.origin === 'mcp' ? tool.name + ' (MCP server over stdio)' : tool.name)
      .join(', ');
  });

  function add(parent, tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  // A question about a file: one multipart POST, the answer (or the refusal) comes back whole.
  function askAboutFile(turn, question, file) {
    add(turn, 'div', 'file', '\u{1f4ce} ' + file.name);
    const answer = add(turn, 'div', 'answer');
    answer.dataset.testid = 'answer';
    const body = new FormData();
    body.append('message', question);
    body.append('file', file);
    fetch('/chat/file', { method: 'POST', body })
      .then((res) => res.json().then((json) => ({ ok: res.ok, json })))
      .then(({ ok, json }) => {
        if (ok) answer.textContent = json.text;
        else add(turn, 'div', 'error', [].concat(json.message).join(' ')).dataset.testid = 'error';
      })
      .catch(() => { add(turn, 'div', 'error', 'The connection to the server failed.').dataset.testid = 'error'; })
      .finally(() => { send.disabled = false; turn.dataset.done = 'true'; });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    input.value = '';
    send.disabled = true;
    const turn = add(turns, 'div', 'turn');
    turn.dataset.testid = 'turn';
    add(turn, 'div', 'question', question);
    const file = attachment.files[0];
    if (file) {
      attachment.value = '';
      askAboutFile(turn, question, file);
      return;
    }
    const tools = add(turn, 'ul', 'tools');
    const answer = add(turn, 'div', 'answer');
    answer.dataset.testid = 'answer';
    const cost = add(turn, 'div', 'cost');
    const calls = new Map();
    const source = new EventSource('/agent/stream?message=' + encodeURIComponent(question));
    const done = () => { source.close(); send.disabled = false; turn.dataset.done = 'true'; };
    const data = (e) => JSON.parse(e.data);

    source.addEventListener('text-delta', (e) => { answer.textContent += data(e).delta; });
    source.addEventListener('tool-call-start', (e) => {
      const call = data(e);
      const item = add(tools, 'li', 'tool', '\\u2192 ' + call.name + '(' + JSON.stringify(call.arguments) + ')');
      item.dataset.testid = 'tool-call';
      calls.set(call.id, item);
    });
    source.addEventListener('tool-call-finish', (e) => {
      const call = data(e);
      const item = calls.get(call.id);
      item.textContent += ' \\u21d2 ' + call.result;
      if (call.isError) item.classList.add('failed');
    });
    source.addEventListener('finish', (e) => {
      const end = data(e);
      // A model that answers without streaming deltas still shows its text.
      if (!answer.textContent) answer.textContent = end.text;
      cost.textContent = end.model + ' \\u00b7 ' + end.usage.inputTokens + ' in / ' +
        end.usage.outputTokens + ' out tokens \\u00b7 $' + end.costUsd.toFixed(6);
      cost.dataset.testid = 'cost';
      done();
    });
    // Both an error frame from the server (with data) and a broken connection (without).
    source.addEventListener('error', (e) => {
      const message = e.data ? data(e).error.message : 'The connection to the server failed.';
      add(turn, 'div', 'error', message).dataset.testid = 'error';
      done();
    });
  });
</script>
${RESEARCH_PANEL_HTML}
</body>
</html>
`;
