// The demo page's whole client: plain browser JavaScript, no build step. It talks to the
// API exactly as an app would, and renders every server value as text, never as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'smsauth.demo.sessionToken';
  // Explicit rendering: the widget is drawn once the service has said which site key to use.
  const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';
  const $ = (id) => document.getElementById(id);

  const state = {
    mode: 'signup',
    /** The image captcha shown; null while there is none (POST /v1/captcha answered 404). */
    captchaToken: null,
    captchaOn: false,
    /** The Turnstile widget drawn, and the token it gave (null until solved, or once spent). */
    turnstileWidget: null,
    turnstileToken: null,
    countdown: undefined,
  };

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.message ? body.message : `HTTP ${status}`);
      this.status = status;
      this.code = body && body.code ? body.code : `HTTP${status}`;
    }
  }

  async function api(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  function say(message, isError = false) {
    const status = $('status');
    status.textContent = message;
    status.classList.toggle('error', isError);
  }

  function sayError(error) {
    if (error instanceof ApiError) say(`${error.code}: ${error.message}`, true);
    else say(`Could not reach the service: ${error.message}`, true);
  }

  function setMode(mode) {
    state.mode = mode;
    $('mode-signup').setAttribute('aria-selected', String(mode === 'signup'));
    $('mode-login').setAttribute('aria-selected', String(mode === 'login'));
    $('submit').textContent = mode === 'signup' ? 'Sign up' : 'Log in';
    $('password').autocomplete = mode === 'signup' ? 'new-password' : 'current-password';
    $('mode-hint').textContent =
      mode === 'signup'
        ? 'Optional: 8 to 128 characters, to log in without a code later.'
        : 'Log in with the code from the SMS, or leave the code empty and use the password.';
    say('');
  }

  async function loadCaptcha() {
    try {
      const captcha = await api('POST', '/v1/captcha', {});
      state.captchaOn = true;
      state.captchaToken = captcha.captchaToken;
      $('captcha-image').src = captcha.image;
      $('captcha-answer').value = '';
      $('captcha').hidden = false;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // This deployment has no captcha: codes are sent without one.
        state.captchaOn = false;
        $('captcha').hidden = true;
        return;
      }
      $('captcha').hidden = false;
      sayError(error);
    }
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.addEventListener('load', resolve);
      script.addEventListener('error', () => reject(new Error(`${src} did not load`)));
      document.head.appendChild(script);
    });
  }

  /** Draws Cloudflare Turnstile with the service's site key (and action, which it checks). */
  async function drawTurnstile(config) {
    $('captcha-picture').hidden = true;
    $('turnstile-widget').hidden = false;
    $('captcha').hidden = false;
    try {
      await loadScript(TURNSTILE_SCRIPT);
    } catch {
      say('Could not load the Turnstile captcha; codes that need one cannot be sent', true);
      return;
    }
    const options = {
      sitekey: config.siteKey,
      callback: (token) => {
        state.turnstileToken = token;
      },
      'expired-callback': () => {
        state.turnstileToken = null;
      },
      'error-callback': () => {
        state.turnstileToken = null;
        say('The Turnstile captcha failed; reload the page to try again', true);
      },
    };
    if (config.action) options.action = config.action;
    state.turnstileWidget = window.turnstile.render('#turnstile-widget', options);
  }

  /** Asks the service which captcha to draw; an older service without the route draws images. */
  async function loadCaptchaConfig() {
    let config;
    try {
      config = await api('GET', '/v1/captcha/config');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) return sayError(error);
      config = { provider: 'image' };
    }
    if (config.provider === 'turnstile') return drawTurnstile(config);
    return loadCaptcha();
  }

  /** The captcha's proof the user gave (an answer, or the widget's token), if any. */
  function captchaProof() {
    if (state.turnstileWidget !== null) {
      return state.turnstileToken ? { captchaToken: state.turnstileToken } : null;
    }
    const answer = state.captchaOn ? $('captcha-answer').value.trim() : '';
    return answer ? { captchaToken: state.captchaToken, answer } : null;
  }

  /** A captcha answers once, right or wrong: a fresh picture, or a fresh widget token. */
  function renewCaptcha() {
    if (state.turnstileWidget === null) return void loadCaptcha();
    state.turnstileToken = null;
    window.turnstile.reset(state.turnstileWidget);
  }

  /** Spends the captcha's proof for a one-shot validate token. */
  async function validateTokenFor(proof) {
    const { validateToken } = await api('POST', '/v1/captcha/verify', proof);
    return validateToken;
  }

  function startCountdown(seconds) {
    const button = $('send-code');
    clearInterval(state.countdown);
    let left = seconds;
    const tick = () => {
      if (left <= 0) {
        clearInterval(state.countdown);
        button.disabled = false;
        button.textContent = 'Send code';
        return;
      }
      button.disabled = true;
      button.textContent = `Send again in ${left}s`;
      left -= 1;
    };
    tick();
    state.countdown = setInterval(tick, 1000);
  }

  async function sendCode() {
    const phone = $('phone').value.trim();
    if (!phone) return say('Enter a phone number first', true);
    const button = $('send-code');
    button.disabled = true;
    // The service decides whether a code needs a captcha (always, after some requests, or
    // never): send the answer when there is one, and ask for it when the service does.
    const proof = captchaProof();
    try {
      const body = { phone, purpose: state.mode };
      if (proof) body.validateToken = await validateTokenFor(proof);
      const sent = await api('POST', '/v1/sms/codes', body);
      $('code-sent').textContent = `Sent; valid for ${Math.round(sent.expiresIn / 60)} min`;
      say('Code sent: enter it below');
      startCountdown(sent.retryAfter);
      $('code').focus();
    } catch (error) {
      button.disabled = false;
      sayError(error);
      if (error instanceof ApiError && error.code === 'CaptchaRequired' && state.captchaOn) {
        $('captcha-answer').focus();
      }
    } finally {
      if (proof) renewCaptcha();
    }
  }

  async function submit(event) {
    event.preventDefault();
    const phone = $('phone').value.trim();
    const code = $('code').value.trim();
    const password = $('password').value;
    const submitButton = $('submit');
    submitButton.disabled = true;
    try {
      let body;
      if (state.mode === 'signup') {
        body = { phone, code };
        if (password) body.password = password;
      } else {
        body = code ? { phone, code } : { phone, password };
      }
      const path = state.mode === 'signup' ? '/v1/users' : '/v1/sessions';
      const { user, sessionToken } = await api('POST', path, body);
      sessionStorage.setItem(TOKEN_KEY, sessionToken);
      $('auth-form').reset();
      showSignedIn(user);
      say(state.mode === 'signup' ? 'Account created' : 'Logged in');
    } catch (error) {
      sayError(error);
    } finally {
      submitButton.disabled = false;
    }
  }

  function showSignedIn(user) {
    $('user-phone').textContent = user.phone;
    $('user-verified').textContent = user.mobilePhoneVerified ? 'yes' : 'no';
    $('user-username').textContent = user.username === null ? '(none)' : user.username;
    $('user-id').textContent = user.id;
    $('user-created').textContent = new Date(user.createdAt).toLocaleString();
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
  }

  function showSignedOut() {
    $('signed-in').hidden = true;
    $('signed-out').hidden = false;
  }

  async function logOut() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
    showSignedOut();
    if (!token) return;
    try {
      await api('DELETE', '/v1/sessions/current', undefined, token);
      say('Logged out');
    } catch (error) {
      sayError(error);
    }
  }

  async function restoreSession() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;
    try {
      showSignedIn(await api('GET', '/v1/users/me', undefined, token));
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      if (!(error instanceof ApiError && error.status === 401)) sayError(error);
    }
  }

  $('mode-signup').addEventListener('click', () => setMode('signup'));
  $('mode-login').addEventListener('click', () => setMode('login'));
  $('send-code').addEventListener('click', () => void sendCode());
  $('captcha-refresh').addEventListener('click', () => void loadCaptcha());
  $('auth-form').addEventListener('submit', (event) => void submit(event));
  $('log-out').addEventListener('click', () => void logOut());

  setMode('signup');
  // data-ready tells scripts driving the page (and its e2e test) that start-up is done.
  void Promise.allSettled([loadCaptchaConfig(), restoreSession()]).then(() => {
    document.body.dataset.ready = 'true';
  });
})();
