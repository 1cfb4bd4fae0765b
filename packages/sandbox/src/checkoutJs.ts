// The sandbox's stand-in for https://pay.flitt.com/latest/checkout-vue/checkout.js: the same
// public API (checkout(target, config) → app with $on / submit / setParams / $destroy, events
// ready / success / error / callback), rendering a card form into the target and driving the
// sandbox engine. Plain ES2017 in a string, because it is served to pages as it is.

/** The checkout.css the sandbox serves. */
export const checkoutCss = `
.f-checkout{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--f-text,#1d2433);max-width:420px}
.f-checkout .f-amount{font-size:1.4rem;font-weight:600;margin:4px 0 12px}
.f-checkout .f-plan{margin:-8px 0 12px}
.f-checkout label{display:block;margin:8px 0 4px;font-weight:500}
.f-checkout input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #767f90;border-radius:8px;font-size:1rem}
.f-checkout input[aria-invalid=true]{border-color:#d92d20}
.f-checkout .f-row{display:flex;gap:12px}.f-checkout .f-row>div{flex:1}
.f-checkout button{margin-top:14px;width:100%;padding:12px;border:0;border-radius:8px;background:var(--f-main,#1a56db);color:#fff;font-size:1rem;cursor:pointer}
.f-checkout button[aria-disabled=true]{opacity:.6;cursor:progress}
.f-checkout .f-error{background:#fde8e8;border:1px solid #f5a3a3;border-radius:8px;padding:8px 10px;margin:10px 0}
.f-checkout .f-test{font-size:.8rem;color:#6b4e00;background:#fff4ce;border-radius:6px;padding:4px 8px;margin-bottom:8px}
.f-checkout[data-theme=dark]{--f-text:#e8ecf4;color:#e8ecf4;background:#151a26;padding:8px;border-radius:8px}
.f-checkout[data-theme=dark] input{background:#0b1020;color:#e8ecf4;border-color:#8a94aa}
.f-checkout[data-theme=dark] .f-test{color:#ffe08a;background:#3a2f0b}
.f-checkout[data-theme=dark] .f-error{background:#3b1518;border-color:#ff8a8a}
.f-3ds{padding:0;border:0;border-radius:12px;background:#fff;max-width:95vw;max-height:95vh;overflow:auto}
.f-3ds::backdrop{background:#0008}
.f-3ds iframe{display:block;width:min(440px,95vw);height:min(560px,90vh);max-height:90vh;border:0}
`;

/** checkout.js with the sandbox origin baked in. */
export function checkoutJs(baseUrl: string): string {
  return `/* flitt-checkout sandbox: checkout.js (test mode) */
(function () {
  'use strict';
  var BASE = ${JSON.stringify(baseUrl)};
  var ORIGIN = new URL(BASE).origin;
  var mounted = {};

  function snake(obj) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
    var out = {};
    Object.keys(obj).forEach(function (k) {
      out[k.replace(/[A-Z]/g, function (c) { return '_' + c.toLowerCase(); })] = obj[k];
    });
    return out;
  }

  function Model(data) { this.data = data; }
  Model.prototype.attr = function (path) {
    return String(path).split('.').reduce(function (v, k) { return v == null ? undefined : v[k]; }, this.data);
  };
  Model.prototype.alt = function (path, fallback) { var v = this.attr(path); return v === undefined ? fallback : v; };
  Model.prototype.serialize = function () { return JSON.parse(JSON.stringify(this.data)); };

  function post(path, body) {
    return fetch(BASE + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok && !json.status) { var e = new Error((json.error && json.error.message) || 'HTTP ' + r.status); e.code = json.error && json.error.code; throw e; }
        return json;
      });
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function submitToMerchant(url, order) {
    var form = el('form', { method: 'post', action: url });
    Object.keys(order).forEach(function (k) {
      form.appendChild(el('input', { type: 'hidden', name: k, value: order[k] == null ? '' : String(order[k]) }));
    });
    document.body.appendChild(form);
    form.submit();
  }

  function checkout(target, config) {
    var listeners = {};
    var destroyed = false;
    var busy = false;
    var root = null;
    var overlay = null;
    var onMessage = null;
    var info = null;
    // 'card' until a verification_type=code order holds the card; then 'code'.
    var step = 'card';
    config = config && typeof config === 'object' && !Array.isArray(config) ? config : null;
    var options = snake((config && config.options) || {});
    var params = snake((config && config.params) || {});

    var app = {
      $el: null,
      params: params,
      $on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); return app; },
      $off: function (name, fn) { listeners[name] = (listeners[name] || []).filter(function (f) { return f !== fn; }); return app; },
      $emit: function (name, payload) {
        if (name === 'submit') { app.submit(); return app; }
        (listeners[name] || []).slice().forEach(function (fn) { try { fn(payload); } catch (e) { console.error(e); } });
        return app;
      },
      submit: function () { if (step === 'code') sendCode(); else pay(); return app; },
      setParams: function (next) {
        if (params.token || params.order_id) { console.warn('[checkout] setParams ignored: the order already exists (token or order_id set).'); return app; }
        Object.assign(params, snake(next || {}));
        return app;
      },
      location: function () { return app; },
      $nextTick: function (fn) { return Promise.resolve().then(fn); },
      $destroy: function () {
        destroyed = true;
        listeners = {};
        if (onMessage) window.removeEventListener('message', onMessage);
        if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
        if (root && root.parentNode) root.parentNode.removeChild(root);
        if (typeof target === 'string' && mounted[target] === app) delete mounted[target];
      },
    };

    if (!config) { console.error('[checkout] config must be a plain object.'); return app; }
    var host = typeof target === 'string' ? document.querySelector(target) : target;
    if (!host || typeof host.appendChild !== 'function') { console.error('[checkout] target not found:', target); return app; }
    if (typeof target === 'string' && mounted[target]) mounted[target].$destroy();
    if (typeof target === 'string') mounted[target] = app;

    function fail(code, message, order) {
      var data = { error: { code: code, message: message } };
      if (order) data.order = { order_data: order };
      showError(message, Boolean(order));
      app.$emit('error', new Model(data));
    }

    // An order's outcome (a decline, an expiry) in a form the host drives (its own pay button and
    // a callback listener) is the host's to announce: shown here, not said twice.
    function showError(message, outcome) {
      if (!root) return;
      var box = root.querySelector('.f-error');
      var hostSays = outcome && options.show_pay_button === false && listeners.callback && listeners.callback.length;
      if (hostSays) box.removeAttribute('role'); else box.setAttribute('role', 'alert');
      box.textContent = message || '';
      box.hidden = !message;
    }

    function setBusy(value) {
      busy = value;
      if (!root) return;
      var button = root.querySelector('button');
      // aria-disabled, not disabled: the button keeps the focus while the payment runs.
      if (button) { button.setAttribute('aria-disabled', String(value)); button.setAttribute('aria-busy', String(value)); }
    }

    function field(name) { return root ? root.querySelector('[name="' + name + '"]') : null; }

    function finish(result) {
      var order = result.order;
      var model = new Model({ order: { order_data: order }, response_url: result.response_url || '' });
      if (order.order_status === 'processing' && order.response_code) {
        fail(Number(order.response_code), result.message, order);
        return;
      }
      app.$emit('success', model);
      if (listeners.callback && listeners.callback.length) { app.$emit('callback', model); return; }
      if (result.response_url) { submitToMerchant(result.response_url, order); return; }
      showError(order.order_status === 'approved' ? '' : result.message);
    }

    function handle(result) {
      if (destroyed) return;
      if (result.status === '3ds') { open3ds(result.url); return; }
      setBusy(false);
      if (result.status === 'verify') { showCode(result); return; }
      if (result.status === 'error') {
        // The refused field says why (the error below the form) and takes the focus.
        if (result.error.field) { var input = field(result.error.field); if (input) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', root.querySelector('.f-error').id); input.focus(); } }
        if (result.order && result.order.order_status !== 'created' && result.order.order_status !== 'processing') {
          var model = new Model({ order: { order_data: result.order }, error: result.error });
          showError(result.error.message, true);
          app.$emit('error', model);
          if (listeners.callback && listeners.callback.length) app.$emit('callback', model);
          return;
        }
        fail(result.error.code, result.error.message);
        return;
      }
      finish(result);
    }

    // The bank's page in a modal <dialog>: the page behind is inert (Tab stays in the dialog),
    // Escape abandons the check (as closing a bank's popup does: the authentication fails), and
    // the focus returns to where it was. Named in the payer's language.
    function open3ds(url) {
      var opener = document.activeElement;
      var label = (info && info.text && info.text.acsTitle) || '3-D Secure';
      overlay = el('dialog', { class: 'f-3ds', 'aria-label': label }, [
        el('iframe', { src: url, title: label }),
      ]);
      document.body.appendChild(overlay);
      var frame = overlay.firstChild;
      var done = false;
      function close() {
        if (done) return;
        done = true;
        if (onMessage) window.removeEventListener('message', onMessage);
        onMessage = null;
        if (overlay) { if (overlay.open) overlay.close(); if (overlay.parentNode) overlay.parentNode.removeChild(overlay); }
        overlay = null;
        if (opener && typeof opener.focus === 'function' && opener.isConnected) opener.focus();
        post('/sandbox/embedded/result', { token: params.token, lang: info && info.lang }).then(handle, function (e) { setBusy(false); fail(e.code || 1002, e.message); });
      }
      overlay.addEventListener('cancel', function (event) {
        event.preventDefault();
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'result=fail' })
          .then(close, close);
      });
      onMessage = function (event) {
        if (event.origin !== ORIGIN || event.source !== frame.contentWindow) return;
        var msg;
        try { msg = JSON.parse(event.data); } catch (e) { return; }
        if (!msg || msg.source !== 'flitt-sandbox') return;
        // The bank's page says how tall it is: the frame takes that height (CSS caps it at 90vh).
        if (msg.type === '3ds-size') {
          if (typeof msg.height === 'number' && msg.height > 0) frame.style.height = Math.ceil(msg.height) + 'px';
          return;
        }
        if (msg.type !== '3ds-complete' || msg.token !== params.token) return;
        close();
      };
      window.addEventListener('message', onMessage);
      if (typeof overlay.showModal === 'function') overlay.showModal(); else overlay.setAttribute('open', '');
      frame.focus();
    }

    // The code step of a verification_type=code order: the card fields give way to the code field,
    // which takes the focus; a wrong code marks it and says so (role=alert), in the payer's language.
    function showCode(result, resumed) {
      if (!root) return;
      step = 'code';
      var t = info.text;
      root.querySelector('.f-card').hidden = true;
      var box = root.querySelector('.f-verify');
      box.hidden = false;
      box.querySelector('.f-hint').textContent = result.verification_hint || '';
      var input = field('verification_code');
      var error = root.querySelector('.f-error');
      var help = box.querySelector('.f-help');
      var button = root.querySelector('button');
      if (button) button.textContent = t.verifySubmit;
      input.value = '';
      if (result.message) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', help.id + ' ' + error.id); }
      else { input.removeAttribute('aria-invalid'); input.setAttribute('aria-describedby', help.id); }
      showError(result.message || '');
      // Not when the widget opens at this step: a page does not move the focus on load.
      if (!resumed) input.focus();
    }

    function sendCode() {
      if (busy || destroyed || !root) return;
      var input = field('verification_code');
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', root.querySelector('.f-help').id);
      showError('');
      setBusy(true);
      post('/sandbox/embedded/verify', { token: params.token, lang: info.lang, code: field('verification_code').value })
        .then(handle, function (e) { setBusy(false); if (!destroyed) fail(e.code || 1002, e.message); });
    }

    function pay() {
      if (busy || destroyed || !root) return;
      ['card_number', 'expiry_date', 'cvv2'].forEach(function (n) { field(n).removeAttribute('aria-invalid'); field(n).removeAttribute('aria-describedby'); });
      showError('');
      setBusy(true);
      post('/sandbox/embedded/pay', {
        token: params.token,
        lang: info.lang,
        card_number: field('card_number').value,
        expiry_date: field('expiry_date').value,
        cvv2: field('cvv2').value,
      }).then(handle, function (e) { setBusy(false); if (!destroyed) fail(e.code || 1002, e.message); });
    }

    function render() {
      var t = info.text;
      var id = 'f' + Math.random().toString(36).slice(2, 8);
      var input = function (name, label, extra) {
        return el('div', {}, [el('label', { for: id + name, text: label }), el('input', Object.assign({ id: id + name, name: name }, extra))]);
      };
      var children = [
        el('div', { class: 'f-test', text: t.testMode }),
        el('div', { class: 'f-amount', text: info.amount_text }),
      ];
      // A subscription's plan, read-only (options.subscription.type; Flitt's default 'disable'
      // and 'hidden' show none; the sandbox does not emulate the payer-editable types).
      var plan = options.subscription && options.subscription.type;
      if (plan === 'shown_edit_on' || plan === 'shown_edit_off') console.warn('[checkout] the sandbox shows subscription plans read-only: ' + plan + ' is not emulated.');
      if (info.plan_text && /^shown_/.test(plan || '')) children.push(el('p', { class: 'f-plan', text: info.plan_text }));
      children.push(
        el('div', { class: 'f-card' }, [
          input('card_number', t.cardNumber, { inputmode: 'numeric', autocomplete: 'cc-number' }),
          el('div', { class: 'f-row' }, [
            input('expiry_date', t.expiry, { placeholder: t.expiryPlaceholder, autocomplete: 'cc-exp' }),
            input('cvv2', t.cvv, { inputmode: 'numeric', autocomplete: 'cc-csc', maxlength: '4' }),
          ]),
        ]),
        el('div', { class: 'f-verify', hidden: '' }, [
          el('p', { class: 'f-help', id: id + 'help', text: t.verifyBody }),
          el('p', { class: 'f-test f-hint' }),
          input('verification_code', t.verifyCode, { inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '4' }),
        ]),
        el('div', { class: 'f-error', id: id + 'error', role: 'alert', hidden: '' })
      );
      if (options.show_pay_button !== false) children.push(el('button', { type: 'submit', text: t.pay + ' ' + info.amount_text }));
      root = el('form', { class: 'f-checkout', novalidate: '', 'data-theme': (options.theme && options.theme.type) || 'light' }, children);
      root.addEventListener('submit', function (e) { e.preventDefault(); app.submit(); });
      host.appendChild(root);
      app.$el = root;
    }

    if (!params.token) {
      Promise.resolve().then(function () { fail(1011, 'The sandbox needs params.token from /api/checkout/token (orders created in the browser cannot be trusted).'); });
      return app;
    }
    if (params.amount || params.currency) console.warn('[checkout] amount and currency are ignored when token is set.');
    post('/sandbox/embedded/info', { token: params.token, lang: params.lang }).then(function (result) {
      if (destroyed) return;
      info = result;
      render();
      if (result.verify) showCode(result, true);
      if (result.status !== 'created' && result.status !== 'processing') {
        fail(result.status === 'expired' ? 1052 : 1019, result.message || result.status);
        return;
      }
      app.$emit('ready', new Model({ order: { order_id: result.order_id, amount: result.amount, currency: result.currency, order_desc: result.order_desc }, merchant: { name: result.merchant } }));
    }, function (e) { if (!destroyed) fail(e.code || 1018, e.message); });
    return app;
  }

  window.checkout = checkout;
})();
`;
}
