using System.Net;
using System.Net.Http.Json;
using System.Text;
using Haven.Testing.Server;
using Haven.Testing;

namespace Haven.Server.Tests.Platform;

public sealed class Platform_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var client = App.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task OpenAPI_document_lists_the_api()
    {
        using var client = App.NewClient();
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/contacts/requests", document, StringComparison.Ordinal);
        Assert.Contains("/api/conversations/{id}/messages", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/accounts/me")]
    [InlineData("/api/profiles")]
    [InlineData("/api/conversations")]
    [InlineData("/api/contacts/requests/incoming")]
    [InlineData("/api/contacts/blocks")]
    public async Task Member_endpoints_require_sign_in(string path)
    {
        using var client = App.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/api/accounts/register", "{not json")]
    [InlineData("/api/accounts/register", "{\"email\": 5, \"password\": [], \"pseudonym\": null}")]
    [InlineData("/api/accounts/register", "{}")]
    [InlineData("/api/accounts/login", "[]")]
    public async Task Malformed_input_is_a_400_problem_never_a_500(string path, string body)
    {
        using var client = App.NewClient();
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_member_input_is_a_400_problem()
    {
        var member = await App.RegisterAsync();
        var badJson = await member.Http.PostAsync("/api/contacts/requests", new StringContent("{\"toMemberId\": \"not-a-guid\"}", Encoding.UTF8, "application/json"));
        var badRoute = await member.Http.GetAsync("/api/conversations/not-a-guid/messages");
        var badQuery = await member.Http.GetAsync($"/api/conversations/{Guid.NewGuid()}/messages?before=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badRoute.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
    }

    [Fact]
    public async Task Development_seeds_demo_members_that_can_sign_in()
    {
        var directory = TestTempDirectory.Create("demo");
        await using var app = HavenApp.Sqlite(directory, environment: "Development").Start();
        var token = await app.SignInAsync("ben@demo.haven", Haven.Server.Demo.DemoSeeder.Password);
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var conversations = await client.GetFromJsonAsync<List<Haven.Server.Chat.ConversationView>>("/api/conversations");
        Assert.Equal("Ayu", Assert.Single(conversations!).OtherPseudonym);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
        await app.DisposeAsync();
        await TestTempDirectory.DeleteAsync(directory);
    }

    [Fact]
    public async Task Landing_page_states_the_rules_in_English_and_Indonesian()
    {
        using var client = App.NewClient();
        var english = await client.GetStringAsync("/");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("id-ID,id;q=0.9");
        var indonesian = await client.GetStringAsync("/");
        Assert.Contains("Adults only.", english, StringComparison.Ordinal);
        Assert.Contains("No contact with minors.", english, StringComparison.Ordinal);
        Assert.Contains("Khusus dewasa.", indonesian, StringComparison.Ordinal);
        Assert.Contains("Dilarang prostitusi dan perdagangan orang.", indonesian, StringComparison.Ordinal);
    }
}
