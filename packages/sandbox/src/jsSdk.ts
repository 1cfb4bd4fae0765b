// The sandbox's stand-in for Flitt's browser SDK (@flittpayments/js-sdk, UMD global $checkout),
// its wallet button only: $checkout.get('PaymentButton', params) and $checkout('PaymentButton',
// params) (one instance per name, as the SDK's Component does), .on/.off/.update/.destroy, events
// success / error (and the sandbox's own show). Listeners get the payload alone, as the SDK's Event
// calls them. Instead of Apple's and Google's sheets it opens a modal of its own that settles the
// order through the sandbox. Plain ES2017 in a string, because it is served to pages as it is.

/** The js-sdk stand-in with the sandbox origin baked in (its own `<script src>` wins when it has one). */
export function jsSdk(baseUrl: string): string {
  return `/* flitt-checkout sandbox: @flittpayments/js-sdk PaymentButton (test mode) */
(function () {
  'use strict';
  var script = document.currentScript;
  var BASE = script && script.src ? new URL(script.src).origin : ${JSON.stringify(baseUrl)};
  var NAMES = { apple: 'Apple Pay', google: 'Google Pay' };
  var LABELS = { apple: 'Apple Pay', google: 'Google Pay' };

  function isFunction(fn) { return typeof fn === 'function'; }

  // The SDK's Deferred, as far as before/after use it: resolve/reject once, done/fail/always/then.
  function Deferred() {
    var state = 'pending';
    var args = [];
    var lists = { resolved: [], rejected: [] };
    function settle(to, values) {
      if (state !== 'pending') return defer;
      state = to;
      args = values;
      lists[to].splice(0).forEach(function (fn) { fn.apply(defer, args); });
      lists = { resolved: [], rejected: [] };
      return defer;
    }
    function add(on, fn) {
      if (!isFunction(fn)) return defer;
      if (state === on) fn.apply(defer, args); else if (state === 'pending') lists[on].push(fn);
      return defer;
    }
    var defer = {
      resolve: function () { return settle('resolved', [].slice.call(arguments)); },
      reject: function () { return settle('rejected', [].slice.call(arguments)); },
      done: function (fn) { return add('resolved', fn); },
      fail: function (fn) { return add('rejected', fn); },
      always: function (fn) { return add('resolved', fn).fail(fn); },
      then: function (ok, ko) { return add('resolved', ok).fail(ko); },
      state: function () { return state; },
      isPending: function () { return state === 'pending'; },
      isResolved: function () { return state === 'resolved'; },
      isRejected: function () { return state === 'rejected'; },
    };
    return defer;
  }

  // What the SDK's Response model offers a handler: attr(path), alt(path, fallback), serialize().
  function Model(data) { this.data = data || {}; }
  Model.prototype.attr = function (path) {
    return String(path || '').split('.').reduce(function (v, k) { return v == null ? undefined : v[k]; }, this.data);
  };
  Model.prototype.alt = function (path, fallback) { var v = this.attr(path); return v === undefined ? fallback : v; };
  Model.prototype.serialize = function () { return this.data; };

  function errorModel(code, message, order) {
    var data = { error: { code: code, message: message } };
    if (order) data.order = { order_data: order };
    return new Model(data);
  }

  function post(path, body) {
    return fetch(BASE + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { throw { code: 1002, message: 'HTTP ' + r.status + ' from the sandbox' }; });
    }, function (e) {
      throw { code: 1002, message: (e && e.message) || 'network error' };
    }).then(function (json) {
      if (json && json.error) throw json;
      return json;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Which wallets this browser can pay with: the page's simulation, else what the browser says.
  function browserSupports() {
    var simulated = window.__flittSandboxWallets;
    if (simulated && typeof simulated === 'object') return { apple: simulated.apple === true, google: simulated.google === true };
    var apple = false;
    try {
      var session = window.ApplePaySession;
      apple = Boolean(session && isFunction(session.canMakePayments) && session.canMakePayments());
    } catch (e) { apple = false; }
    return { apple: apple, google: true };
  }

  function formatAmount(amount, currency, lang) {
    // The narrow symbol, and ₾ for GEL where Intl's data has another (Russian's is ლ, the old sign).
    try {
      return new Intl.NumberFormat(lang || 'en', { style: 'currency', currency: currency, currencyDisplay: 'narrowSymbol' })
        .formatToParts(amount / 100)
        .map(function (part) { return part.type === 'currency' && currency === 'GEL' ? '\\u20be' : part.value; })
        .join('');
    }
    catch (e) { return (amount / 100).toFixed(2) + ' ' + currency; }
  }

  function extend(target) {
    [].slice.call(arguments, 1).forEach(function (source) {
      Object.keys(source || {}).forEach(function (k) { target[k] = source[k]; });
    });
    return target;
  }

  function PaymentButton(input) {
    input = input || {};
    var self = this;
    var events = {};
    var buttons = {};
    var destroyed = false;
    var pending = false;
    var sheet = null;
    var order = null;
    var params = {
      methods: Array.isArray(input.methods) ? input.methods : ['apple', 'google'],
      style: extend({ height: 38, mode: 'default', type: 'long', color: 'black' }, input.style),
      data: extend({ lang: 'en' }, input.data),
      before: isFunction(input.before) ? input.before : function (defer) { defer.resolve(); },
      after: isFunction(input.after) ? input.after : function (defer, data) { defer.resolve(data); },
    };
    var container = typeof input.element === 'string' ? document.querySelector(input.element) : input.element;
    if (container && container.style) { container.style.display = 'flex'; container.style.flexDirection = 'column'; container.style.gap = '1rem'; }

    this.params = params;
    this.on = function (type, fn) { (events[type] = events[type] || []).push(fn); return self; };
    this.off = function (type, fn) {
      if (!type) events = {};
      else events[type] = fn ? (events[type] || []).filter(function (f) { return f !== fn; }) : [];
      return self;
    };
    // As the SDK's Event: each listener gets the payload alone, with itself as this.
    this.trigger = function (type, payload) {
      if (destroyed) return self;
      (events[type] || []).slice().forEach(function (fn) { try { fn.call(fn, payload); } catch (e) { console.error(e); } });
      return self;
    };

    // The order's wallets from the sandbox (Flitt's api.checkout.pay 'methods'); buttons follow.
    this.update = function (data) {
      extend(params.data, data || {});
      var defer = Deferred();
      if (pending) return defer;
      var d = params.data;
      if (!d.token) {
        if (d.merchant_id && d.amount && d.currency) {
          Promise.resolve().then(function () { self.trigger('error', errorModel(1011, 'The sandbox needs data.token from /api/checkout/token (orders created in the browser cannot be trusted).')); });
        }
        return defer;
      }
      pending = true;
      post('/sandbox/wallet/methods', { token: d.token, merchant_id: d.merchant_id, lang: d.lang }).then(function (answer) {
        pending = false;
        if (destroyed) return;
        order = answer;
        render(answer.allowed || []);
        defer.resolve(new Model(answer));
      }, function (failure) {
        pending = false;
        if (destroyed) return;
        var model = errorModel(failure.error ? failure.error.code : failure.code, failure.error ? failure.error.message : failure.message, failure.order);
        self.trigger('error', model);
        defer.reject(model);
      });
      return defer;
    };

    // Flitt's Module.destroy only drops the listeners; this one also takes its buttons and any
    // open sheet off the page, so an unmounted component leaves nothing behind.
    this.destroy = function () {
      destroyed = true;
      events = {};
      closeSheet(false);
      Object.keys(buttons).forEach(function (m) { if (buttons[m].parentNode) buttons[m].parentNode.removeChild(buttons[m]); });
      buttons = {};
      return self;
    };

    function render(allowed) {
      if (!container || typeof container.appendChild !== 'function') { console.error('[$checkout] PaymentButton: element not found:', input.element); return; }
      var supports = browserSupports();
      params.methods.forEach(function (method) {
        if (!NAMES[method] || buttons[method] || !supports[method] || allowed.indexOf(method) === -1) return;
        var white = params.style.color === 'white';
        var button = el('button', {
          type: 'button',
          class: 'flitt-sandbox-wallet-button',
          'data-method': method,
          'aria-label': NAMES[method],
          style: 'display:block;width:100%;height:' + Number(params.style.height || 38) + 'px;border-radius:6px;font:600 16px system-ui,sans-serif;cursor:pointer;' +
            (white ? 'background:#fff;color:#000;border:1px solid #000' : 'background:#000;color:#fff;border:0'),
        }, LABELS[method]);
        button.addEventListener('click', function () { click(method, button); });
        buttons[method] = button;
        container.appendChild(button);
        self.trigger('show', { method: method });
      });
    }

    function click(method, button) {
      if (pending || sheet || destroyed) return;
      pending = true;
      var defer = Deferred();
      defer.done(function () { if (!destroyed) openSheet(method, button); else pending = false; });
      defer.fail(function () { pending = false; });
      params.before(defer);
    }

    function openSheet(method, opener) {
      var id = 'flitt-wallet-' + Math.random().toString(36).slice(2, 8);
      var backdrop = el('div', { class: 'flitt-sandbox-wallet-backdrop', style: 'position:fixed;inset:0;background:#0008;display:flex;align-items:flex-end;justify-content:center;z-index:2147483647' });
      var dialog = el('div', {
        class: 'flitt-sandbox-wallet-sheet',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': id + '-title',
        'aria-describedby': id + '-body',
        style: 'background:#fff;color:#1d2433;font:16px system-ui,sans-serif;width:min(420px,100vw);padding:20px;border-radius:14px 14px 0 0;box-sizing:border-box',
      });
      backdrop.appendChild(dialog);
      sheet = { method: method, opener: opener, backdrop: backdrop, dialog: dialog, step: 'wallet', id: id };
      dialog.addEventListener('keydown', onKey);
      document.body.appendChild(backdrop);
      showWalletStep();
    }

    function fill(title, lines, actions) {
      var dialog = sheet.dialog;
      while (dialog.firstChild) dialog.removeChild(dialog.firstChild);
      dialog.appendChild(el('h2', { id: sheet.id + '-title', style: 'margin:0 0 8px;font-size:1.1rem' }, title));
      var body = el('div', { id: sheet.id + '-body' });
      lines.forEach(function (line) { body.appendChild(el('p', { style: 'margin:4px 0' }, line)); });
      dialog.appendChild(body);
      var first = null;
      actions.forEach(function (action) {
        var b = el('button', { type: 'button', style: 'display:block;width:100%;margin-top:10px;padding:10px;border-radius:8px;font:inherit;cursor:pointer' }, action[0]);
        b.addEventListener('click', action[1]);
        dialog.appendChild(b);
        if (!first) first = b;
      });
      if (first) first.focus();
    }

    function showWalletStep() {
      var d = params.data;
      var amount = order ? formatAmount(order.amount, order.currency, d.lang) : '';
      sheet.step = 'wallet';
      fill(NAMES[sheet.method] + ' (sandbox)', [
        order && order.merchant ? order.merchant : '',
        order && order.order_desc ? order.order_desc : '',
        amount,
        'Card: a sandbox test card (VISA), no real one is charged',
      ].filter(Boolean), [
        ['Pay', function () { choose('approve'); }],
        ['Pay with 3-D Secure', show3dsStep],
        ['Decline (sandbox)', function () { choose('decline'); }],
        ['Cancel', cancel],
      ]);
    }

    // The bank's check after the wallet: confirm, or fail (declined 1024, as on the hosted page).
    function show3dsStep() {
      sheet.step = '3ds';
      fill('3-D Secure (sandbox)', [
        'Your bank asks you to confirm this payment' + (order ? ' of ' + formatAmount(order.amount, order.currency, params.data.lang) : '') + '.',
      ], [
        ['Confirm', function () { choose('3ds_pass'); }],
        ['Fail 3-D Secure', function () { choose('3ds_fail'); }],
      ]);
    }

    function onKey(event) {
      if (!sheet) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        // Escape in the wallet step cancels; in the bank's step it abandons the check, which fails it.
        if (sheet.step === '3ds') choose('3ds_fail'); else cancel();
        return;
      }
      if (event.key !== 'Tab') return;
      var focusable = [].slice.call(sheet.dialog.querySelectorAll('button'));
      if (focusable.length === 0) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }

    function closeSheet(restoreFocus) {
      if (!sheet) return null;
      var closed = sheet;
      sheet = null;
      if (closed.backdrop.parentNode) closed.backdrop.parentNode.removeChild(closed.backdrop);
      if (restoreFocus && closed.opener && closed.opener.isConnected) closed.opener.focus();
      return closed;
    }

    // What the SDK passes on when the payer closes the sheet: Apple's oncancel gives
    // { code: 20, message: 'cancel' }; Google's rejection has statusCode 'CANCELED' but no code
    // or message, and the SDK copies only those two.
    function cancel() {
      var closed = closeSheet(true);
      pending = false;
      var apple = closed && closed.method === 'apple';
      self.trigger('error', apple ? { code: 20, message: 'cancel' } : { code: undefined, message: undefined });
    }

    // As the SDK: the sheet closes on the payer's choice, after(defer, data) may add to the
    // request, then the payment (Flitt's api.checkout.form) answers success or error.
    function choose(outcome) {
      var closed = closeSheet(true);
      if (!closed) return;
      var defer = Deferred();
      defer.fail(function () { pending = false; });
      defer.done(function (extra) {
        if (destroyed) return;
        var d = params.data;
        post('/sandbox/wallet/pay', extend({}, extra || {}, { token: d.token, merchant_id: d.merchant_id, lang: d.lang, method: closed.method, outcome: outcome })).then(function (answer) {
          pending = false;
          self.trigger('success', new Model({ order: { order_data: answer.order, response_url: answer.response_url || '' } }));
        }, function (failure) {
          pending = false;
          self.trigger('error', failure.error ? errorModel(failure.error.code, failure.error.message, failure.order) : errorModel(failure.code || 1002, failure.message));
        });
      });
      params.after(defer, extend({}, params.data));
    }

    var d0 = params.data;
    if (d0.merchant_id && (d0.token || (d0.amount && d0.currency))) this.update();
  }

  var modules = { PaymentButton: PaymentButton };
  var instances = {};
  function create(name, params) {
    if (!modules[name]) throw Error('module is undefined ' + name + ' (the sandbox js-sdk has PaymentButton only)');
    return new modules[name](params || {});
  }
  function $checkout(name, params) {
    return instances[name] || (instances[name] = create(name, params));
  }
  $checkout.get = create;
  window.$checkout = $checkout;
})();
`;
}
