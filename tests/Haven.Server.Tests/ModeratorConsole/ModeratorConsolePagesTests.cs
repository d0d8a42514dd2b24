using System.Net;
using System.Net.Http.Json;
using Haven.Testing.Server;

namespace Haven.Server.Tests.ModeratorConsole;

/// <summary>The console pages as a browser gets them (cookie sign-in, server prerendering): by role, nothing more.</summary>
public sealed class ModeratorConsolePagesTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    public static TheoryData<string> ConsolePages => ["/moderation", $"/moderation/cases/{Guid.NewGuid()}", "/moderation/approvals", "/moderation/appeals", "/admin/transparency"];

    [Theory]
    [MemberData(nameof(ConsolePages))]
    public async Task Members_are_turned_away_before_any_console_content_is_served(string path)
    {
        var browser = await BrowserAsync(await App.RegisterAsync());
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.AbsolutePath);
        Assert.Equal("", html);

        // Where they land shows no way into the console either.
        var home = await browser.GetStringAsync("/");
        Assert.DoesNotContain("nav-moderation", home);
        Assert.DoesNotContain("nav-transparency", home);
    }

    [Fact]
    public async Task Moderators_get_the_console_but_not_the_transparency_report()
    {
        var browser = await BrowserAsync(await App.MakeModeratorAsync(await App.RegisterAsync()));
        var queue = await browser.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var html = await queue.Content.ReadAsStringAsync();
        Assert.Contains("Moderation queue", html);
        Assert.Contains("data-testid=\"nav-moderation\"", html);
        Assert.DoesNotContain("data-testid=\"nav-transparency\"", html);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/moderation/approvals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/moderation/appeals")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/transparency")).StatusCode);
    }

    [Fact]
    public async Task Admins_get_the_transparency_page_in_Indonesian_when_they_choose_it()
    {
        var browser = await BrowserAsync(await App.MakeAdminAsync(await App.RegisterAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/culture?culture=id&redirectUri=/admin/transparency")).StatusCode);
        var page = await browser.GetAsync("/admin/transparency");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Laporan transparansi", html);
        Assert.Contains("api/admin/transparency?from=", html);
        Assert.Contains("format=csv", html);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        using var anonymous = App.NewClient();
        var response = await anonymous.GetAsync("/moderation");
        Assert.DoesNotContain("Moderation queue", await response.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<HttpClient> BrowserAsync(TestMember member)
    {
        var browser = App.NewClient();
        var login = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = member.Email, password = member.Password });
        Assert.True(login.IsSuccessStatusCode, $"cookie sign-in failed: {(int)login.StatusCode}");
        return browser;
    }
}
