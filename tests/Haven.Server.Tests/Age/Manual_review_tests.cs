using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Haven.Server.Age;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Age;

public sealed class Manual_review_tests : IAsyncLifetime
{
    // A minimal JPEG: what matters is the content signature, not the name or declared type.
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private string _directory = "";
    private HavenApp _app = null!;

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("age-review");
        _app = new HavenApp("Sqlite", $"Data Source={Path.Combine(_directory, "haven.db")}")
            .WithServices(services => services.AddSingleton<TimeProvider>(_clock))
            .Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }

    [Fact]
    public async Task Only_moderators_can_see_an_uploaded_ID_image()
    {
        var member = await _app.RegisterAsync(verified: false);
        var stranger = await _app.RegisterAsync();
        var moderator = await _app.MakeModeratorAsync(await _app.RegisterAsync());
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(member, Jpeg, "image/png")).StatusCode);
        var review = Assert.Single((await moderator.Http.GetFromJsonAsync<List<AgeReviewView>>("/api/moderation/age/reviews"))!, r => r.MemberId == member.Id);

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync($"/api/moderation/age/reviews/{review.Id}/image")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync($"/api/moderation/age/reviews/{review.Id}/image")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync("/api/moderation/age/reviews")).StatusCode);
        using var anonymous = _app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/moderation/age/reviews/{review.Id}/image")).StatusCode);

        var image = await moderator.Http.GetAsync($"/api/moderation/age/reviews/{review.Id}/image");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Jpeg, await image.Content.ReadAsByteArrayAsync());
        Assert.True((await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.ReviewPending);
    }

    [Fact]
    public async Task Upload_that_is_not_an_image_is_refused_whatever_its_declared_type()
    {
        var member = await _app.RegisterAsync(verified: false);
        var response = await UploadAsync(member, "%PDF-1.7 not an image"u8.ToArray(), "image/jpeg");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(await _app.QueryAsync(db => db.AgeReviews.AnyAsync(r => r.MemberId == member.Id)));
    }

    [Fact]
    public async Task Approval_verifies_the_member_and_the_image_is_deleted_within_24_hours()
    {
        var member = await _app.RegisterAsync(verified: false);
        var moderator = await _app.MakeModeratorAsync(await _app.RegisterAsync());
        await UploadAsync(member, Jpeg, "image/jpeg");
        var review = Assert.Single((await moderator.Http.GetFromJsonAsync<List<AgeReviewView>>("/api/moderation/age/reviews"))!, r => r.MemberId == member.Id);

        var decided = await moderator.Http.PostAsJsonAsync($"/api/moderation/age/reviews/{review.Id}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        Assert.True((await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.Verified);
        var audited = await _app.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Subject == $"member:{member.Id}"));
        Assert.Equal(("age.review.approve", $"member:{moderator.Id}"), (audited.Action, audited.Actor));
        var again = await moderator.Http.PostAsJsonAsync($"/api/moderation/age/reviews/{review.Id}/decision", new { approve = false });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var sweeper = _app.Services.GetRequiredService<AgeReviewImageSweeper>();
        _clock.Advance(TimeSpan.FromHours(1));
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.True(await _app.QueryAsync(db => db.AgeReviewImages.AnyAsync(i => i.ReviewId == review.Id)));

        _clock.Advance(TimeSpan.FromHours(23));
        await sweeper.SweepAsync(CancellationToken.None);

        Assert.False(await _app.QueryAsync(db => db.AgeReviewImages.AnyAsync(i => i.ReviewId == review.Id)));
        var kept = await _app.QueryAsync(db => db.AgeReviews.SingleAsync(r => r.Id == review.Id));
        Assert.NotNull(kept.ImageDeletedAt);
        var check = await _app.QueryAsync(db => db.AgeChecks.SingleAsync(c => c.MemberId == member.Id));
        Assert.Equal((AgeMethod.ManualReview, AgeOutcome.Verified, ManualReviewVerifier.Issuer), (check.Method, check.Outcome, check.Issuer));
    }

    [Fact]
    public async Task Moderator_cannot_decide_their_own_review()
    {
        var moderator = await _app.MakeModeratorAsync(await _app.RegisterAsync(verified: false));
        await UploadAsync(moderator, Jpeg, "image/jpeg");
        var review = Assert.Single((await moderator.Http.GetFromJsonAsync<List<AgeReviewView>>("/api/moderation/age/reviews"))!, r => r.MemberId == moderator.Id);

        var decided = await moderator.Http.PostAsJsonAsync($"/api/moderation/age/reviews/{review.Id}/decision", new { approve = true });

        Assert.Equal(HttpStatusCode.Forbidden, decided.StatusCode);
        Assert.False((await moderator.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.Verified);
    }

    private static Task<HttpResponseMessage> UploadAsync(TestMember member, byte[] bytes, string declaredType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        return member.Http.PostAsync("/api/age/manual-review", content);
    }
}
