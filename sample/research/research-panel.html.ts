/**
 * The background research panel of the chat page: starts a run (`POST /research`), follows its
 * events over SSE (`GET /research/:id/events`), shows a pending `publish_report` call with
 * Approve / Reject buttons (`POST /research/:id/approvals`) and a Cancel button. The run id is
 * kept in localStorage: after a reload the panel reads the run again from its first event (the
 * log replays it); when the connection drops, EventSource reconnects by itself and sends
 * `Last-Event-ID`, so the server sends only the events after it.
 */
export const RESEARCH_PANEL_HTML = `
<h2 style="font-size:1.1rem;margin-top:2rem">Research in the background</h2>
<p>A research agent runs on the server (on BullMQ workers when <code>REDIS_URL</code> is set) and
asks before it publishes. Close or reload the page: the run goes on, and the page finds it again.</p>
<form id="research">
  <input id="topic" data-testid="research-topic" autocomplete="off" placeholder="A topic, e.g. EV batteries" required>
  <button id="research-start" data-testid="research-start">Research</button>
</form>
<div id="research-run" data-testid="research-run"></div>
<script>
  (() => {
    const form = document.getElementById('research');
    const topic = document.getElementById('topic');
    const panel = document.getElementById('research-run');
    const KEY = 'conduit-sample-research-run';
    let source;

    function line(text, className) {
      const node = document.createElement('div');
      node.className = className || 'tool';
      node.textContent = text;
      panel.appendChild(node);
      return node;
    }

    function post(path, body) {
      return fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body || {}),
      }).then((res) => res.json().then((json) => {
        if (!res.ok) throw new Error([].concat(json.message).join(' '));
        return json;
      }));
    }

    function showApproval(runId, pending) {
      const box = line('Approve ' + pending.toolName + '(' + JSON.stringify(pending.arguments) + ')?');
      box.dataset.testid = 'research-approval';
      for (const [label, approved] of [['Approve', true], ['Reject', false]]) {
        const button = document.createElement('button');
        button.textContent = label;
        button.dataset.testid = 'research-' + label.toLowerCase();
        button.style.marginLeft = '.5rem';
        button.addEventListener('click', () => {
          box.querySelectorAll('button').forEach((b) => { b.disabled = true; });
          post('/research/' + runId + '/approvals', { approvals: { [pending.toolCallId]: approved } })
            .catch((error) => line(error.message, 'error'));
        });
        box.appendChild(button);
      }
    }

    function follow(runId) {
      if (source) source.close();
      panel.textContent = '';
      line('Run ' + runId, 'cost');
      const cancel = document.createElement('button');
      cancel.textContent = 'Cancel';
      cancel.dataset.testid = 'research-cancel';
      cancel.addEventListener('click', () => post('/research/' + runId + '/cancel').catch(() => undefined));
      panel.appendChild(cancel);
      source = new EventSource('/research/' + encodeURIComponent(runId) + '/events');
      const data = (e) => JSON.parse(e.data);
      source.addEventListener('tool-call-start', (e) => {
        const call = data(e).toolCall;
        line('\\u2192 ' + call.name + '(' + JSON.stringify(call.arguments) + ')');
      });
      source.addEventListener('tool-call-finish', (e) => {
        const event = data(e);
        line('\\u21d2 ' + event.result.content, event.result.isError ? 'tool failed' : 'tool');
      });
      source.addEventListener('run-status', (e) => {
        const status = data(e);
        const shown = line('Status: ' + status.status + ' \\u00b7 ' + status.usage.totalTokens + ' tokens', 'cost');
        shown.dataset.testid = 'research-status';
        if (status.status === 'awaiting-approval') status.pendingApprovals.forEach((p) => showApproval(runId, p));
        if (status.text) line(status.text, 'answer').dataset.testid = 'research-answer';
        if (status.error) line(status.error.message, 'error');
        if (['completed', 'failed', 'cancelled'].includes(status.status)) {
          source.close();
          cancel.disabled = true;
        }
      });
      source.addEventListener('error', (e) => {
        // A frame from the server (an unknown run) ends it; a cut connection is retried by EventSource.
        if (e.data) {
          line(data(e).error.message, 'error');
          source.close();
          localStorage.removeItem(KEY);
        }
      });
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = topic.value.trim();
      if (!value) return;
      topic.value = '';
      post('/research', { topic: value })
        .then(({ runId }) => { localStorage.setItem(KEY, runId); follow(runId); })
        .catch((error) => line(error.message, 'error'));
    });

    const saved = localStorage.getItem(KEY);
    if (saved) follow(saved);
  })();
</script>
`;
