using System.Net;
using System.Net.Http.Json;
using Haven.Server.Profiles;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Profiles;

public sealed class Profile_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Member_edits_own_profile()
    {
        var ayu = await App.RegisterAsync();
        var update = await ayu.Http.PutAsJsonAsync("/api/profiles/me", new { bio = "Suka kopi", languages = new[] { "id", "en" }, tags = new[] { " Coffee ", "coffee", "Rain" } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var me = await ayu.Http.GetFromJsonAsync<ProfileView>("/api/profiles/me");
        Assert.Equal("Suka kopi", me!.Bio);
        Assert.Equal(["id", "en"], me.Languages);
        Assert.Equal(["coffee", "rain"], me.Tags);
        Assert.Equal(ContactState.Self, me.Contact);
    }

    [Fact]
    public async Task Invalid_profile_update_is_a_400_problem()
    {
        var ayu = await App.RegisterAsync();
        var tooLong = await ayu.Http.PutAsJsonAsync("/api/profiles/me", new { bio = new string('x', 501) });
        var badLanguage = await ayu.Http.PutAsJsonAsync("/api/profiles/me", new { languages = new[] { "klingon" } });
        var tooManyTags = await ayu.Http.PutAsJsonAsync("/api/profiles/me", new { tags = Enumerable.Range(0, 13).Select(i => $"t{i}").ToArray() });
        Assert.All([tooLong, badLanguage, tooManyTags], r =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
    }

    [Fact]
    public async Task Browse_filters_by_language_and_tag_and_pages()
    {
        var marker = "tag" + HavenApp.RandomLetters(8);
        var viewer = await App.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            var m = await App.RegisterAsync($"Browse{marker}{(char)('a' + i)}");
            await m.Http.PutAsJsonAsync("/api/profiles/me", new { languages = new[] { i % 2 == 0 ? "id" : "en" }, tags = new[] { marker } });
        }

        var all = await viewer.Http.GetFromJsonAsync<ProfilePage>($"/api/profiles?tag={marker}&pageSize=2");
        var page3 = await viewer.Http.GetFromJsonAsync<ProfilePage>($"/api/profiles?tag={marker}&pageSize=2&page=3");
        var indonesian = await viewer.Http.GetFromJsonAsync<ProfilePage>($"/api/profiles?tag={marker}&language=id");
        var bySearch = await viewer.Http.GetFromJsonAsync<ProfilePage>($"/api/profiles?q=browse{marker}d");

        Assert.Equal(5, all!.Total);
        Assert.Equal(2, all.Items.Count);
        Assert.Single(page3!.Items);
        Assert.Equal(3, indonesian!.Total);
        Assert.Equal($"Browse{marker}d", Assert.Single(bySearch!.Items).Pseudonym);
    }

    [Fact]
    public async Task Profiles_never_expose_email()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var body = await ben.Http.GetStringAsync($"/api/profiles/{ayu.Id}");
        Assert.DoesNotContain(ayu.Email, body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ayu.Pseudonym, body, StringComparison.Ordinal);
    }
}
