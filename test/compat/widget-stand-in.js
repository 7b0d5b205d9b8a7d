// Stands in for the Rasa Chat Widget script (@rasahq/rasa-chat, not reachable from the tests) on
// a page made from our snippet. Like the widget, it reads the snippet's <div id="rasa-chat-widget">
// (data-websocket-url, data-token), connects with socket.io-client and auth: { token }, asks for
// a session and sends a message: the snippet's data-initial-payload, which the widget sends when
// the chat opens, else a greeting; it shows each step on the page for the browser test to read.
// Plain browser JavaScript, served as is next to socket.io-client's browser build (window.io).
(function () {
  'use strict';
  var host = document.getElementById('rasa-chat-widget');
  var MESSAGE = host.dataset.initialPayload || 'Hello from the browser';
  var url = host.dataset.websocketUrl;
  var token = host.dataset.token;

  var title = document.createElement('h2');
  title.textContent = 'Rasa chat (test stand-in for @rasahq/rasa-chat)';
  var status = document.createElement('p');
  status.id = 'chat-status';
  var transcript = document.createElement('ol');
  transcript.id = 'chat-transcript';
  host.append(title, status, transcript);

  function setState(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }
  function addLine(who, text) {
    var item = document.createElement('li');
    item.className = who;
    item.textContent = who + ': ' + text;
    transcript.append(item);
  }

  setState('connecting', 'connecting to ' + url);
  // The widget's transports are socket.io's defaults (polling, then an upgrade to websocket). It
  // would retry a refused connection; here the first answer is kept, for the test to read.
  var socket = window.io(url, { auth: { token: token }, reconnection: false });
  var sessionId = crypto.randomUUID().replaceAll('-', '');

  socket.on('connect', function () {
    setState('connected', 'connected, asking for a session');
    socket.emit('session_request', { session_id: sessionId });
  });
  socket.on('session_confirm', function (confirmed) {
    setState('session-confirmed', 'session confirmed: ' + confirmed);
    addLine('you', MESSAGE);
    socket.emit('user_uttered', { message: MESSAGE, session_id: sessionId });
  });
  socket.on('bot_uttered', function (reply) {
    addLine('bot', reply.text);
    setState('replied', 'session ' + sessionId + ': the bot replied');
  });
  socket.on('connect_error', function (error) {
    setState('refused', 'not connected: ' + error.message);
  });
})();
