using Haven.Server.Accounts;
using Haven.Server.Age;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Demo;

/// <summary>Seeds a few demo members so a new developer can try Haven at once (credentials in the README).</summary>
internal sealed partial class DemoSeeder(
    HavenDbContext db,
    UserManager<Member> users,
    ContactService contacts,
    ChatService chat,
    AgeStatusService age,
    ILogger<DemoSeeder> logger) : IStartupSeeder
{
    public const string Password = "demo-haven-2026";

    private static readonly (string Pseudonym, string Email, string Culture, string Bio, string[] Languages, string[] Tags)[] People =
    [
        ("Ayu", "ayu@demo.haven", "id", "Suka kopi, hujan dan obrolan panjang. Pelan-pelan saja ya.", ["id", "en"], ["coffee", "music", "slow-chat"]),
        ("Ben", "ben@demo.haven", "en", "Night-owl photographer. Kind words, good questions.", ["en"], ["photography", "travel", "flirting"]),
        ("Citra", "citra@demo.haven", "id", "Baru di sini. Cari teman ngobrol yang sopan.", ["id"], ["books", "friendship"]),
        ("Dimas", "dimas@demo.haven", "en", "Cook, cyclist, terrible at small talk - help me out.", ["en", "id"], ["cooking", "cycling", "dating"]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
            return;

        var ids = new Dictionary<string, Guid>();
        foreach (var p in People)
        {
            var member = new Member
            {
                UserName = p.Email, Email = p.Email, EmailConfirmed = true,
                Pseudonym = p.Pseudonym, NormalizedPseudonym = PseudonymRules.Normalize(p.Pseudonym),
                PreferredCulture = p.Culture, Bio = p.Bio, Languages = [.. p.Languages], Tags = [.. p.Tags],
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var result = await users.CreateAsync(member, Password);
            if (!result.Succeeded)
                throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            ids[p.Pseudonym] = member.Id;
            // Demo members count as verified (marked by issuer) so the demo chat works out of the box.
            await age.RecordAsync(member.Id, AgeMethod.Credential, AgeOutcome.Verified, AssuranceLevel.Low, "demo-seed", cancellationToken);
        }

        // Ayu and Ben already talk; Citra has asked Ben; Dimas is free to explore.
        var request = await contacts.SendAsync(ids["Ayu"], new SendContactRequest(ids["Ben"], "Hai Ben! Your travel photos look lovely."), cancellationToken);
        var accepted = await contacts.AcceptAsync(ids["Ben"], request.Value!.Id, cancellationToken);
        var conversationId = accepted.Value!.ConversationId!.Value;
        foreach (var (from, text) in new[]
                 {
                     ("Ayu", "Hai Ben, thanks for accepting :)"),
                     ("Ben", "Hi Ayu! Happy to chat. How's your evening?"),
                     ("Ayu", "Hujan terus di Bandung. Perfect for coffee."),
                 })
            await chat.SendAsync(ids[from], new SendMessageRequest(conversationId, Guid.CreateVersion7(), text), cancellationToken);
        await contacts.SendAsync(ids["Citra"], new SendContactRequest(ids["Ben"], "Halo, boleh kenalan?"), cancellationToken);

        LogSeeded(logger, People.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo members.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
