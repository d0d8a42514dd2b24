// The chat page's link to the hub: the browser is an ordinary hub client (cookie auth), so UI
// messages take exactly the same server path as API clients. Rendering stays in Blazor.
let connection = null;
let page = null;

export async function start(dotnetRef) {
    page = dotnetRef;
    connection = new signalR.HubConnectionBuilder()
        .withUrl('/hubs/chat')
        .withAutomaticReconnect()
        .build();
    connection.on('MessageReceived', m => page && page.invokeMethodAsync('OnMessage', m));
    connection.on('Typing', t => page && page.invokeMethodAsync('OnTyping', t));
    connection.on('Read', r => page && page.invokeMethodAsync('OnRead', r));
    connection.on('MediaReceived', m => page && page.invokeMethodAsync('OnMedia', m));
    connection.on('PresenceChanged', n => page && page.invokeMethodAsync('OnPresence', n));
    connection.on('ConsentChanged', n => page && page.invokeMethodAsync('OnConsentChanged', n));
    connection.on('Resync', () => page && page.invokeMethodAsync('OnResync'));
    connection.onreconnecting(() => page && page.invokeMethodAsync('OnConnection', 'reconnecting'));
    connection.onreconnected(() => page && page.invokeMethodAsync('OnConnection', 'connected'));
    connection.onclose(() => page && page.invokeMethodAsync('OnConnection', 'disconnected'));
    try {
        await connection.start();
        return 'connected';
    } catch {
        // Automatic reconnect covers only a connection that was once up: the page says it is offline
        // (and keeps its messages) rather than failing.
        return 'disconnected';
    }
}

// Resolves to { ok, ack } or { ok: false, code, passing }: the server's error message starts with a stable code.
// confirmed: the member chose "send anyway" after an AreYouSure warning; resend: "try again" on a message that
// was not acknowledged.
// A full write queue (Busy), a failed save (TryAgain) and a dropped connection pass: the message stays
// "sending" and goes again with the same id, which the server stores at most once (resend: it answers with
// the stored message if the first try was stored and only its answer lost). Messages sent meanwhile wait for
// it, so they are stored in the order the member wrote them. passing in the result: the page stopped trying
// and the message may still go with its id. Anything else is the member's to decide.
const passing = ['Busy', 'TryAgain', 'Connection'];
const retryDelaysMs = [250, 500, 1000, 2000, 4000, 8000];
let goingAgain = Promise.resolve();

export async function send(conversationId, clientMessageId, text, confirmed, resend) {
    await goingAgain;
    const first = await attempt(conversationId, clientMessageId, text, confirmed, !!resend);
    if (first.ok || !first.passing)
        return first;
    const again = sendAgain(conversationId, clientMessageId, text, confirmed, first);
    goingAgain = again;
    return again;
}

async function sendAgain(conversationId, clientMessageId, text, confirmed, failed) {
    let result = failed;
    for (const delay of retryDelaysMs) {
        await new Promise(resolve => setTimeout(resolve, delay));
        result = await attempt(conversationId, clientMessageId, text, confirmed, true);
        if (result.ok || !result.passing)
            break;
    }
    return result;
}

async function attempt(conversationId, clientMessageId, text, confirmed, resend) {
    try {
        const ack = await connection.invoke('SendMessage', { conversationId, clientMessageId, text, confirmed: !!confirmed, resend });
        return { ok: true, ack };
    } catch (e) {
        const code = codeOf(e);
        return { ok: false, code, ack: null, passing: passing.includes(code) };
    }
}

// The hub's refusals read "… HubException: Code: message"; an error the server reached without one is a
// failure there (not worth repeating); anything else means the message never got an answer.
function codeOf(error) {
    const message = String(error && error.message || '');
    const refusal = /HubException: ([A-Za-z]+): /.exec(message);
    if (refusal) return refusal[1];
    return message.includes('on the server') ? 'Failed' : 'Connection';
}

export async function typing(conversationId) {
    try { await connection.invoke('Typing', conversationId); } catch { /* typing is best effort */ }
}

export async function markRead(conversationId, messageId) {
    try { await connection.invoke('MarkRead', conversationId, messageId); } catch { /* receipts are best effort */ }
}

// Enter sends, Shift+Enter adds a line: the usual chat keyboard contract.
export function bindEnter(textarea, button) {
    textarea.addEventListener('keydown', e => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            button.click();
        }
    });
}

export function scrollToEnd(element) {
    if (element) element.scrollTop = element.scrollHeight;
}

export async function stop() {
    page = null;
    if (connection) await connection.stop();
}
