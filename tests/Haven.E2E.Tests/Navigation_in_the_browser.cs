using System.Text.RegularExpressions;
using Haven.Testing;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Following links works the same on a slow connection as on a fast one.</summary>
public sealed partial class Navigation_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task A_link_followed_while_the_page_is_still_connecting_opens_that_page()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        // A slow connection: the next page's live connection has started (the server answered its handshake and
        // is already rendering), but nothing the server renders reaches the browser yet.
        var slow = new SlowCircuit();
        await page.RouteWebSocketAsync(BlazorHub(), slow.Route);
        await page.GotoAsync(Url("/requests"));
        await Eventually.HoldsAsync(() => slow.HeldFrames > 0);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Chats" }).ClickAsync();
        await page.WaitForURLAsync(ChatsUrl());
        slow.Release();

        await page.WaitUntilInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Chats");
        await Assertions.Expect(page.Locator("a.skip-link")).ToHaveAttributeAsync("href", "/chats#content");
        Assert.Matches(ChatsUrl(), page.Url);
    }

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();

    [GeneratedRegex("/_blazor")]
    private static partial Regex BlazorHub();

    [GeneratedRegex("/chats$")]
    private static partial Regex ChatsUrl();

    /// <summary>Passes the server's handshake through, then holds what it sends until released, in order.</summary>
    private sealed class SlowCircuit
    {
        private readonly Lock gate = new();
        private readonly List<(IWebSocketRoute Page, IWebSocketFrame Frame)> held = [];
        private bool released;
        private int passed;

        public int HeldFrames
        {
            get
            {
                lock (gate)
                    return held.Count;
            }
        }

        public void Route(IWebSocketRoute page)
        {
            var server = page.ConnectToServer();
            server.OnMessage(frame =>
            {
                lock (gate)
                {
                    if (!released && ++passed > 1)
                    {
                        held.Add((page, frame));
                        return;
                    }
                }

                Forward(page, frame);
            });
        }

        public void Release()
        {
            lock (gate)
            {
                released = true;
                foreach (var (page, frame) in held)
                    Forward(page, frame);
                held.Clear();
            }
        }

        private static void Forward(IWebSocketRoute page, IWebSocketFrame frame)
        {
            if (frame.Binary is { } binary)
                page.Send(binary);
            else
                page.Send(frame.Text ?? "");
        }
    }
}
