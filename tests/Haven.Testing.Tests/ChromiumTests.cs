using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;

namespace Haven.Testing.Tests;

public sealed class ChromiumTests(PlaywrightFixture browser) : IClassFixture<PlaywrightFixture>
{
    [Fact]
    public async Task Opens_a_data_url_and_reads_text_and_script_results()
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync("data:text/html,<h1 id=t>Halo, Haven</h1><script>document.title='ready'</script>");

            Assert.Equal("Halo, Haven", await page.Locator("#t").InnerTextAsync());
            Assert.Equal("ready", await page.TitleAsync());
            Assert.Equal(42, await page.EvaluateAsync<int>("() => 6 * 7"));
        }
        finally
        {
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Loads_a_page_from_a_local_http_server_in_separate_contexts()
    {
        var port = FreePort.Next();
        using var listener = new HttpListener();
        listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        listener.Start();
        var serving = ServeAsync(listener);

        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "id-ID" });
        var firstPage = await first.NewPageAsync();
        var secondPage = await second.NewPageAsync();

        await firstPage.GotoAsync($"http://127.0.0.1:{port}/hello");
        await firstPage.EvaluateAsync("() => localStorage.setItem('who', 'first')");
        await secondPage.GotoAsync($"http://127.0.0.1:{port}/hello");

        Assert.Equal("served /hello", await firstPage.Locator("p").InnerTextAsync());
        Assert.Equal("first", await firstPage.EvaluateAsync<string?>("() => localStorage.getItem('who')"));
        Assert.Null(await secondPage.EvaluateAsync<string?>("() => localStorage.getItem('who')"));
        Assert.Equal("id-ID", await secondPage.EvaluateAsync<string>("() => navigator.language"));

        listener.Stop();
        await serving;
    }

    [Fact]
    public void Uses_the_installed_chromium_with_container_safe_arguments()
    {
        var options = ChromiumBrowser.LaunchOptions();

        Assert.True(File.Exists(options.ExecutablePath));
        Assert.True(options.Headless);
        Assert.Contains("--no-sandbox", options.Args!);
        Assert.Contains("--disable-dev-shm-usage", options.Args!);
        Assert.True(browser.Browser.IsConnected);
        Assert.Matches(@"^\d+\.", browser.Browser.Version);
    }

    private static async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var body = Encoding.UTF8.GetBytes($"<!doctype html><html><body><p>served {context.Request.Url?.AbsolutePath}</p></body></html>");
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
