'use strict';
// The live view page: draws the room's frames (binary JPEG messages), lists its events (JSON text)
// and, while this page has control, sends the person's mouse, wheel and keys to the room's page.
// Pointer positions go as fractions (0..1) of the picture; the server maps them to CSS pixels.
(() => {
  const MAX_EVENTS = 200;
  const MOVE_INTERVAL_MS = 30;
  const LINE_PIXELS = 40;

  const $ = (id) => document.getElementById(id);
  const canvas = $('screen');
  const context2d = canvas.getContext('2d');
  const state = {
    room: document.body.dataset.room,
    connected: false,
    closed: null,
    viewerId: null,
    holder: 'agent',
    inControl: false,
    framesShown: 0,
    events: [],
    lastError: null,
  };
  // Read by tests and handy when debugging from the console.
  window.navigatorLive = state;

  // A dropped connection (network, server restart, a slow page cut off) comes back by itself,
  // sooner at first, then every RETRY_MAX_MS; only the room closing ends the page's watch.
  const RETRY_FIRST_MS = 500;
  const RETRY_MAX_MS = 10000;
  const socketUrl = new URL('live/socket', location.href);
  socketUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let socket = null;
  let failures = 0;
  state.reconnects = 0;

  function connect() {
    const current = new WebSocket(socketUrl);
    current.binaryType = 'blob';
    current.addEventListener('open', () => {
      failures = 0;
      state.connected = true;
      state.closed = null;
      render();
    });
    current.addEventListener('close', (event) => {
      state.connected = false;
      state.inControl = false;
      const roomClosed = event.reason === 'room closed';
      state.closed = roomClosed ? event.reason : (event.reason || 'code ' + event.code) + ', reconnecting';
      render();
      if (!roomClosed) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failures);
        failures++;
        setTimeout(() => { state.reconnects++; connect(); }, delay);
      }
    });
    current.addEventListener('message', onSocketMessage);
    socket = current;
    state.socket = current;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  // Frames: decode the newest only; frames that arrive while one decodes replace each other.
  let pendingFrame = null;
  let decoding = false;
  async function drawFrames() {
    decoding = true;
    while (pendingFrame) {
      const blob = pendingFrame;
      pendingFrame = null;
      try {
        const bitmap = await createImageBitmap(blob);
        if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
        }
        context2d.drawImage(bitmap, 0, 0);
        bitmap.close();
        state.framesShown++;
      } catch (error) {
        showError('A frame could not be shown: ' + error);
      }
    }
    decoding = false;
  }

  function render() {
    document.body.classList.toggle('in-control', state.inControl);
    $('take').disabled = !state.connected || state.holder === 'human';
    $('handback').disabled = !state.connected || !state.inControl;
    const holder = $('holder');
    holder.textContent = state.inControl ? 'you are in control' : state.holder === 'human' ? 'a person is in control' : 'agent in control';
    holder.className = 'badge' + (state.holder === 'human' ? ' human' : '');
    const connection = $('connection');
    connection.textContent = state.connected ? 'live' : state.closed ? 'closed: ' + state.closed : 'connecting';
    connection.className = 'badge' + (state.connected ? ' ok' : state.closed ? ' bad' : '');
    $('hint').textContent = state.inControl
      ? 'You are in control: your mouse, wheel and keys go to the page. Press Hand back when done.'
      : 'Watching. Press Take control to use the page with your mouse, wheel and keyboard.';
  }

  function showError(message) {
    state.lastError = message;
    const banner = $('error');
    banner.textContent = message;
    banner.hidden = false;
  }

  function describe(event) {
    switch (event.type) {
      case 'action_completed': return (event.by === 'human' ? 'a person: ' : '') + event.action.action_type + (event.url ? ' on ' + event.url : '');
      case 'action_error': return event.action.action_type + ': ' + (event.error_code ? event.error_code + ': ' : '') + event.error;
      case 'page_navigation': case 'page_load_complete': return event.url;
      case 'navigation_blocked': return event.url + (event.reason ? ' (' + event.reason + ')' : '');
      case 'control_changed': return event.holder + ' (' + event.reason + ')';
      case 'human_help_requested': return event.reason;
      case 'browser_error': return event.error;
      case 'dom_change': return event.summary || event.change_type;
      case 'session_closed': return event.reason;
      default: return event.url || '';
    }
  }

  function logEvent(event) {
    state.events.push(event);
    if (state.events.length > MAX_EVENTS) {
      state.events.shift();
    }
    const item = document.createElement('li');
    const time = new Date((event.timestamp || Date.now() / 1000) * 1000).toLocaleTimeString();
    const type = document.createElement('span');
    type.className = event.type === 'action_error' || event.type === 'browser_error' ? 'type error' : 'type';
    type.textContent = event.type;
    item.append(time + ' ', type, ' ' + describe(event));
    const list = $('events');
    list.prepend(item);
    while (list.children.length > MAX_EVENTS) {
      list.lastElementChild.remove();
    }
  }

  function onMessage(message) {
    switch (message.type) {
      case 'viewer_hello':
        state.viewerId = message.viewer_id;
        state.holder = message.holder;
        break;
      case 'control_granted':
        state.inControl = true;
        $('error').hidden = true;
        canvas.focus();
        break;
      case 'control_released':
        state.inControl = false;
        break;
      case 'viewer_error':
        showError(message.error_code + ': ' + message.message);
        break;
      default:
        if (message.type === 'control_changed') {
          state.holder = message.holder;
          if (message.holder === 'agent') {
            state.inControl = false;
          }
        } else if (message.type === 'human_help_requested') {
          const help = $('help');
          help.textContent = 'The agent asks for help: ' + message.reason;
          help.hidden = false;
        }
        logEvent(message);
    }
    render();
  }

  function onSocketMessage(event) {
    if (typeof event.data === 'string') {
      onMessage(JSON.parse(event.data));
      return;
    }
    pendingFrame = event.data;
    if (!decoding) {
      drawFrames();
    }
  }

  $('take').addEventListener('click', () => send({ type: 'take_control' }));
  $('handback').addEventListener('click', () => send({ type: 'hand_back' }));

  // Input, only while this page has control.
  function modifiers(event) {
    return (event.altKey ? 1 : 0) | (event.ctrlKey ? 2 : 0) | (event.metaKey ? 4 : 0) | (event.shiftKey ? 8 : 0);
  }

  function position(event) {
    const box = canvas.getBoundingClientRect();
    const clamp = (value) => Math.min(1, Math.max(0, value));
    return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
  }

  const BUTTONS = ['left', 'middle', 'right'];
  let lastMove = 0;
  let heldMove = null;
  function flushMove() {
    if (heldMove) {
      send(heldMove);
      heldMove = null;
      lastMove = performance.now();
    }
  }

  canvas.addEventListener('mousemove', (event) => {
    if (!state.inControl) {
      return;
    }
    const at = position(event);
    heldMove = { type: 'pointer', action: 'move', x: at.x, y: at.y, button: 'none', buttons: event.buttons, modifiers: modifiers(event) };
    const wait = MOVE_INTERVAL_MS - (performance.now() - lastMove);
    if (wait <= 0) {
      flushMove();
    } else {
      setTimeout(flushMove, wait);
    }
  });

  for (const [type, action] of [['mousedown', 'down'], ['mouseup', 'up']]) {
    canvas.addEventListener(type, (event) => {
      if (!state.inControl) {
        return;
      }
      event.preventDefault();
      canvas.focus();
      flushMove();
      const at = position(event);
      send({
        type: 'pointer', action, x: at.x, y: at.y, button: BUTTONS[event.button] || 'none',
        buttons: event.buttons, click_count: Math.max(1, event.detail || 1), modifiers: modifiers(event),
      });
    });
  }

  canvas.addEventListener('wheel', (event) => {
    if (!state.inControl) {
      return;
    }
    event.preventDefault();
    const scale = event.deltaMode === 1 ? LINE_PIXELS : event.deltaMode === 2 ? canvas.clientHeight : 1;
    const at = position(event);
    send({ type: 'wheel', x: at.x, y: at.y, delta_x: event.deltaX * scale, delta_y: event.deltaY * scale, modifiers: modifiers(event) });
  }, { passive: false });

  canvas.addEventListener('contextmenu', (event) => {
    if (state.inControl) {
      event.preventDefault();
    }
  });

  for (const [type, action] of [['keydown', 'down'], ['keyup', 'up']]) {
    canvas.addEventListener(type, (event) => {
      if (!state.inControl || event.isComposing) {
        return;
      }
      event.preventDefault();
      send({ type: 'key', action, key: event.key, code: event.code, modifiers: modifiers(event) });
    });
  }

  render();
  connect();
})();
