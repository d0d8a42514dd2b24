using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haven.Server.Accounts;
using Haven.Testing.Server;
using Haven.Testing;

namespace Haven.Server.Tests.Accounts;

public sealed class Account_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Member_registers_with_pseudonym_and_signs_in_with_a_bearer_token()
    {
        var member = await App.RegisterAsync("Sekar Wangi");
        var me = await member.Http.GetFromJsonAsync<MemberSummaryDto>("/api/accounts/me");
        Assert.Equal("Sekar Wangi", me!.Pseudonym);
        Assert.Equal(member.Id, me.Id);
    }

    [Fact]
    public async Task Cookie_sign_in_works_for_the_web_ui()
    {
        var member = await App.RegisterAsync();
        using var browser = App.NewClient();
        var login = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("haven.auth=", StringComparison.Ordinal));
        var me = await browser.GetFromJsonAsync<MemberSummaryDto>("/api/accounts/me");
        Assert.Equal(member.Id, me!.Id);
    }

    [Theory]
    [InlineData("password", "PasswordCommon")]
    [InlineData("iloveyou", "PasswordCommon")]
    [InlineData("qwerty123", "PasswordCommon")]
    [InlineData("short", "PasswordTooShort")]
    public async Task Weak_password_is_rejected_with_a_reason(string password, string code)
    {
        var response = await Register("weak" + HavenApp.RandomLetters(8), password);
        await AssertValidationProblem(response, "Password");
        Assert.Contains(code == "PasswordCommon" ? "too common" : "at least 8", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Long_passphrase_without_composition_rules_is_accepted()
    {
        var passphrase = string.Join(' ', Enumerable.Repeat("kopi hujan sore", 5)) + " di bandung"; // 90 characters, lower case only
        var response = await Register("phrase" + HavenApp.RandomLetters(8), passphrase);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public void Shipped_common_password_list_has_at_least_ten_thousand_entries() =>
        Assert.True(CommonPasswordValidator.ListSize >= 10_000, $"only {CommonPasswordValidator.ListSize} entries");

    [Theory]
    [InlineData("ab", "3 to 32")]
    [InlineData("this pseudonym is far too long to use", "3 to 32")]
    [InlineData("bob.gmail.com", "email")]
    [InlineData("rina gmail co id", "email")]
    [InlineData("bob at yahoo dot com", "email")]
    [InlineData("call 0812 3456 7890", "phone")]
    [InlineData("rina 081234567", "phone")]
    [InlineData("<script>", "letters")]
    public async Task Pseudonym_rules_are_enforced(string pseudonym, string hint)
    {
        var response = await Register(pseudonym, "correct horse battery staple");
        await AssertValidationProblem(response, "Pseudonym");
        Assert.Contains(hint, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Olive")]
    [InlineData("Clive Live")]
    [InlineData("Kopi.Hitam")]
    public async Task Names_that_only_look_like_mail_words_are_fine(string name)
    {
        var response = await Register(name + HavenApp.RandomLetters(3), "correct horse battery staple");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Pseudonym_is_unique_ignoring_case()
    {
        var name = "Unique" + HavenApp.RandomLetters(8);
        Assert.Equal(HttpStatusCode.Created, (await Register(name, "correct horse battery staple")).StatusCode);
        var second = await Register(name.ToUpperInvariant(), "correct horse battery staple", email: $"{Guid.NewGuid():N}@example.test");
        await AssertValidationProblem(second, "Pseudonym");
    }

    [Fact]
    public async Task Account_locks_after_repeated_failures()
    {
        var member = await App.RegisterAsync();
        using var client = App.NewClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = "wrong password " + i })).StatusCode);

        var withRightPassword = await client.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withRightPassword.StatusCode);
        Assert.Contains("Locked out", await withRightPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_token_gives_a_new_access_token()
    {
        var member = await App.RegisterAsync();
        using var client = App.NewClient();
        var login = await (await client.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = member.Password })).Content.ReadFromJsonAsync<TokenDto>();
        var refreshed = await client.PostAsJsonAsync("/api/accounts/refresh", new { refreshToken = login!.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var bogus = await client.PostAsJsonAsync("/api/accounts/refresh", new { refreshToken = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
    }

    [Fact]
    public async Task Sign_in_and_registration_are_rate_limited()
    {
        var directory = TestTempDirectory.Create("ratelimit");
        await using var app = HavenApp.Sqlite(directory, new Dictionary<string, string?> { ["Haven:Accounts:AuthRequestsPerMinute"] = "3" }).Start();
        using var client = app.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/accounts/login", new { email = "nobody@example.test", password = "whatever it is" })).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await app.DisposeAsync();
        await TestTempDirectory.DeleteAsync(directory);
    }

    private async Task<HttpResponseMessage> Register(string pseudonym, string password, string? email = null)
    {
        using var client = App.NewClient();
        return await client.PostAsJsonAsync("/api/accounts/register", new { email = email ?? $"{Guid.NewGuid():N}@example.test", password, pseudonym });
    }

    private static async Task AssertValidationProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem.RootElement}");
    }
}
