// What the wellbeing banner needs from the browser: the member's time zone (IANA id) for a first
// default, and whether this tab is actually being looked at (hidden tabs are not time on Haven).
export function timeZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
}

export function visible() {
    return document.visibilityState === 'visible';
}
