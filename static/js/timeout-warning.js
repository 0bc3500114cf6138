// The session timeout warning (the dialog at the end of base.html, signed-in pages only).
//
// The server ends a session SESSION_TIMEOUT_MINUTES after it was last renewed (requests
// renew it at most once a minute: accounts/sessions.py). Two minutes
// before that this opens a modal dialog offering "Stay signed in" (a GET to the
// keep-alive URL, which renews the session) or "Sign out". If nobody answers, it signs
// out and shows the "we signed you out" page.
//
// Times are absolute (Date.now()), checked once a second, so that a sleeping computer or
// a throttled background tab still gets it right. Tabs share the session's latest
// renewal through localStorage: a request in any tab renews the one session, so no tab
// warns or signs out while another has been in use.

const STORAGE_KEY = "app-timeout-warning:last-activity";
const ANNOUNCE_EVERY_SECONDS = 20;
// Sign out slightly early, so that the sign-out request still finds the session.
const SIGN_OUT_MARGIN_MS = 5000;

function readSharedActivity() {
  try {
    return Number(window.localStorage.getItem(STORAGE_KEY)) || 0;
  } catch {
    return 0; // storage disabled: each tab keeps its own time
  }
}

function writeSharedActivity(time) {
  try {
    if (time > readSharedActivity()) {
      window.localStorage.setItem(STORAGE_KEY, String(time));
    }
  } catch {
    // storage disabled
  }
}

function describe(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(minutes === 1 ? "1 minute" : `${minutes} minutes`);
  if (rest || !minutes) parts.push(rest === 1 ? "1 second" : `${rest} seconds`);
  return parts.join(" ");
}

class TimeoutWarning {
  constructor(dialog) {
    this.dialog = dialog;
    this.timeoutMs = Number(dialog.dataset.timeoutSeconds) * 1000;
    this.warningMs = Number(dialog.dataset.warningSeconds || 120) * 1000;
    this.keepAliveUrl = dialog.dataset.keepAliveUrl;
    this.timedOutUrl = dialog.dataset.timedOutUrl;
    this.countdown = dialog.querySelector(".app-timeout-warning__countdown");
    this.status = dialog.querySelector("[aria-live]");
    this.stayButton = dialog.querySelector("[data-timeout-warning-stay]");
    this.signOutForm = dialog.querySelector("form");
    this.returnFocusTo = null;
    this.lastAnnounced = null;
    this.signingOut = false;

    // The server renews a session at most once a minute, so this page's own request
    // may not have renewed it: the page says how long the session had left when it was
    // requested. Counting from navigation start errs on the early side. lastActivity is
    // when the session was last renewed, as the server counts.
    const pageRequested = Math.round(performance.timeOrigin || Date.now());
    const secondsLeft = Number(dialog.dataset.secondsLeft || dialog.dataset.timeoutSeconds);
    const renewed = pageRequested - (this.timeoutMs - secondsLeft * 1000);
    writeSharedActivity(renewed);
    this.lastActivity = Math.max(renewed, readSharedActivity());

    this.stayButton.addEventListener("click", () => this.staySignedIn());
    // Escape means "not now", as in other GOV.UK timeout warnings: stay signed in.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.staySignedIn();
    });
    window.addEventListener("storage", (event) => {
      if (event.key === STORAGE_KEY) this.tick();
    });
    window.addEventListener("pageshow", () => this.tick());
    window.setInterval(() => this.tick(), 1000);
  }

  get expiresAt() {
    return this.lastActivity + this.timeoutMs;
  }

  tick() {
    if (this.signingOut) return;
    this.lastActivity = Math.max(this.lastActivity, readSharedActivity());
    const untilSignOutMs = this.expiresAt - SIGN_OUT_MARGIN_MS - Date.now();
    if (untilSignOutMs <= 0) {
      this.signOut();
    } else if (untilSignOutMs <= this.warningMs) {
      this.open(untilSignOutMs);
    } else if (this.dialog.open) {
      this.close(); // another tab kept the session alive
    }
  }

  open(untilSignOutMs) {
    const seconds = Math.ceil(untilSignOutMs / 1000);
    this.countdown.textContent = describe(seconds);
    if (!this.dialog.open) {
      this.returnFocusTo = document.activeElement;
      this.dialog.showModal();
      this.dialog.focus();
      this.lastAnnounced = null;
    }
    // Screen readers hear the time left when the dialog opens and every 20 seconds
    // after, not every second.
    if (this.lastAnnounced === null || this.lastAnnounced - seconds >= ANNOUNCE_EVERY_SECONDS) {
      this.status.textContent = `For your security, we will sign you out in ${describe(seconds)}.`;
      this.lastAnnounced = seconds;
    }
  }

  close() {
    this.dialog.close();
    this.status.textContent = "";
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target && target !== document.body && document.contains(target)) {
      target.focus();
    }
  }

  async staySignedIn() {
    const requested = Date.now();
    let response;
    try {
      response = await fetch(this.keepAliveUrl, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "text/plain" },
      });
    } catch {
      this.status.textContent =
        "We could not keep you signed in. Check your internet connection and try again.";
      return;
    }
    if (response.status === 204) {
      this.lastActivity = requested;
      writeSharedActivity(requested);
      this.close();
    } else {
      // The session has already ended.
      this.goToTimedOut();
    }
  }

  async signOut() {
    this.signingOut = true;
    try {
      await fetch(this.signOutForm.action, {
        method: "POST",
        body: new FormData(this.signOutForm),
        credentials: "same-origin",
        redirect: "manual",
      });
    } catch {
      // The session ends on the server regardless.
    }
    this.goToTimedOut();
  }

  goToTimedOut() {
    this.signingOut = true;
    window.location.assign(this.timedOutUrl);
  }
}

const dialog = document.getElementById("app-timeout-warning");
if (dialog && typeof dialog.showModal === "function" && Number(dialog.dataset.timeoutSeconds) > 0) {
  new TimeoutWarning(dialog);
}
