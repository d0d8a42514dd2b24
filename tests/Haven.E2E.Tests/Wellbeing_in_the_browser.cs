using System.Text.RegularExpressions;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>A member sets a limit in the browser, reaches it, and is kindly stopped from sending; the dashboard in both languages.</summary>
public sealed class Wellbeing_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Member_sets_a_daily_limit_exceeds_it_and_sending_is_blocked_with_a_kind_message()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        // 40 minutes that reach 10 minutes past now: whatever the hour, at least 10 of them fall "today".
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(ayu.Id, now.AddMinutes(-30), now.AddMinutes(10));

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);

        await page.GotoAsync(Url("/wellbeing/limits"));
        await page.GetByLabel("Time per day (minutes)").FillAsync("5");
        await page.GetByLabel("Time per day (minutes)").PressAsync("Tab");
        await page.GetByTestId("save-DailyMinutes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("limits-notice")).ToHaveTextAsync("Saved.");

        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.GetByTestId("limit-banner")).ToBeVisibleAsync();
        await page.GetByTestId("composer").FillAsync("one more message?");
        await page.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("chat-error")).ToContainTextAsync("You've reached the time limit you set for yourself. You can still read your messages");
        // The text is given back, nothing was stored.
        await Assertions.Expect(page.GetByTestId("composer")).ToHaveValueAsync("one more message?");
        Assert.Equal(0, await fixture.App.CountMessagesAsync(conversationId));
        await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "wellbeing-limit-reached.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_in_English_and_Indonesian()
    {
        var member = await fixture.App.RegisterAsync();
        var today = DateTimeOffset.UtcNow.Date;
        var start = new DateTimeOffset(today, TimeSpan.Zero);
        int[] minutes = [35, 80, 20, 140, 55, 95, 30];
        for (var day = 1; day <= minutes.Length; day++)
            await RecordAsync(member.Id, start.AddDays(-day).AddHours(19), start.AddDays(-day).AddHours(19).AddMinutes(minutes[day - 1]));
        await RecordAsync(member.Id, start.AddDays(-2).AddHours(1), start.AddDays(-2).AddHours(1).AddMinutes(25));
        await fixture.App.QueryAsync(async db =>
        {
            db.WellbeingLimits.Add(new WellbeingLimit { MemberId = member.Id, Kind = LimitKind.DailyMinutes, Value = 90 });
            return await db.SaveChangesAsync();
        });

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/wellbeing?days=7"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your wellbeing");
        await Assertions.Expect(page.GetByTestId("chart-time")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("helplines")).ToContainTextAsync("119 ext. 8");
        await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "wellbeing-dashboard-en.png"), FullPage = true });

        await page.GetByTestId("lang-id").ClickAsync();
        await page.WaitForURLAsync(new Regex("/wellbeing"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kesejahteraanmu");
        await Assertions.Expect(page.GetByTestId("chart-time")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "wellbeing-dashboard-id.png"), FullPage = true });

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
    }

    [Fact]
    public async Task A_time_out_started_in_the_browser_signs_the_member_out_and_keeps_sign_in_closed()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/wellbeing/limits"));
        await page.GetByLabel("Length").First.SelectOptionAsync("48");
        await page.GetByTestId("start-timeout").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("48 hours");
        await page.GetByTestId("confirm-break").ClickAsync();

        await page.WaitForURLAsync(new Regex("/wellbeing/help\\?break=1$"));
        await Assertions.Expect(page.GetByTestId("break-started")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("helplines")).ToContainTextAsync("Samaritans");
        // Signed out: member pages send the browser to sign in, and sign-in stays closed.
        await page.GotoAsync(Url("/chats"));
        await page.WaitForURLAsync(new Regex("/signin"));
        await page.GetByLabel("Email").FillAsync(member.Email);
        await page.GetByLabel("Password").FillAsync(member.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("If you're taking a break or have self-excluded, it is still running.");
    }

    [Fact]
    public async Task A_reality_check_shows_the_session_length_and_lets_the_member_carry_on()
    {
        var member = await fixture.App.RegisterAsync();
        var now = DateTimeOffset.UtcNow;
        await RecordAsync(member.Id, now.AddMinutes(-15), now);
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/wellbeing/limits"));
        await page.GetByLabel("Reality check every (minutes, 0 for off)").FillAsync("10");
        await page.GetByLabel("Reality check every (minutes, 0 for off)").PressAsync("Tab");
        await page.GetByTestId("settings-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("limits-notice")).ToHaveTextAsync("Saved.");

        await page.GotoAsync(Url("/browse"));
        var check = page.GetByTestId("reality-check");
        await Assertions.Expect(check).ToContainTextAsync(new Regex("You've been on Haven for 1[5-9] minutes this session"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Carry on" }).ClickAsync();
        await Assertions.Expect(check).ToBeHiddenAsync();
    }

    private Task<int> RecordAsync(Guid memberId, DateTimeOffset start, DateTimeOffset end) =>
        fixture.App.QueryAsync(async db =>
        {
            db.UsageSessions.Add(new UsageSession { MemberId = memberId, StartedAt = start, LastSeenAt = end });
            return await db.SaveChangesAsync();
        });

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 780 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();
}
