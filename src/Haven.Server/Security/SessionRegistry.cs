using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Haven.Server.Accounts;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Security;

public static class SessionClaims
{
    /// <summary>The server-side session a cookie or token belongs to.</summary>
    public const string SessionId = "haven:sid";

    public static Guid? SessionIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;
}

/// <summary>Opens, checks and revokes server-side sessions, and notices sign-ins from new devices.</summary>
public sealed class SessionRegistry(HavenDbContext db, FactCache facts, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public const string DeviceCookie = "haven.device";

    public async Task<MemberSession> OpenAsync(Member member, HttpContext http, string method, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var device = Describe(http.Request.Headers.UserAgent.ToString());
        var fingerprint = Fingerprint(member.Id, DeviceCookieOf(http));
        var known = await db.KnownDevices.SingleOrDefaultAsync(d => d.MemberId == member.Id && d.Fingerprint == fingerprint, ct);
        if (known is null)
        {
            // The very first device is where the account was made: nothing to warn about.
            if (await db.KnownDevices.AnyAsync(d => d.MemberId == member.Id, ct))
                db.SecurityNotices.Add(new SecurityNotice { MemberId = member.Id, Kind = SecurityNoticeKind.NewDeviceSignIn, Device = device, CreatedAt = now });
            db.KnownDevices.Add(new KnownDevice { MemberId = member.Id, Fingerprint = fingerprint, FirstSeenAt = now, LastSeenAt = now });
        }
        else
        {
            known.LastSeenAt = now;
        }

        var session = new MemberSession { Id = Guid.NewGuid(), MemberId = member.Id, CreatedAt = now, LastSeenAt = now, Device = device, Method = method };
        db.MemberSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>True while the session exists, belongs to the member and is not revoked.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid memberId, CancellationToken ct)
    {
        // Asked on every hub call: a cached fact that a revoke evicts on every node.
        var session = await facts.GetOrLoadAsync(Key(sessionId), c => db.MemberSessions.AsNoTracking()
            .Where(s => s.Id == sessionId).Select(s => new SessionFact(s.MemberId, s.RevokedAt != null, s.LastSeenAt)).SingleOrDefaultAsync(c), ct);
        if (session is null || session.MemberId != memberId || session.Revoked)
            return false;
        var now = clock.GetUtcNow();
        if (now - session.LastSeenAt >= TimeSpan.FromMinutes(options.Value.SessionTouchMinutes))
        {
            await db.MemberSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            facts.Evict(Key(sessionId));
        }

        return true;
    }

    private static string Key(Guid sessionId) => $"session:{sessionId}";

    private sealed record SessionFact(Guid MemberId, bool Revoked, DateTimeOffset LastSeenAt);

    public async Task<IReadOnlyList<MemberSession>> ActiveAsync(Guid memberId, CancellationToken ct) =>
        (await db.MemberSessions.AsNoTracking().Where(s => s.MemberId == memberId && s.RevokedAt == null).ToListAsync(ct))
            .OrderByDescending(s => s.LastSeenAt).ToList();

    /// <summary>Revokes one of the member's own sessions; another member's session id is "not found".</summary>
    public async Task<bool> RevokeAsync(Guid memberId, Guid sessionId, CancellationToken ct)
    {
        var revoked = await db.MemberSessions.Where(s => s.Id == sessionId && s.MemberId == memberId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct) > 0;
        if (revoked)
            facts.Evict(Key(sessionId));
        return revoked;
    }

    public async Task<int> RevokeAllAsync(Guid memberId, Guid? except, CancellationToken ct)
    {
        var ids = await db.MemberSessions.Where(s => s.MemberId == memberId && s.RevokedAt == null && s.Id != except).Select(s => s.Id).ToListAsync(ct);
        var revoked = await db.MemberSessions.Where(s => ids.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), ct);
        facts.Evict([.. ids.Select(Key)]);
        return revoked;
    }

    public async Task<IReadOnlyList<SecurityNotice>> NoticesAsync(Guid memberId, CancellationToken ct) =>
        (await db.SecurityNotices.AsNoTracking().Where(n => n.MemberId == memberId).ToListAsync(ct))
            .OrderByDescending(n => n.CreatedAt).Take(50).ToList();

    public Task<int> UnseenNoticeCountAsync(Guid memberId, CancellationToken ct) =>
        db.SecurityNotices.CountAsync(n => n.MemberId == memberId && n.SeenAt == null, ct);

    public Task<int> MarkNoticesSeenAsync(Guid memberId, CancellationToken ct) =>
        db.SecurityNotices.Where(n => n.MemberId == memberId && n.SeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SeenAt, clock.GetUtcNow()), ct);

    public async Task NoteAsync(Guid memberId, SecurityNoticeKind kind, HttpContext? http, CancellationToken ct)
    {
        db.SecurityNotices.Add(new SecurityNotice
        {
            MemberId = memberId,
            Kind = kind,
            Device = Describe(http?.Request.Headers.UserAgent.ToString() ?? ""),
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The browser's random device id, set on first sign-in. Clients without cookies get a fresh
    /// id each time, so every such sign-in counts as a new device: noisy, but never silent.
    /// </summary>
    private static string DeviceCookieOf(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(DeviceCookie, out var value) && value is { Length: >= 22 and <= 64 })
            return value;
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(DeviceCookie, id, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(400),
        });
        return id;
    }

    private static string Fingerprint(Guid memberId, string deviceId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:N}:{deviceId}")));

    /// <summary>"Firefox on Android": enough for a member to recognise a device, too little to track one.</summary>
    internal static string Describe(string userAgent)
    {
        var browser = userAgent switch
        {
            _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) => "Chrome",
            _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            _ => "App",
        };
        var system = userAgent switch
        {
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "",
        };
        return system.Length == 0 ? browser : $"{browser} · {system}";
    }
}
