using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Haven.Safety.Policy;
using Haven.Server.Accounts;
using Haven.Server.Media;
using Haven.Server.Moderation;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Haven.Server.Tests.Media;

public sealed class Media_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Uploaded_jpeg_carrying_gps_has_no_gps_or_trailer_afterwards()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        var upload = TestImages.JpegWithGpsAndTrailer(TestImages.Jpeg(), "<?php secret-trailer ?>");
        Assert.True(TestImages.HasApp1(upload));
        Assert.True(TestImages.ContainsSequence(upload, "Exif\0\0"u8));

        var sent = await SendAsync(ayu, conversationId, upload);
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var view = await sent.Content.ReadFromJsonAsync<MediaView>();

        var fetched = await ben.Http.GetAsync($"/api/media/{view!.Id}");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/jpeg", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", fetched.Headers.CacheControl?.ToString());
        var stored = await fetched.Content.ReadAsByteArrayAsync();
        Assert.False(TestImages.HasApp1(stored));
        Assert.False(TestImages.ContainsSequence(stored, "Exif"u8));
        Assert.False(TestImages.ContainsSequence(stored, "secret-trailer"u8));
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((320, 240), (decoded.Width, decoded.Height));

        // At rest the image is ciphertext, not a JPEG.
        var body = await App.QueryAsync(db => db.MediaItems.Where(m => m.Id == view.Id).Select(m => m.Body).SingleAsync());
        // (Random nonce bytes may be anything; no run of the plaintext's first 32 bytes can appear by chance.)
        Assert.False(TestImages.ContainsSequence(body, stored.AsSpan(0, 32)));
        Assert.False(TestImages.ContainsSequence(body, "JFIF"u8));
    }

    [Fact]
    public async Task Received_images_arrive_blurred_for_the_recipient_but_not_the_sender()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        var sent = await SendAsync(ayu, conversationId, TestImages.Jpeg());
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var asRecipient = await ben.Http.GetFromJsonAsync<List<MediaView>>($"/api/conversations/{conversationId}/media");
        var asSender = await ayu.Http.GetFromJsonAsync<List<MediaView>>($"/api/conversations/{conversationId}/media");
        Assert.True(Assert.Single(asRecipient!).Blurred);
        Assert.False(Assert.Single(asSender!).Blurred);
        var preview = await ben.Http.GetByteArrayAsync($"/api/media/{asRecipient![0].Id}/preview");
        using var decoded = SKBitmap.Decode(preview);
        Assert.True(decoded.Width <= 24);
    }

    [Fact]
    public async Task Member_cannot_fetch_another_conversations_images()
    {
        var (ayu, _, conversationId) = await PairAsync();
        var outsider = await App.RegisterAsync();
        var sent = await SendAsync(ayu, conversationId, TestImages.Jpeg());
        var view = await sent.Content.ReadFromJsonAsync<MediaView>();

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/media/{view!.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/media/{view.Id}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/conversations/{conversationId}/media")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(outsider, conversationId, TestImages.Jpeg())).StatusCode);
        using var anonymous = App.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/media/{view.Id}")).StatusCode);
    }

    [Fact]
    public async Task Decompression_bomb_is_refused_with_400_before_decoding()
    {
        var (ayu, _, conversationId) = await PairAsync();
        var bomb = TestImages.WithDeclaredSize(TestImages.Jpeg(64, 64), 60_000, 60_000);
        Assert.True(bomb.Length < 10_000);

        var response = await SendAsync(ayu, conversationId, bomb);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "ImageDimensionsTooLarge");
        Assert.Equal(0, await App.QueryAsync(db => db.MediaItems.CountAsync(m => m.ConversationId == conversationId)));
    }

    [Fact]
    public async Task Wrong_type_is_refused_with_400_whatever_it_claims_to_be()
    {
        var (ayu, _, conversationId) = await PairAsync();
        var script = Encoding.UTF8.GetBytes("<script>alert(1)</script>");
        var gif = "GIF89a\u0001\0\u0001\0\0\0\0;"u8.ToArray();

        await AssertProblemAsync(await SendAsync(ayu, conversationId, script, "image/jpeg"), HttpStatusCode.BadRequest, "ImageTypeNotAllowed");
        await AssertProblemAsync(await SendAsync(ayu, conversationId, gif, "image/png"), HttpStatusCode.BadRequest, "ImageTypeNotAllowed");
        await AssertProblemAsync(await SendAsync(ayu, conversationId, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], "image/jpeg"), HttpStatusCode.BadRequest, "ImageUnreadable");
        await AssertProblemAsync(await SendAsync(ayu, conversationId, new byte[10 * 1024 * 1024 + 1]), HttpStatusCode.BadRequest, "ImageTooBig");
        // A PNG labelled as JPEG is still a PNG, and fine.
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ayu, conversationId, TestImages.Png(), "image/jpeg")).StatusCode);
    }

    [Fact]
    public async Task Child_safety_list_match_blocks_upload_and_opens_critical_case_under_legal_hold()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        var operatorClient = await OperatorAsync();
        // The list holds the published hash of the original; the upload is an edited copy (blurred), as in practice.
        var imported = await operatorClient.PostAsync("/api/admin/media/hash-lists/ChildSafety?source=test-ngo",
            new StringContent("# test list\nf8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22\nnot-a-hash\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var import = await imported.Content.ReadFromJsonAsync<HashListImportResult>();
        Assert.Equal((1, 1), (import!.Added, import.Invalid));

        var response = await SendAsync(ayu, conversationId, File.ReadAllBytes(SharedData.GetPath("pdq", "bridge-mods", "blur-a-little.jpg")));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "ImageBlocked");
        var item = await App.QueryAsync(db => db.MediaItems.SingleAsync(m => m.ConversationId == conversationId));
        Assert.Equal(MediaState.Blocked, item.State);
        var opened = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.EvidenceReference == $"media:{item.Id}"));
        Assert.Equal(CaseKind.ChildSafetyMediaMatch, opened.Kind);
        Assert.Equal(CasePriority.Critical, opened.Priority);
        Assert.True(opened.LegalHold);
        Assert.Equal(ayu.Id, opened.SubjectMemberId);
        Assert.Equal(CaseStatus.Open, opened.Status);
        Assert.Null(opened.Deadline);
        // Moderation preserved the account as it is now: the hold outlives a deletion.
        Assert.True(await App.QueryAsync(db => db.CaseEvidence.AnyAsync(e => e.CaseId == opened.Id && e.Kind == EvidenceKind.AccountSnapshot)));
        // The automated block and the operator's import are both on the audit chain.
        var audited = await App.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == $"member:{ayu.Id}" || e.Action == "media.hash_list_import").Select(e => e.Action).ToListAsync());
        Assert.Contains("media.block_hash_match", audited);
        Assert.Contains("media.hash_list_import", audited);
        Assert.Empty((await ben.Http.GetFromJsonAsync<List<MediaView>>($"/api/conversations/{conversationId}/media"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Http.GetAsync($"/api/media/{item.Id}")).StatusCode);
    }

    [Fact]
    public async Task Ncii_list_match_blocks_upload_and_starts_48_hour_takedown()
    {
        var (ayu, _, conversationId) = await PairAsync();
        var operatorClient = await OperatorAsync();
        var imported = await operatorClient.PostAsync("/api/admin/media/hash-lists/ncii",
            new StringContent("cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940\n", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var response = await SendAsync(ayu, conversationId, File.ReadAllBytes(SharedData.GetPath("pdq", "labelme-subset", "q0122.jpg")));

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "ImageBlocked");
        var item = await App.QueryAsync(db => db.MediaItems.SingleAsync(m => m.ConversationId == conversationId));
        var opened = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.EvidenceReference == $"media:{item.Id}"));
        Assert.Equal(CaseKind.NonConsensualImageryMatch, opened.Kind);
        Assert.Equal(CasePriority.High, opened.Priority);
        Assert.False(opened.LegalHold);
        Assert.Equal(opened.CreatedAt + TimeSpan.FromHours(48), opened.Deadline);
    }

    [Fact]
    public async Task Newly_listed_ncii_hash_takes_down_an_image_already_delivered()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        var sent = await SendAsync(ayu, conversationId, File.ReadAllBytes(SharedData.GetPath("pdq", "labelme-subset", "q0291.jpg")));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var view = await sent.Content.ReadFromJsonAsync<MediaView>();

        var operatorClient = await OperatorAsync();
        var imported = await operatorClient.PostAsync("/api/admin/media/hash-lists/Ncii",
            new StringContent("a0fe94f1e5cc1cc8dd855948498dc9243f7ca27336f036d7f212b74bc103c9a7", Encoding.UTF8, "text/plain"));
        var import = await imported.Content.ReadFromJsonAsync<HashListImportResult>();

        Assert.Equal(1, import!.TakenDown);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Http.GetAsync($"/api/media/{view!.Id}")).StatusCode);
        var opened = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.EvidenceReference == $"media:{view.Id}"));
        Assert.Equal(CaseKind.NonConsensualImageryMatch, opened.Kind);
        Assert.NotNull(opened.Deadline);
    }

    [Fact]
    public async Task Members_cannot_load_hash_lists()
    {
        var member = await App.RegisterAsync();
        var response = await member.Http.PostAsync("/api/admin/media/hash-lists/ChildSafety",
            new StringContent("f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(TestMember A, TestMember B, Guid ConversationId)> PairAsync()
    {
        var a = await App.RegisterAsync();
        var b = await App.RegisterAsync();
        return (a, b, await HavenApp.ConnectAsync(a, b));
    }

    private static Task<HttpResponseMessage> SendAsync(TestMember member, Guid conversationId, byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return member.Http.PostAsync($"/api/conversations/{conversationId}/media", content);
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var member = await App.RegisterAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(MediaRegistration.OperatorRole))
                await roles.CreateAsync(new IdentityRole<Guid>(MediaRegistration.OperatorRole));
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(member.Id.ToString()))!, MediaRegistration.OperatorRole);
        }

        var client = App.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.SignInAsync(member.Email, member.Password));
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(code, problem!.Title);
    }
}
