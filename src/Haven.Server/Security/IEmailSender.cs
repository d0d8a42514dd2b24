using Haven.Server.Data;

namespace Haven.Server.Security;

/// <summary>Sends account email (password reset). Operators plug in their mail provider here.</summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>Development: writes each email to the outbox table, shown at /outbox.</summary>
public sealed class OutboxEmailSender(HavenDbContext db, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        db.OutboxEmails.Add(new OutboxEmail { To = to, Subject = subject, Body = body, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Without a configured mail provider nothing can be delivered; say so in the log (without the
/// address or the link) rather than pretend.
/// </summary>
public sealed partial class UndeliverableEmailSender(ILogger<UndeliverableEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        LogUndeliverable(logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "An account email could not be sent: no mail provider is configured")]
    private static partial void LogUndeliverable(ILogger logger);
}
