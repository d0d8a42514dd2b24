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
    connection.onreconnecting(() => page && page.invokeMethodAsync('OnConnection', 'reconnecting'));
    connection.onreconnected(() => page && page.invokeMethodAsync('OnConnection', 'connected'));
    connection.onclose(() => page && page.invokeMethodAsync('OnConnection', 'disconnected'));
    await connection.start();
    return 'connected';
}

// Resolves to { ok, ack } or { ok: false, code }: the server's error message starts with a stable code.
// confirmed: the member chose "send anyway" after an AreYouSure warning.
export async function send(conversationId, clientMessageId, text, confirmed) {
    try {
        const ack = await connection.invoke('SendMessage', { conversationId, clientMessageId, text, confirmed: !!confirmed });
        return { ok: true, ack };
    } catch (e) {
        const match = /([A-Za-z]+): /.exec(String(e && e.message || '').replace(/^.*HubException: /, ''));
        return { ok: false, code: match ? match[1] : 'Connection', ack: null };
    }
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
