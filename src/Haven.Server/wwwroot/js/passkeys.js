// Passkeys (WebAuthn). ASP.NET Core Identity makes the options and checks the answers; the
// browser's authenticator holds the key. Everything goes over same-origin JSON POSTs, which a
// cross-site page cannot send without a CORS preflight.
const supported = () =>
    typeof window.PublicKeyCredential !== 'undefined' &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

function postJson(url, body) {
    return fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
    });
}

// For the Security page: resolves to 'added', 'unsupported', 'cancelled' or 'failed'.
export async function addPasskey() {
    if (!supported()) return 'unsupported';
    try {
        const options = await (await postJson('/api/accounts/security/passkeys/options')).json();
        const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
        const response = await postJson('/api/accounts/security/passkeys', { credentialJson: JSON.stringify(credential) });
        return response.ok ? 'added' : 'failed';
    } catch (e) {
        return e && (e.name === 'AbortError' || e.name === 'NotAllowedError') ? 'cancelled' : 'failed';
    }
}

// The sign-in page renders statically, so it uses one delegated listener that survives enhanced navigation.
document.addEventListener('click', async event => {
    const button = event.target.closest && event.target.closest('[data-passkey-signin]');
    if (!button) return;
    event.preventDefault();
    const status = document.getElementById(button.dataset.status);
    if (!supported()) {
        status.textContent = button.dataset.unsupported;
        return;
    }
    button.disabled = true;
    try {
        const options = await (await postJson('/api/accounts/passkey/options')).json();
        const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        const response = await postJson('/api/accounts/passkey/login?useCookies=true', { credentialJson: JSON.stringify(credential) });
        if (response.ok) {
            location.assign(button.dataset.returnUrl || '/browse');
            return;
        }
        status.textContent = button.dataset.failed;
    } catch (e) {
        if (!e || e.name !== 'AbortError') status.textContent = button.dataset.failed;
    } finally {
        button.disabled = false;
    }
});
