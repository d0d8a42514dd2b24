using System.Text.RegularExpressions;
using Haven.Testing.Server;
using Microsoft.Playwright;
using SkiaSharp;

namespace Haven.E2E.Tests;

/// <summary>Photos in chat: they arrive blurred and show only when the recipient taps.</summary>
public sealed partial class Photos_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Photo_arrives_blurred_and_is_revealed_on_tap()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var ayuContext = await NewContextAsync(360, 740);
        await using var benContext = await NewContextAsync(1024, 768);
        var ayuPage = await ayuContext.NewPageAsync();
        var benPage = await benContext.NewPageAsync();
        await ayuPage.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        await benPage.SignInAsync(Url("/signin"), ben.Email, ben.Password);
        await ayuPage.GotoAsync(Url($"/chats/{conversationId}"));
        await benPage.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(ayuPage.GetByTestId("connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(benPage.GetByTestId("connection")).ToHaveTextAsync("Live");

        await ayuPage.GetByLabel("Send a photo").SetInputFilesAsync(new FilePayload { Name = "beach.jpg", MimeType = "image/jpeg", Buffer = Photo() });

        // Ayu sees her own photo as it is; Ben gets it live, blurred, with only the tiny preview loaded.
        await Assertions.Expect(ayuPage.GetByTestId("revealed-image")).ToBeVisibleAsync();
        var received = benPage.GetByTestId("chat-image");
        await Assertions.Expect(received).ToBeVisibleAsync();
        await Assertions.Expect(received).ToHaveClassAsync(new Regex("blurred"));
        await Assertions.Expect(received.GetByTestId("blurred-image")).ToHaveAttributeAsync("src", new Regex("/preview$"));
        await Assertions.Expect(benPage.GetByTestId("revealed-image")).ToHaveCountAsync(0);
        var filter = await received.GetByTestId("blurred-image").EvaluateAsync<string>("img => getComputedStyle(img).filter");
        Assert.Contains("blur", filter);

        await received.GetByTestId("reveal-image").ClickAsync();

        var shown = benPage.GetByTestId("revealed-image");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await Assertions.Expect(received).ToHaveClassAsync(new Regex("shown"));
        var naturalWidth = await shown.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }");
        Assert.Equal(400, naturalWidth);
        Assert.Equal("none", await shown.EvaluateAsync<string>("img => getComputedStyle(img).filter"));

        // After a reload it starts blurred again: revealing is a per-view choice, not a setting.
        await benPage.ReloadAsync();
        await Assertions.Expect(benPage.GetByTestId("chat-image")).ToHaveClassAsync(new Regex("blurred"));
        var overflow = await ayuPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
    }

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(400, 300);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(400, 300), [SKColors.SkyBlue, SKColors.SandyBrown], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, 400, 300, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private Task<IBrowserContext> NewContextAsync(int width, int height) =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB" });

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();
}
