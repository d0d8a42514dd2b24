using System.Net.Http.Json;
using Haven.Safety.Policy;
using Haven.Server.Moderation;
using Haven.Server.Tests.Transparency;
using Haven.Testing.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.ModeratorConsole;

/// <summary>The queue page as the server renders it, on a fake clock so the takedown countdown is exact.</summary>
public sealed class ModeratorQueuePageTests(SqliteTransparencyApp fixture) : IClassFixture<SqliteTransparencyApp>
{
    [Fact]
    public async Task Queue_shows_the_intimate_image_takedown_countdown_in_the_moderators_language()
    {
        var app = fixture.App;
        var subject = await app.RegisterAsync();
        var moderator = await app.MakeModeratorAsync(await app.RegisterAsync());
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICaseIntake>().OpenOrJoinAsync(
                new CaseSignal(subject.Id, CaseKind.NonConsensualImageryMatch, CasePriority.High, "media:42", null, "media.hash_match.ncii"), default);
        fixture.Clock.Advance(TimeSpan.FromMinutes(48));

        var browser = app.NewClient();
        var login = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = moderator.Email, password = moderator.Password });
        Assert.True(login.IsSuccessStatusCode);
        var english = await browser.GetStringAsync("/moderation");
        Assert.Contains("Remove within 47 h 12 min", english);
        Assert.Contains(subject.Pseudonym, english);
        Assert.Contains("Intimate images shared without consent", english);

        await browser.GetAsync("/culture?culture=id&redirectUri=/moderation");
        var indonesian = await browser.GetStringAsync("/moderation");
        Assert.Contains("Hapus dalam 47 j 12 mnt", indonesian);
        Assert.Contains("Antrean moderasi", indonesian);
    }
}
