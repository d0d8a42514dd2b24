using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Age;

/// <summary>
/// An external age-assurance provider: Haven opens a session and sends the member to the provider,
/// which later calls back. The callback is accepted only with a valid HMAC-SHA256 signature
/// (hex, header <see cref="SignatureHeader"/>) over "timestamp.body" (header
/// <see cref="TimestampHeader"/>, Unix seconds) within five minutes, and only once per event and
/// per session.
/// </summary>
public sealed class ProviderVerifier(
    HavenDbContext db,
    AgeStatusService status,
    TimeProvider clock,
    IOptions<AgeOptions> options) : IAgeVerifier
{
    public const string SignatureHeader = "Haven-Signature";
    public const string TimestampHeader = "Haven-Timestamp";
    public const int MaxCallbackBytes = 16 * 1024;
    public const string EventKeyPrefix = "provider-event:";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public AgeMethod Method => AgeMethod.Provider;

    public bool IsAvailable => options.Value.Provider.Configured;

    public async Task<Outcome<AgeCheckStart>> StartAsync(Guid memberId, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
            return Refusal.NotFound("No external age check provider is set up here.");
        var now = clock.GetUtcNow();
        var session = new AgeProviderSession { Id = Guid.CreateVersion7(now), MemberId = memberId, StartedAt = now };
        db.AgeProviderSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var url = options.Value.Provider.StartUrl.Replace("{session}", session.Id.ToString("N"), StringComparison.Ordinal);
        return new AgeCheckStart(Method, SessionId: session.Id, RedirectUrl: url);
    }

    public async Task<Refusal?> HandleCallbackAsync(string? timestamp, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        var provider = options.Value.Provider;
        if (!provider.Configured)
            return Refusal.NotFound();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799
            || !IsSignatureValid(provider.WebhookSecret, timestamp!, signature, body))
            return new Refusal(StatusCodes.Status401Unauthorized, "SignatureInvalid", "The callback signature is not valid.");

        var now = clock.GetUtcNow();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sentAt).Duration() > Tolerance)
            return new Refusal(StatusCodes.Status401Unauthorized, "TimestampStale", "The callback is too old or from the future.");

        ProviderCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize<ProviderCallback>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            callback = null;
        }

        if (callback is null || string.IsNullOrWhiteSpace(callback.EventId) || callback.EventId.Length > 200
            || callback.Result is not ("over_18" or "under_18" or "failed"))
            return new Refusal(StatusCodes.Status400BadRequest, "CallbackInvalid", "The callback body is not valid.");

        if (!await AgeReplayGuard.TryClaimAsync(db, EventKeyPrefix + callback.EventId, now, cancellationToken))
            return new Refusal(StatusCodes.Status409Conflict, "CallbackReplayed", "This callback was already received.");

        // Completing the session is conditional, so two different events for one session count once.
        var completed = await db.AgeProviderSessions
            .Where(s => s.Id == callback.SessionId && s.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CompletedAt, now), cancellationToken);
        if (completed != 1)
            return await db.AgeProviderSessions.AnyAsync(s => s.Id == callback.SessionId, cancellationToken)
                ? new Refusal(StatusCodes.Status409Conflict, "CallbackReplayed", "This session was already completed.")
                : Refusal.NotFound("This session could not be found.");

        var memberId = await db.AgeProviderSessions.Where(s => s.Id == callback.SessionId).Select(s => s.MemberId).SingleAsync(cancellationToken);
        var outcome = callback.Result == "over_18" ? AgeOutcome.Verified : AgeOutcome.Rejected;
        await status.RecordAsync(memberId, AgeMethod.Provider, outcome, callback.Assurance ?? AssuranceLevel.Substantial, provider.Name, cancellationToken);
        return null;
    }

    /// <summary>The signature a provider sends: lower-case hex HMAC-SHA256 of "timestamp.body".</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    private static bool IsSignatureValid(string secret, string timestamp, string? signature, byte[] body)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length != 64)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
