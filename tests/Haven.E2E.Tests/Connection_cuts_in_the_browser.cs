using System.Collections.Concurrent;
using Haven.Server.Chat;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>
/// The page's hub connection can be cut, and Haven's nodes can lose their shared link (Redis) for a while and
/// then ask their clients to resync. The open chat fetches what it missed, and a message whose answer was lost
/// goes again by itself and is stored once.
/// </summary>
public sealed class Connection_cuts_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task A_message_whose_answer_was_lost_with_the_connection_is_sent_again_and_stored_once()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var (page, _, _, conversationId, link) = await OpenChatAsync(context);

        link.Deliver = false;
        await page.GetByTestId("composer").FillAsync("sudah makan?");
        await page.GetByTestId("composer").PressAsync("Enter");
        await Eventually.HoldsAsync(async () => await fixture.App.CountMessagesAsync(conversationId) == 1, seconds: 15);
        await link.CutAsync();

        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "sudah makan?" })).Not.ToHaveClassAsync(PageSteps.PendingClass());
        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "sudah makan?" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("composer")).ToHaveValueAsync("");
        Assert.Equal(1, await fixture.App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task A_message_missed_while_the_connection_was_cut_appears_when_it_reconnects()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var (page, _, ben, conversationId, link) = await OpenChatAsync(context);
        await using var hub = await fixture.App.ConnectHubAsync(ben);

        link.Deliver = false;
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.CreateVersion7(), "sudah sampai rumah?"));
        await link.WaitUntilDroppedAsync("sudah sampai rumah?");
        await link.CutAsync();

        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "sudah sampai rumah?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
    }

    [Fact]
    public async Task A_message_missed_while_the_nodes_were_apart_appears_when_Haven_asks_to_resync()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var (page, ayuId, ben, conversationId, link) = await OpenChatAsync(context);
        await using var hub = await fixture.App.ConnectHubAsync(ben);

        link.Deliver = false;
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.CreateVersion7(), "are you home yet?"));
        await link.WaitUntilDroppedAsync("are you home yet?");
        link.Deliver = true;
        await fixture.App.Services.GetRequiredService<IHubContext<ChatHub, IChatClient>>().Clients.User(ayuId.ToString()).Resync();

        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "are you home yet?" })).ToBeVisibleAsync();
    }

    /// <summary>Ayu in the browser, in her chat with Ben (on a hub connection of his own in the test).</summary>
    private async Task<(IPage Page, Guid AyuId, TestMember Ben, Guid ConversationId, HubLink Link)> OpenChatAsync(IBrowserContext context)
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        var link = new HubLink();
        await page.RouteWebSocketAsync("**/hubs/chat**", link.Route);
        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
        return (page, ayu.Id, ben, conversationId, link);
    }


    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();

    /// <summary>The page's hub WebSocket, passed through the test: it can stop delivering to the page, or cut the line.</summary>
    private sealed class HubLink
    {
        private readonly ConcurrentQueue<string> _dropped = new();
        private IWebSocketRoute? _page;

        public volatile bool Deliver = true;

        public void Route(IWebSocketRoute page)
        {
            _page = page;
            var server = page.ConnectToServer();
            page.OnMessage(frame => Forward(frame, server));
            server.OnMessage(frame =>
            {
                if (Deliver)
                    Forward(frame, page);
                else
                    _dropped.Enqueue(frame.Text ?? "");
            });
        }

        /// <summary>Until the server's frame carrying <paramref name="text"/> has reached the link and gone no further.</summary>
        public Task WaitUntilDroppedAsync(string text) =>
            Eventually.HoldsAsync(() => _dropped.Any(f => f.Contains(text, StringComparison.Ordinal)), seconds: 15);

        /// <summary>Closes the page's side abnormally, as a dropped network would; the page reconnects through a fresh link that delivers.</summary>
        public Task CutAsync()
        {
            Deliver = true;
            return _page!.CloseAsync(new() { Code = 4000, Reason = "cut by the test" });
        }

        private static void Forward(IWebSocketFrame frame, IWebSocketRoute to)
        {
            if (frame.Text is { } text)
                to.Send(text);
            else
                to.Send(frame.Binary!);
        }
    }
}
