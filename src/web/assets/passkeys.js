// Passkeys in the browser: signing in with one, and adding one to your account.
// The pages work without this file (the passkey forms stay hidden and the password does the
// job). With it, and a browser that knows WebAuthn, the forms appear; pressing one asks the
// server for a one-time challenge, lets the authenticator answer it, and sends the answer
// in the form's hidden `credential` field, as an ordinary form post: the server replies
// with a page, as it does for every other form.
(function () {
  "use strict";
  if (
    typeof window.PublicKeyCredential !== "function" ||
    !window.navigator.credentials ||
    typeof window.fetch !== "function"
  ) {
    return;
  }

  function toBytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    const binary = window.atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function fromBytes(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function showError(form, message) {
    const box = form.querySelector("[data-passkey-error]");
    if (!box) return;
    box.textContent = message;
    box.hidden = false;
  }

  function clearError(form) {
    const box = form.querySelector("[data-passkey-error]");
    if (box) box.hidden = true;
  }

  /** The form's fields (the CSRF token above all) sent to ask for a challenge. */
  async function fetchOptions(form, url) {
    const body = new window.URLSearchParams();
    for (const [name, value] of new window.FormData(form)) {
      if (typeof value === "string" && name !== "credential") body.append(name, value);
    }
    const response = await window.fetch(url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    if (!response.ok || !data) {
      throw new Error(
        (data && data.error) || "The site could not start the passkey check. Reload and try again.",
      );
    }
    return data;
  }

  function failureMessage(error) {
    if (error && error.name === "NotAllowedError") {
      return "The passkey check was cancelled or timed out.";
    }
    if (error && error.name === "InvalidStateError") {
      return "This device already holds one of your passkeys for this site.";
    }
    return (error && error.message) || "The passkey check failed.";
  }

  /** Ids of credentials, as the server lists them, in the form the browser wants. */
  function descriptors(list) {
    return (list || []).map((c) => ({
      type: "public-key",
      id: toBytes(c.id),
      transports: c.transports,
    }));
  }

  /** Posts the authenticator's answer as JSON the server reads; `response` is its own part. */
  function submitWith(form, credential, response) {
    const field = form.querySelector('input[name="credential"]');
    field.value = JSON.stringify({
      id: credential.id,
      rawId: fromBytes(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: fromBytes(credential.response.clientDataJSON), ...response },
    });
    form.submit();
  }

  function busy(form, on) {
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = on;
  }

  async function signIn(form) {
    const options = await fetchOptions(form, form.getAttribute("data-passkey-sign-in"));
    const assertion = await window.navigator.credentials.get({
      publicKey: {
        challenge: toBytes(options.challenge),
        rpId: options.rpId,
        timeout: options.timeout,
        userVerification: options.userVerification,
        allowCredentials: descriptors(options.allowCredentials),
      },
    });
    const r = assertion.response;
    submitWith(form, assertion, {
      authenticatorData: fromBytes(r.authenticatorData),
      signature: fromBytes(r.signature),
      userHandle: r.userHandle ? fromBytes(r.userHandle) : undefined,
    });
  }

  async function register(form) {
    const options = await fetchOptions(form, form.getAttribute("data-passkey-register"));
    const created = await window.navigator.credentials.create({
      publicKey: {
        rp: options.rp,
        user: {
          id: toBytes(options.user.id),
          name: options.user.name,
          displayName: options.user.displayName,
        },
        challenge: toBytes(options.challenge),
        pubKeyCredParams: options.pubKeyCredParams,
        timeout: options.timeout,
        attestation: options.attestation,
        authenticatorSelection: options.authenticatorSelection,
        excludeCredentials: descriptors(options.excludeCredentials),
        extensions: options.extensions,
      },
    });
    const r = created.response;
    submitWith(form, created, {
      attestationObject: fromBytes(r.attestationObject),
      transports: typeof r.getTransports === "function" ? r.getTransports() : [],
    });
  }

  function wire(selector, ceremony) {
    for (const form of document.querySelectorAll(selector)) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        clearError(form);
        busy(form, true);
        ceremony(form).catch((error) => {
          busy(form, false);
          showError(form, failureMessage(error));
        });
      });
    }
  }

  for (const section of document.querySelectorAll("[data-passkey]")) section.hidden = false;
  wire("form[data-passkey-sign-in]", signIn);
  wire("form[data-passkey-register]", register);
})();
